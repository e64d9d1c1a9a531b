// The editor's project index over a Helm chart (server/src/lsp/project-index.ts): a template or values file of a
// chart is linted as the rendered chart, on unsaved text, and an edit of values.yaml re-lints the open templates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { toProjectPath } from '../../../server/src/io/disk-project-host';
import { ProjectIndex } from '../../../server/src/lsp/project-index';

const CHART = join(__dirname, '..', '..', 'fixtures', 'helm-lint', 'privileged');

describe('editor: Helm charts in the project index', () => {
  it('lints values.yaml as the rendered chart, on unsaved text, and re-lints the open templates of the chart', () => {
    const values = toProjectPath(join(CHART, 'values.yaml'));
    const template = toProjectPath(join(CHART, 'templates', 'deployment.yaml'));
    const unsaved = new Map<string, string>();
    const index = new ProjectIndex({ openText: (uri) => unsaved.get(uri), isIgnored: () => false });
    const valuesUri = pathToFileURL(join(CHART, 'values.yaml')).href;
    const templateUri = pathToFileURL(join(CHART, 'templates', 'deployment.yaml')).href;
    index.opened(valuesUri);
    index.opened(templateUri);
    const lint = (path: string) => index.lint(path, index.rootsOf(path), DEFAULT_SETTINGS, () => DEFAULT_SETTINGS, {});
    assert.ok(lint(values).some((f) => f.ruleId === 'privileged-container'));
    assert.ok(!lint(template).some((f) => f.ruleId === 'helm-template'));
    // An unsaved edit of values.yaml.
    unsaved.set(valuesUri, index.host.readFile(values)!.replace('privileged: true', 'privileged: false'));
    assert.ok(!lint(values).some((f) => f.ruleId === 'privileged-container'));
    assert.deepEqual(index.changed(values, false), [templateUri]);
  });
});
