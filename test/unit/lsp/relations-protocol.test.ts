// Protocol test of the relation rules in the editor (server/src/lsp/project-relations.ts, issue 19):
// the bundled server over stdio on a workspace written to a temporary folder, RBAC and
// ServiceAccounts spread over folders. Unsaved edits of one open file re-publish the other
// open files whose relation findings depend on it, with relatedInformation in the other file.
// Build first (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, type LspServer } from './lsp-harness';
import { codes, startIndexed, WorkspaceDocs, writeWorkspace } from './workspace-docs';

/** The Widget CRD and a Widget (test/unit/project/crd-workloads.test.ts). */
const CRD_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'project', 'crd-workloads', 'multi');

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list"]
`;
/** The Role granting everything: `*` on `*` (line 6 is the rule's first line). */
const ROLE_ALL = ROLE.replace('apiGroups: [""]', 'apiGroups: ["*"]').replace('resources: ["configmaps"]', 'resources: ["*"]').replace('verbs: ["get", "list"]', 'verbs: ["*"]');
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader-binding
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
  - kind: ServiceAccount
    name: web
    namespace: shop
`;
/** The `name: reader` line of the roleRef. */
const ROLE_REF_LINE = 8;
const ACCOUNT = (automount: boolean) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: ${automount}
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      serviceAccountName: web
      containers:
        - name: web
          image: nginx:1.27
