// helm-render: a Helm chart's render problems (engine/project/helm-lint.ts), one finding each at the template or
// values line; info for a dependency that is not vendored, whatever the rule's severity; off turns all of it off.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../server/src/engine';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost } from '../../helpers/kustomize-host';

const root = join(__dirname, '..', '..', 'fixtures', 'helm-lint', 'privileged');
const files = ['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl', 'templates/deployment.yaml', 'templates/broken.yaml'].map((f) => join(root, f));

function renderFindings(settings: EngineSettings): [string, string, string, number][] {
  const host = diskHost();
  const result = lintProject(host, files, { settingsFor: () => settings, root });
  const out: [string, string, string, number][] = [];
  for (const [file, list] of result.files) {
    for (const f of list) if (f.ruleId === 'helm-render') out.push([file.slice(root.length + 1), f.severity, f.message.slice(0, 40), new LineIndex(host.readFile(file)!).position(f.span.start).line + 1]);
  }
  return out;
}

describe('helm-render', () => {
  it("reports a required message at the template line and an unvendored dependency as info on its Chart.yaml line", () => {
    assert.deepEqual(renderFindings(DEFAULT_SETTINGS), [
      ['Chart.yaml', 'info', 'Dependency redis (OCI registry oci://reg', 5],
      ['templates/broken.yaml', 'error', 'helm template failed: template: web/temp', 6],
    ]);
  });

  it('follows the configured severity (info stays info) and reports nothing when off', () => {
    const warn = renderFindings({ ...DEFAULT_SETTINGS, rules: { 'helm-render': 'warning' } });
    assert.deepEqual(warn.map((f) => f[1]), ['info', 'warning']);
    assert.deepEqual(renderFindings({ ...DEFAULT_SETTINGS, rules: { 'helm-render': 'off' } }), []);
  });
});

describe('helm-render: rendered output that is not YAML', () => {
  it('is reported at the template line that wrote the offending text', () => {
    const dir = join(__dirname, '..', '..', 'fixtures', 'helm-lint', 'badyaml');
    const host = diskHost();
    const tmpl = join(dir, 'templates', 'cm.yaml');
    const result = lintProject(host, [join(dir, 'Chart.yaml'), join(dir, 'values.yaml'), tmpl], { settingsFor: () => DEFAULT_SETTINGS, root: dir });
    const found = (result.files.get(tmpl) ?? []).filter((f) => f.ruleId === 'helm-render');
    assert.deepEqual(found.map((f) => new LineIndex(host.readFile(tmpl)!).position(f.span.start).line + 1), [6]);
    assert.match(found[0]!.message, /not valid YAML/);
  });
});
