// The language server's relation judgement, in process (server/src/lsp/project-relations.ts): files read in
// the background once the index is ready, one run of the relation rules per change (not per open file),
// unchanged files not read again, and only the open documents whose judgement changed re-linted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, settingsKey } from '../../../server/src/engine';
import { RULES } from '../../../server/src/engine/rules';
import { defineRule } from '../../../server/src/engine/rule';
import { WorkspaceRelations, findingsIn } from '../../../server/src/lsp/project-relations';
import { memoryHost } from '../../helpers/kustomize-host';

const ROLE = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ns\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: [${verbs}]\n`;
const BINDING = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: ns\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\nsubjects: []\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: other\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';

function setup() {
  const files: Record<string, string> = { '/w/role.yaml': ROLE('get'), '/w/binding.yaml': BINDING, '/w/pod.yaml': POD };
  const reads = new Map<string, number>();
  const base = memoryHost(files);
  const host = { ...base, readFile: (p: string) => (reads.set(p, (reads.get(p) ?? 0) + 1), base.readFile(p)) };
  const open = new Map<string, number>(); // path -> version
  const relinted: string[] = [];
  let runs = 0;
  const counting = defineRule({
    meta: { id: 'test-counting', title: 't', description: 't', defaultSeverity: 'info', category: 'relations', messages: { m: 'm' }, references: {} },
    create: () => ({ project: () => void runs++ }),
  });
  const index = {
    host,
    ready: true,
    yamlFiles: () => new Set(Object.keys(files).filter((p) => p.endsWith('.yaml'))),
    dockerfileFiles: () => new Set(Object.keys(files).filter((p) => p.endsWith('/Dockerfile'))),
    folderOf: () => '/w',
    rootFiles: () => [],
    openUri: (p: string) => (open.has(p) ? `file://${p}` : undefined),
    openPaths: () => open.keys(),
  };
  const relations = new WorkspaceRelations({ index, openVersion: (uri) => open.get(uri.slice('file://'.length)), relint: (uri) => void relinted.push(uri), settleMs: 0 });
  const rules = [...RULES.filter((r) => r.meta.id === 'rbac-binding-resolved'), counting];
  const options = { settingsFor: () => DEFAULT_SETTINGS, projectSettings: DEFAULT_SETTINGS, hooks: { rules }, key: settingsKey(DEFAULT_SETTINGS) };
  return { files, reads, open, relinted, relations, options, runs: () => runs };
}

describe('workspace relations (language server)', () => {
  it('no judgement until the files are read in the background; then one run of the rules for every open file', async () => {
    const t = setup();
    t.open.set('/w/binding.yaml', 1).set('/w/role.yaml', 1);
    assert.equal(t.relations.judge('file:///w/binding.yaml', t.options), undefined, 'not read yet');
    await t.relations.reindexed();
    const a = t.relations.judge('file:///w/binding.yaml', t.options)!;
    const b = t.relations.judge('file:///w/role.yaml', t.options)!;
    assert.equal(a, b, 'the same judgement');
    assert.equal(t.runs(), 1);
    assert.deepEqual(findingsIn(a, '/w/binding.yaml').map((f) => f.ruleId), ['rbac-binding-resolved']);
    t.relations.dispose();
  });

  it('an edit of the Role re-reads only its file, runs the rules once and re-lints the binding whose judgement changed, not the unrelated file', async () => {
    const t = setup();
    t.open.set('/w/binding.yaml', 1).set('/w/role.yaml', 1).set('/w/pod.yaml', 1);
    await t.relations.reindexed();
    for (const f of ['binding', 'role', 'pod']) t.relations.judge(`file:///w/${f}.yaml`, t.options);
    const message = (uri: string) => findingsIn(t.relations.judge(uri, t.options)!, '/w/binding.yaml')[0]?.message ?? '';
    assert.doesNotMatch(message('file:///w/binding.yaml'), /every verb/);
    const before = new Map(t.reads);
    const runs = t.runs();

    t.files['/w/role.yaml'] = ROLE('"*"');
    t.open.set('/w/role.yaml', 2);
    t.relations.judge('file:///w/role.yaml', t.options);
    assert.equal(t.runs(), runs + 1);
    assert.equal(t.reads.get('/w/pod.yaml'), before.get('/w/pod.yaml'), 'the pod file is not read again');
    assert.equal((t.reads.get('/w/role.yaml') ?? 0) > (before.get('/w/role.yaml') ?? 0), true, 'the role file is');
    assert.deepEqual(t.relinted, ['file:///w/binding.yaml']);
    assert.match(message('file:///w/binding.yaml'), /every verb on every resource/);
    assert.equal(t.runs(), runs + 1, 'the binding takes the same judgement');
    t.relations.dispose();
  });

  it('a change on disk is judged after the settle delay, re-linting the documents it changes', { timeout: 10_000 }, async () => {
    const t = setup();
    t.open.set('/w/binding.yaml', 1);
    await t.relations.reindexed();
    t.relations.judge('file:///w/binding.yaml', t.options);
    t.files['/w/role.yaml'] = ROLE('"*"');
    const relinted = new Promise<void>((resolve) => {
      const wait = () => (t.relinted.length ? resolve() : setImmediate(wait));
      wait();
    });
    t.relations.changed('/w/role.yaml');
    await relinted;
    assert.deepEqual(t.relinted, ['file:///w/binding.yaml']);
    t.relations.dispose();
  });
});
