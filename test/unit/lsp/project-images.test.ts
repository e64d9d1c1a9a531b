// The image relation rules in the language server's workspace judgement, in process (server/src/lsp/project-images.ts,
// project-relations.ts; issue 19 "Will it start?"): the Dockerfiles the index lists are linked to the workloads by the
// folder heuristic and skaffold configs, parsed once per change, and an edit of an open Dockerfile re-lints the open
// manifest whose image findings it changes; a Dockerfile the index leaves out is no link.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, settingsKey } from '../../../server/src/engine';
import { RULES } from '../../../server/src/engine/rules';
import { ProjectIndex } from '../../../server/src/lsp/project-index';
import { WorkspaceRelations, findingsIn } from '../../../server/src/lsp/project-relations';
import { memoryHost } from '../../helpers/kustomize-host';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: orders
          image: ghcr.io/acme/orders-api:1.2
`;
const DOCKERFILE = (user: string) => `FROM scratch\nCOPY orders /orders\nUSER ${user}\nENTRYPOINT ["/orders"]\n`;
const DF = '/w/services/orders-api/Dockerfile';

function setup(listed = true) {
  const files: Record<string, string> = { '/w/k8s/deploy.yaml': DEPLOY, [DF]: DOCKERFILE('10001') };
  const reads = new Map<string, number>();
  const base = memoryHost(files);
  const host = { ...base, readFile: (p: string) => (reads.set(p, (reads.get(p) ?? 0) + 1), base.readFile(p)) };
  const open = new Map<string, number>();
  const relinted: string[] = [];
  const index = {
    host,
    ready: true,
    yamlFiles: () => new Set(Object.keys(files).filter((p) => p.endsWith('.yaml'))),
    dockerfileFiles: () => new Set(listed ? Object.keys(files).filter((p) => p.endsWith('/Dockerfile')) : []),
    folderOf: () => '/w',
    rootFiles: () => [],
    openUri: (p: string) => (open.has(p) ? `file://${p}` : undefined),
    openPaths: () => open.keys(),
  };
  const relations = new WorkspaceRelations({ index, openVersion: (uri) => open.get(uri.slice('file://'.length)), relint: (uri) => void relinted.push(uri), settleMs: 0 });
  const rules = RULES.filter((r) => r.meta.id === 'run-as-non-root-image-root' || r.meta.id === 'run-as-non-root-image-user-name');
  const options = { settingsFor: () => DEFAULT_SETTINGS, projectSettings: DEFAULT_SETTINGS, hooks: { rules }, key: settingsKey(DEFAULT_SETTINGS) };
  const ids = () => findingsIn(relations.judge('file:///w/k8s/deploy.yaml', options)!, '/w/k8s/deploy.yaml').map((f) => f.ruleId);
  return { files, reads, open, relinted, relations, options, ids };
}

describe('workspace relations: images built in the workspace (language server)', () => {
  it('an edit of the open Dockerfile to USER root re-lints the open manifest; the Dockerfile is parsed once per change', { timeout: 10_000 }, async () => {
    const t = setup();
    t.open.set('/w/k8s/deploy.yaml', 1).set(DF, 1);
    await t.relations.reindexed();
    assert.deepEqual(t.ids(), []);
    assert.equal(t.reads.get(DF), 1, 'read once when the link needs it');
    t.files['/w/k8s/deploy.yaml'] = DEPLOY.replace('name: orders\nspec', 'name: orders\n  labels: {a: b}\nspec');
    t.open.set('/w/k8s/deploy.yaml', 2);
    assert.deepEqual(t.ids(), []);
    assert.equal(t.reads.get(DF), 1, 'an edit of the manifest does not read the Dockerfile again');

    t.files[DF] = DOCKERFILE('root');
    t.open.set(DF, 2);
    const relinted = new Promise<void>((resolve) => {
      const wait = () => (t.relinted.length ? resolve() : setImmediate(wait));
      wait();
    });
    t.relations.changed(DF); // what the watcher does after an open Dockerfile's edit (project-watch.ts)
    await relinted;
    assert.deepEqual(t.relinted, ['file:///w/k8s/deploy.yaml']);
    const findings = findingsIn(t.relations.judge('file:///w/k8s/deploy.yaml', t.options)!, '/w/k8s/deploy.yaml');
    assert.deepEqual(findings.map((f) => f.ruleId), ['run-as-non-root-image-root']);
    assert.deepEqual(findings[0]!.related?.[0]?.file, DF);
    assert.match(findings[0]!.related?.[1]?.message ?? '', /built from services\/orders-api\/Dockerfile \(folder name matches the image name\)/);
    // Read again for the change: parsed once, and its text kept to place the related line.
    const reads = t.reads.get(DF)!;
    assert.ok(reads > 1 && reads <= 3, String(reads));
    t.files['/w/k8s/deploy.yaml'] = DEPLOY.replace('name: orders\nspec', 'name: orders\n  labels: {a: c}\nspec');
    t.open.set('/w/k8s/deploy.yaml', 3);
    assert.deepEqual(t.ids(), ['run-as-non-root-image-root']);
    assert.equal(t.reads.get(DF), reads, 'unchanged: neither parsed nor read again');

    const hover = t.relations.imageHover('file:///w/k8s/deploy.yaml', t.files['/w/k8s/deploy.yaml']!.indexOf('orders-api'));
    assert.equal(hover?.text, 'Built from services/orders-api/Dockerfile (folder name matches the image name)');
    assert.equal(t.relations.imageHover('file:///w/k8s/deploy.yaml', 0), undefined);
    t.relations.dispose();
  });

  it('a Dockerfile the index leaves out (files.exclude, ignorePaths) is no link', async () => {
    const t = setup(false);
    t.files[DF] = DOCKERFILE('root');
    await t.relations.reindexed();
    assert.deepEqual(t.ids(), []);
    assert.equal(t.reads.get(DF), undefined, 'never read');
    t.relations.dispose();
  });
});

