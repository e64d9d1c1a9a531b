// Helm charts linted as rendered (engine/project/helm-lint.ts): findings at the values line a value came from,
// else at the template line, the other as related information; fixes moved to values.yaml; render problems at
// their lines; unvendored dependencies as one info. Fixtures: test/fixtures/helm-lint/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, findingFixes, type Finding } from '../../../server/src/engine';
import { applyEdits } from '../../../server/src/engine/fixes/apply';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import type { ProjectHost } from '../../../server/src/engine/project/types';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost } from '../../helpers/kustomize-host';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'helm-lint');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ya?ml|tpl)$/.test(e.name)) out.push(p);
  }
  return out;
}

function lint(dir: string, host: ProjectHost = diskHost(), extra: object = {}) {
  const root = join(FIXTURES, dir);
  return { root, host, result: lintProject(host, files(root), { settingsFor: () => DEFAULT_SETTINGS, root, ...extra }) };
}

function summary(host: ProjectHost, file: string, findings: readonly Finding[] | undefined): string[] {
  const index = new LineIndex(host.readFile(file) ?? '');
  return (findings ?? []).map((f) => `${f.ruleId}@${index.position(f.span.start).line + 1}`);
}

describe('helm chart lint', () => {
  it('reports privileged-container on the values.yaml line toYaml rendered, with the template line related', () => {
    const { root, host, result } = lint('privileged');
    const values = join(root, 'values.yaml');
    const found = result.files.get(values) ?? [];
    const priv = found.find((f) => f.ruleId === 'privileged-container');
    assert.ok(priv, summary(host, values, found).join(' '));
    const text = host.readFile(values)!;
    assert.equal(new LineIndex(text).position(priv.span.start).line + 1, 5);
    assert.equal(text.slice(priv.span.start, priv.span.end).trim().length > 0, true);
    const rel = priv.related?.find((r) => r.message.includes('template'));
    assert.ok(rel, JSON.stringify(priv.related));
    assert.equal(rel.file, join(root, 'templates', 'deployment.yaml'));
    assert.deepEqual(priv.helm, { chart: join(root, 'Chart.yaml'), values: [values] });
    // The fix is a suggestion that edits that line of values.yaml.
    const fixes = findingFixes(priv);
    assert.ok(fixes.length > 0);
    assert.ok(fixes.every((f) => f.kind === 'suggestion'));
    const next = applyEdits(text, fixes[0]!.edits)!;
    assert.match(next, /privileged: false/);
    assert.equal(next.split('\n').filter((l, i) => l !== text.split('\n')[i]).length, 1);
  });

  it('reports a literal of the template at the template line, and drops the not-checked note', () => {
    const { root, host, result } = lint('privileged');
    const tmpl = join(root, 'templates', 'deployment.yaml');
    const s = summary(host, tmpl, result.files.get(tmpl));
    assert.ok(s.includes('host-pid@15'), s.join(' '));
    assert.ok(!s.some((x) => x.startsWith('helm-template')), s.join(' '));
  });

  it('with helm off, templates keep their not-checked note', () => {
    const { root, host, result } = lint('privileged', diskHost(), { helm: false });
    const tmpl = join(root, 'templates', 'deployment.yaml');
    assert.deepEqual(summary(host, tmpl, result.files.get(tmpl)), ['helm-template@4']);
  });
});

describe('helm chart fixes', () => {
  it('adds a missing hardening key to the values map the template renders with toYaml (a safe fix)', () => {
    const { root, host, result } = lint('privileged');
    const values = join(root, 'values.yaml');
    const text = host.readFile(values)!;
    const caps = (result.files.get(values) ?? []).find((f) => f.ruleId === 'capabilities-not-dropped');
    assert.ok(caps);
    const fix = findingFixes(caps).find((f) => f.kind === 'fix');
    assert.ok(fix);
    const next = applyEdits(text, fix.edits)!;
    assert.match(next, /runAsNonRoot: true\n {2}capabilities:\n {4}drop:\n {6}- ALL\nresources:/);
    const after = lintProject({ ...host, readFile: (p) => (p === values ? next : host.readFile(p)) }, files(root), { settingsFor: () => DEFAULT_SETTINGS, root });
    assert.ok(!(after.files.get(values) ?? []).some((f) => f.ruleId === 'capabilities-not-dropped'));
  });

  it('edits a literal of the template in place; a value from values is reported and fixed in values.yaml', () => {
    const { root, host, result } = lint('literal');
    const tmpl = join(root, 'templates', 'daemonset.yaml');
    const values = join(root, 'values.yaml');
    const priv = (result.files.get(tmpl) ?? []).find((f) => f.ruleId === 'privileged-container');
    assert.ok(priv, summary(host, tmpl, result.files.get(tmpl)).join(' '));
    const t = host.readFile(tmpl)!;
    const next = applyEdits(t, findingFixes(priv)[0]!.edits)!;
    assert.match(next, /privileged: false\n$/);
    assert.deepEqual(summary(host, values, (result.files.get(values) ?? []).filter((f) => f.ruleId === 'host-network')), ['host-network@2']);
    // No fix is offered on the template's action: it is not a literal.
    assert.ok(!summary(host, tmpl, result.files.get(tmpl)).includes('host-network@14'));
  });
});

