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
      ['templates/broken.yaml', 'error', 'helm template failed: execution error at', 6],
    ]);
  });

  it("words a render error as Helm 4 does: a required message as an execution error at the template position", () => {
    const host = diskHost();
    const result = lintProject(host, files, { settingsFor: () => DEFAULT_SETTINGS, root });
    const found = (result.files.get(join(root, 'templates', 'broken.yaml')) ?? []).find((f) => f.ruleId === 'helm-render');
    assert.equal(found?.message, 'helm template failed: execution error at (web/templates/broken.yaml:6:8): a database password is required');
  });

  it('follows the configured severity (info stays info) and reports nothing when off', () => {
    const warn = renderFindings({ ...DEFAULT_SETTINGS, rules: { 'helm-render': 'warning' } });
    assert.deepEqual(warn.map((f) => f[1]), ['info', 'warning']);
    assert.deepEqual(renderFindings({ ...DEFAULT_SETTINGS, rules: { 'helm-render': 'off' } }), []);
  });
});

describe('helm-render: rendered output that Helm refuses', () => {
  const dir = join(__dirname, '..', '..', 'fixtures', 'helm-lint', 'badyaml');
  const lintBad = () => {
    const host = diskHost();
    const files = ['Chart.yaml', 'values.yaml', 'templates/cm.yaml', 'templates/pod.yaml'].map((f) => join(dir, f));
    return { host, result: lintProject(host, files, { settingsFor: () => DEFAULT_SETTINGS, root: dir }) };
  };

  it("is reported at the template line that wrote the offending text, in Helm's words", () => {
    const { host, result } = lintBad();
    const tmpl = join(dir, 'templates', 'cm.yaml');
    const found = (result.files.get(tmpl) ?? []).filter((f) => f.ruleId === 'helm-render');
    assert.deepEqual(found.map((f) => new LineIndex(host.readFile(tmpl)!).position(f.span.start).line + 1), [6]);
    // helm v4.1.4: "YAML parse error on badyaml/templates/cm.yaml: error converting YAML to JSON: yaml: line 6: ..."
    assert.match(found[0]!.message, /^helm template failed: YAML parse error on badyaml\/templates\/cm\.yaml: error converting YAML to JSON: yaml: line 6: /);
  });

  it('a document that is not a map fails its template: one finding there, and nothing of that template is linted', () => {
    const { host, result } = lintBad();
    const tmpl = join(dir, 'templates', 'pod.yaml');
    const found = result.files.get(tmpl) ?? [];
    // helm v4.1.4 refuses it so; the privileged Pod above the bad document is not checked (Helm installs nothing).
    assert.deepEqual(found.map((f) => [f.ruleId, new LineIndex(host.readFile(tmpl)!).position(f.span.start).line + 1]), [['helm-render', 12]]);
    assert.equal(found[0]!.message, 'helm template failed: YAML parse error on badyaml/templates/pod.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead');
  });
});
