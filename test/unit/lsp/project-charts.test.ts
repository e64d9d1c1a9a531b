// The language server's relation judgement over the workspace's Helm charts, in process (server/src/lsp/project-charts.ts,
// project-relations.ts): a chart's rendered objects join the judgement, its templates never enter it as plain files
// (no double findings, even for a template without {{ }}), and a chart is rendered again only when a file of its
// folder changes (in the editor or on disk), not on an edit elsewhere; the lint of a chart file reuses that rendering.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, settingsKey } from '../../../server/src/engine';
import { RULES } from '../../../server/src/engine/rules';
import { WorkspaceRelations, findingsIn } from '../../../server/src/lsp/project-relations';
import { memoryHost } from '../../helpers/kustomize-host';

const BINDING = (role: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${role}\nsubjects: []\n`;

function setup() {
  const files: Record<string, string> = {
    '/w/chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    '/w/chart/values.yaml': 'role: missing\n',
    '/w/chart/templates/static.yaml': BINDING('static-missing'),
    '/w/chart/templates/templated.yaml': BINDING('{{ .Values.role }}'),
    '/w/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  };
  const reads = new Map<string, number>();
  const base = memoryHost(files);
  const host = { ...base, readFile: (p: string) => (reads.set(p, (reads.get(p) ?? 0) + 1), files[p]) };
  const open = new Map<string, number>();
  const index = {
    host,
    ready: true,
    yamlFiles: () => new Set(Object.keys(files).filter((p) => p.endsWith('.yaml'))),
    dockerfileFiles: () => new Set<string>(),
    folderOf: () => '/w',
    rootFiles: () => [],
    openUri: (p: string) => (open.has(p) ? `file://${p}` : undefined),
    openPaths: () => open.keys(),
  };
  const relations = new WorkspaceRelations({ index, openVersion: (uri) => open.get(uri.slice('file://'.length)), relint: () => undefined, settleMs: 0 });
  const rules = RULES.filter((r) => r.meta.id === 'rbac-binding-resolved');
  const options = { settingsFor: () => DEFAULT_SETTINGS, projectSettings: DEFAULT_SETTINGS, hooks: { rules }, key: settingsKey(DEFAULT_SETTINGS) };
  const judge = () => relations.judge('file:///w/chart/templates/static.yaml', options)!;
  return { files, reads, open, relations, judge };
}

describe('workspace relations: Helm charts (language server)', () => {
  it('a chart\'s objects are judged once, as rendered: a template without {{ }} is not a plain file too', async () => {
    const t = setup();
    t.open.set('/w/chart/templates/static.yaml', 1);
    await t.relations.reindexed();
    const result = t.judge();
    const inStatic = findingsIn(result, '/w/chart/templates/static.yaml');
    assert.deepEqual(inStatic.map((f) => [f.ruleId, f.helm?.chart]), [['rbac-binding-resolved', '/w/chart/Chart.yaml']]);
    // The templated binding's Role name came from values.yaml: reported there.
    assert.deepEqual(findingsIn(result, '/w/chart/values.yaml').map((f) => f.ruleId), ['rbac-binding-resolved']);
    assert.deepEqual(findingsIn(result, '/w/chart/templates/templated.yaml'), []);
    t.relations.dispose();
  });

  it('renders a chart again only when a file of its folder changes: an unsaved values edit, a change on disk; not an edit elsewhere', async () => {
    const t = setup();
    t.open.set('/w/chart/values.yaml', 1).set('/w/other.yaml', 1);
    await t.relations.reindexed();
    t.judge();
    const renders = () => t.reads.get('/w/chart/templates/templated.yaml') ?? 0;
    const first = renders();
    assert.ok(first > 0);
    t.open.set('/w/other.yaml', 2);
    t.judge();
    assert.equal(renders(), first, 'an edit of another file');
    t.files['/w/chart/values.yaml'] = 'role: static-missing\n';
    t.open.set('/w/chart/values.yaml', 2);
    const edited = t.judge();
    assert.ok(renders() > first, 'an unsaved edit of values.yaml');
    assert.match(findingsIn(edited, '/w/chart/values.yaml')[0]!.message, /"static-missing"/);
    const second = renders();
    t.relations.changed('/w/chart/templates/templated.yaml');
    t.judge();
    assert.ok(renders() > second, 'a change on disk in the chart');
    t.relations.dispose();
  });

  it('the lint of a chart file reuses the chart the judgement rendered while it is current, not after an edit it has not seen', async () => {
    const t = setup();
    t.open.set('/w/chart/values.yaml', 1);
    assert.equal(t.relations.renderedChart('/w/chart'), undefined, 'before the files are read');
    await t.relations.reindexed();
    t.judge();
    const chart = t.relations.renderedChart('/w/chart');
    assert.equal(chart?.file, '/w/chart/Chart.yaml');
    assert.equal(t.relations.renderedChart('/w/other'), undefined);
    t.open.set('/w/chart/values.yaml', 2);
    assert.equal(t.relations.renderedChart('/w/chart'), undefined, 'values.yaml changed since');
    t.judge();
    assert.ok(t.relations.renderedChart('/w/chart') && t.relations.renderedChart('/w/chart') !== chart, 'rendered again by the judgement');
    t.relations.dispose();
  });
});