`;

const FILES: Record<string, string> = {
  'rbac/role.yaml': ROLE,
  'bindings/binding.yaml': BINDING,
  'accounts/web.yaml': ACCOUNT(false),
  'apps/deployment.yaml': DEPLOYMENT,
  // A binding of the same Role through a kustomize build (its file is linted with the build).
  'kustomize/base/kustomization.yaml': 'namespace: shop\nresources:\n  - binding.yaml\n',
  'kustomize/base/binding.yaml': BINDING.replace('name: reader-binding', 'name: built-binding').replace('  namespace: shop\nroleRef', 'roleRef'),
};

/** The relation rules of these files, the one they refine and one container rule, so expectations do not move as rules are added. */
function settings() {
  const rules = Object.fromEntries([...RULE_IDS].map((id) => [id, 'off']));
  return { rules: { ...rules, 'rbac-binding-resolved': 'warning', 'automount-service-account-token': 'warning', 'service-account-not-found': 'info', 'privileged-container': 'error' } };
}

describe('language server: relation rules over the workspace', () => {
  let server: LspServer;
  let root: string;
  const docs = new WorkspaceDocs(() => server, () => root);
  const uri = (rel: string) => docs.uri(rel);
  const open = (rel: string, text: string) => docs.open(rel, text);
  const edit = (rel: string, text: string) => docs.edit(rel, text);
  const until = (rel: string, label: string, ok: (p: PublishDiagnosticsParams) => boolean) => docs.until(rel, label, ok);

  before(async () => {
    assertServerBuilt();
    root = writeWorkspace('shipshape-relations-', FILES);
    server = await startIndexed(root, settings());
  });

  after(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('editing a Role (unsaved) to grant * on * re-publishes the binding in another open file, related to the Role\'s rule; reverting clears it', async () => {
    await open('bindings/binding.yaml', BINDING);
    assert.deepEqual(codes(await server.published(uri('bindings/binding.yaml'), 'binding opened')), []);
    await open('rbac/role.yaml', ROLE);
    assert.deepEqual(codes(await server.published(uri('rbac/role.yaml'), 'role opened')), []);

    await edit('rbac/role.yaml', ROLE_ALL);
    const p = await until('bindings/binding.yaml', 'binding re-linted after the role edit', (x) => x.diagnostics.length > 0);
    assert.deepEqual(codes(p), ['rbac-binding-resolved']);
    const d = p.diagnostics[0]!;
    assert.equal(d.range.start.line, ROLE_REF_LINE);
    assert.match(d.message, /allows every verb on every resource/);
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 1, JSON.stringify(related));
    assert.equal(related[0]!.location.uri, uri('rbac/role.yaml'));
    assert.equal(related[0]!.location.range.start.line, 6);

    await edit('rbac/role.yaml', ROLE);
    assert.deepEqual(codes(await until('bindings/binding.yaml', 'binding after the revert', (x) => x.diagnostics.length === 0)), []);
  });

  it('a pod whose ServiceAccount (another file, not open) disables token mounting has no automount finding; editing the account to leave it on reports it once, on the pod', async () => {
    await open('apps/deployment.yaml', DEPLOYMENT);
    assert.deepEqual(codes(await server.published(uri('apps/deployment.yaml'), 'deployment opened')), []);
    await open('accounts/web.yaml', ACCOUNT(false));
    assert.deepEqual(codes(await server.published(uri('accounts/web.yaml'), 'account opened')), []);

    await edit('accounts/web.yaml', ACCOUNT(true));
    const p = await until('apps/deployment.yaml', 'deployment after the account edit', (x) => x.diagnostics.length > 0);
    // The project-aware judgement replaces the single-object finding: one finding, naming the account.
    assert.deepEqual(codes(p), ['automount-service-account-token']);
    assert.match(p.diagnostics[0]!.message, /web/);
    assert.equal(p.diagnostics[0]!.relatedInformation?.[0]?.location.uri, uri('accounts/web.yaml'));
    // The account's own finding (it leaves mounting on) is in its file.
    assert.deepEqual(codes(await until('accounts/web.yaml', 'account edited', (x) => x.version === 2)), ['automount-service-account-token']);
    // No publication of the deployment ever showed the single-object finding (podMissing) with or without the judgement.
    const shown = server.allPublished.filter((x) => x.uri === uri('apps/deployment.yaml')).flatMap((x) => x.diagnostics.map((dd) => dd.message));
    assert.ok(shown.every((m) => /ServiceAccount "web"|account "web"/i.test(m)), JSON.stringify(shown));
  });

  it('a ServiceAccount created on disk (not open) settles the open pod that named a missing one', async () => {
    const worker = DEPLOYMENT.replace('name: web\n  namespace', 'name: worker\n  namespace').replace('serviceAccountName: web', 'serviceAccountName: ghost');
    writeFileSync(join(root, 'apps/worker.yaml'), worker);
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('apps/worker.yaml'), type: FileChangeType.Created }] });
    await open('apps/worker.yaml', worker);
    // An account the project does not define: info, and the pod is judged alone (it leaves mounting on).
    assert.deepEqual(codes(await until('apps/worker.yaml', 'worker opened', (x) => x.diagnostics.length > 0)), ['automount-service-account-token', 'service-account-not-found']);
    writeFileSync(join(root, 'accounts/ghost.yaml'), ACCOUNT(false).replace('name: web', 'name: ghost'));
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('accounts/ghost.yaml'), type: FileChangeType.Created }] });
    assert.deepEqual(codes(await until('apps/worker.yaml', 'worker after the account was created', (x) => x.diagnostics.length === 0)), []);
  });

  it('a custom resource whose CRD (another file, on disk) embeds a pod template is linted as a workload; without the CRD it is not', async () => {
    const crd = readFileSync(join(CRD_FIXTURES, 'crds', 'widget-crd.yaml'), 'utf8');
    const widget = readFileSync(join(CRD_FIXTURES, 'apps', 'widget.yaml'), 'utf8');
    writeFileSync(join(root, 'apps/widget.yaml'), widget);
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('apps/widget.yaml'), type: FileChangeType.Created }] });
    await open('apps/widget.yaml', widget);
    assert.deepEqual(codes(await server.published(uri('apps/widget.yaml'), 'widget opened without its CRD')), []);
    mkdirSync(join(root, 'crds'), { recursive: true });
    writeFileSync(join(root, 'crds/widget-crd.yaml'), crd);
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('crds/widget-crd.yaml'), type: FileChangeType.Created }] });
    const p = await until('apps/widget.yaml', 'widget once the CRD exists', (x) => x.diagnostics.length > 0);
    // Its pod spec and containers are judged: the container rule, and the pod's token mounting.
    assert.deepEqual(codes(p), ['automount-service-account-token', 'privileged-container']);
    assert.equal(p.diagnostics.find((d) => d.code === 'privileged-container')!.range.start.line, 15);
  });

  it('a binding a kustomize build reads gets the workspace judgement too, and follows edits of the Role', async () => {
    const rel = 'kustomize/base/binding.yaml';
    await open(rel, FILES[rel]!);
    // The Role is open with its first text (granting configmaps): nothing to report.
    assert.deepEqual(codes(await server.published(uri(rel), 'built binding opened')), []);
    await edit('rbac/role.yaml', ROLE_ALL);
    const p = await until(rel, 'built binding after the role edit', (x) => x.diagnostics.length > 0);
    assert.deepEqual(codes(p), ['rbac-binding-resolved']);
    assert.match(p.diagnostics[0]!.message, /\(in kustomization kustomize\/base\)$/);
    assert.equal(p.diagnostics[0]!.relatedInformation?.[0]?.location.uri, uri('rbac/role.yaml'));
    await edit('rbac/role.yaml', ROLE);
    await until(rel, 'built binding after the revert', (x) => x.diagnostics.length === 0);
  });
});