describe('workspace index: Dockerfiles', () => {
  it('lists Dockerfiles and Containerfiles (not excluded, ignored, node_modules), and follows their creation and deletion', async () => {
    const files: Record<string, string> = {
      '/w/k8s/deploy.yaml': DEPLOY,
      [DF]: DOCKERFILE('10001'),
      '/w/worker/Containerfile': 'FROM alpine:3\n',
      '/w/web/Dockerfile.prod': 'FROM nginx:1.27\n',
      '/w/tools/app.Dockerfile': 'FROM alpine:3\n',
      '/w/excluded/Dockerfile': 'FROM alpine:3\n',
      '/w/ignored/Dockerfile': 'FROM alpine:3\n',
      '/w/node_modules/x/Dockerfile': 'FROM alpine:3\n',
      '/w/README.md': '# not a Dockerfile\n',
    };
    const base = memoryHost(files);
    const list = async (dir: string) => base.readDirectory(dir)?.map((e) => ({ name: e.name, directory: e.directory, file: !e.directory }));
    const index = new ProjectIndex({ openText: () => undefined, isIgnored: (uri) => uri.includes('/ignored/'), files: { ...base, list } });
    await index.index([{ path: '/w', excluded: (rel) => rel === 'excluded' }]);
    assert.deepEqual([...index.dockerfileFiles()], ['/w/services/orders-api/Dockerfile', '/w/tools/app.Dockerfile', '/w/web/Dockerfile.prod', '/w/worker/Containerfile']);
    assert.deepEqual([...index.yamlFiles()], ['/w/k8s/deploy.yaml']);

    files['/w/api/Dockerfile'] = 'FROM alpine:3\n';
    index.changed('/w/api/Dockerfile', true);
    delete files['/w/worker/Containerfile'];
    index.changed('/w/worker/Containerfile', true);
    // Created in an excluded folder (the walk never enters it): not indexed either.
    files['/w/excluded/Containerfile'] = 'FROM alpine:3\n';
    index.changed('/w/excluded/Containerfile', true);
    assert.deepEqual([...index.dockerfileFiles()].sort(), ['/w/api/Dockerfile', '/w/services/orders-api/Dockerfile', '/w/tools/app.Dockerfile', '/w/web/Dockerfile.prod']);
  });
});

describe('workspace index: files created or deleted while it is walked', () => {
  it('keeps them: the walk may have passed their folder already (the relation pass would miss a Role written then)', async () => {
    const files: Record<string, string> = { '/w/a/deploy.yaml': DEPLOY, '/w/z/old.yaml': DEPLOY };
    const base = memoryHost(files);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The walk takes /w/z first (a stack), then waits for the listing of /w/a: /w/z has been walked by then.
    const list = async (dir: string) => {
      if (dir.endsWith('/a')) await gate;
      return base.readDirectory(dir)?.map((e) => ({ name: e.name, directory: e.directory, file: !e.directory }));
    };
    const index = new ProjectIndex({ openText: () => undefined, isIgnored: () => false, files: { ...base, list } });
    const walking = index.index([{ path: '/w', excluded: () => false }]);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(index.ready, false);
    files['/w/z/role.yaml'] = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n';
    index.changed('/w/z/role.yaml', true);
    files['/w/z/Dockerfile'] = 'FROM alpine:3\n';
    index.changed('/w/z/Dockerfile', true);
    release();
    await walking;
    assert.equal(index.ready, true);
    assert.deepEqual([...index.yamlFiles()].sort(), ['/w/a/deploy.yaml', '/w/z/old.yaml', '/w/z/role.yaml']);
    assert.deepEqual([...index.dockerfileFiles()], ['/w/z/Dockerfile']);
  });
});

describe('workspace index: a file the editor opens', () => {
  it('joins the lists even when its creation event has not come (yet)', async () => {
    const files: Record<string, string> = { '/w/a/deploy.yaml': DEPLOY };
    const base = memoryHost(files);
    const list = async (dir: string) => base.readDirectory(dir)?.map((e) => ({ name: e.name, directory: e.directory, file: !e.directory }));
    const index = new ProjectIndex({ openText: () => undefined, isIgnored: () => false, files: { ...base, list } });
    await index.index([{ path: '/w', excluded: (rel) => rel === 'excluded' }]);
    files['/w/b/role.yaml'] = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n';
    files['/w/excluded/x.yaml'] = DEPLOY;
    index.opened('file:///w/b/role.yaml');
    index.opened('file:///w/excluded/x.yaml');
    assert.deepEqual([...index.yamlFiles()].sort(), ['/w/a/deploy.yaml', '/w/b/role.yaml']);
  });
});