describe('helm chart values.schema.json', () => {
  it('reports each schema problem at the values line, a missing required key at the map that lacks it', () => {
    const { root, host, result } = lint('schema');
    const values = join(root, 'values.yaml');
    const found = (result.files.get(values) ?? []).filter((f) => f.ruleId === 'helm-render');
    assert.deepEqual(summary(host, values, found), ['helm-render@1', 'helm-render@1', 'helm-render@3']);
    // In the words of Helm's validator.
    assert.ok(found.some((f) => /at '': missing property 'image'/.test(f.message)));
    assert.ok(found.some((f) => /at '\/replicaCount': got string, want integer/.test(f.message)));
    assert.ok(found.some((f) => /at '\/service\/type': value must be one of /.test(f.message)));
  });
});

describe('helm subcharts', () => {
  it('renders an aliased subchart with the parent values (reported in the parent values.yaml), skips one a tag disables, uses a library chart', () => {
    const { root, host, result } = lint('umbrella');
    const values = join(root, 'values.yaml');
    assert.deepEqual(summary(host, values, (result.files.get(values) ?? []).filter((f) => f.ruleId === 'host-ipc')), ['host-ipc@5']);
    const worker = join(root, 'charts', 'worker', 'templates', 'pod.yaml');
    // The worker is disabled by its tag: not rendered, so not checked (its note stays).
    assert.deepEqual(summary(host, worker, result.files.get(worker)), []);
    const cm = join(root, 'templates', 'configmap.yaml');
    assert.deepEqual(summary(host, cm, result.files.get(cm)), []);
    const chart = result.charts?.find((c) => c.dir === root);
    assert.ok(chart);
    const names = chart.objects.map((o) => `${String(o.node.get('kind'))}/${String((o.node.get('metadata') as any).get('name'))}`).sort();
    assert.deepEqual(names, ['ConfigMap/release-name-umbrella', 'Pod/api']);
    // No subchart is a chart of its own.
    assert.deepEqual(result.charts?.map((c) => c.dir), [root]);
  });
});

describe('helm settings', () => {
  it('the configured kubeVersion reaches .Capabilities; values files are chart-relative', () => {
    const settings = { ...DEFAULT_SETTINGS, helm: { kubeVersion: '1.29.0', valuesFiles: ['ci/prod-values.yaml', 'ci/missing.yaml'] } };
    const root = join(FIXTURES, 'configured', 'chart');
    const result = lintProject(diskHost(), files(root), { settingsFor: () => settings, root });
    const chart = result.charts![0]!;
    assert.deepEqual(chart.valuesFiles, [join(root, 'values.yaml'), join(root, 'ci', 'prod-values.yaml')]);
    const ann = (chart.objects[0]!.node.getIn(['metadata', 'annotations', 'kube']) as unknown);
    assert.equal(String(ann), 'v1.29.0');
  });
});

describe('helm provenance through with, range, include with dict, and tpl', () => {
  it('reports each value at its values line', () => {
    const { root, host, result } = lint('through');
    const values = join(root, 'values.yaml');
    const s = summary(host, values, (result.files.get(values) ?? []).filter((f) => ['privileged-container', 'host-pid', 'host-ipc'].includes(f.ruleId)));
    assert.deepEqual(s.sort(), ['host-ipc@7', 'host-pid@6', 'privileged-container@4']);
  });
});

describe('helm import-values', () => {
  it("a child's exports and child/parent paths fill the parent's values, reported at the child's values line", () => {
    const { root, host, result } = lint('imports');
    const child = join(root, 'charts', 'db', 'values.yaml');
    const s = summary(host, child, (result.files.get(child) ?? []).filter((f) => ['host-network', 'host-pid'].includes(f.ruleId)));
    assert.deepEqual(s.sort(), ['host-network@4', 'host-pid@6']);
  });
});

describe('helm packaged subcharts', () => {
  it('a value the parent sets for a .tgz subchart is reported at the parent values line; without gunzip, one info', async () => {
    const { DiskProjectHost } = await import('../../../server/src/io/disk-project-host');
    const { root, host, result } = lint('packed', new DiskProjectHost());
    const values = join(root, 'values.yaml');
    assert.deepEqual(summary(host, values, (result.files.get(values) ?? []).filter((f) => f.ruleId === 'host-pid')), ['host-pid@2']);
    const plain = lint('packed', diskHost());
    const chart = join(root, 'Chart.yaml');
    assert.deepEqual(
      (plain.result.files.get(chart) ?? []).map((f) => [f.ruleId, f.severity, /cannot be read here/.test(f.message)]),
      [['helm-render', 'info', true]],
    );
  });
});
