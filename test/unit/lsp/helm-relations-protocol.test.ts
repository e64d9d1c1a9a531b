// Protocol test of the relation rules over rendered Helm charts in the editor (server/src/lsp/project-charts.ts,
// project-relations.ts; issue 24 with the relations of issue 19): the bundled server over stdio on a workspace with
// a chart. An unsaved edit of values.yaml that stops rendering the chart's ServiceAccount re-publishes the open
// Deployment template with the finding; a values line that names a missing Role gets the finding with the template
// line as relatedInformation. Build first (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, type LspServer } from './lsp-harness';
import { codes, startIndexed, WorkspaceDocs, writeWorkspace } from './workspace-docs';

const VALUES = (create: boolean, role = 'reader') => `serviceAccount:
  create: ${create}
rbac:
  roleName: ${role}
`;
const ACCOUNTS = `{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
automountServiceAccountToken: false
---
{{- end }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: migrations
automountServiceAccountToken: false
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
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
/** The `serviceAccountName: web` line (0-based). */
const ACCOUNT_LINE = 11;
const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ .Values.rbac.roleName }}
subjects:
  - kind: ServiceAccount
    name: web
`;

const FILES: Record<string, string> = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': VALUES(true),
  'chart/templates/serviceaccount.yaml': ACCOUNTS,
  'chart/templates/deployment.yaml': DEPLOYMENT,
  'chart/templates/rbac.yaml': RBAC,
};

function settings() {
  const rules = Object.fromEntries([...RULE_IDS].map((id) => [id, 'off']));
  return { rules: { ...rules, 'rbac-binding-resolved': 'warning', 'automount-service-account-token': 'warning', 'service-account-not-found': 'info' } };
}

describe('language server: relation rules over a rendered Helm chart', () => {
  let server: LspServer;
  let root: string;
  const docs = new WorkspaceDocs(() => server, () => root);
  const uri = (rel: string) => docs.uri(rel);
  const until = (rel: string, label: string, ok: (p: PublishDiagnosticsParams) => boolean) => docs.until(rel, label, ok);

  before(async () => {
    assertServerBuilt();
    root = writeWorkspace('shipshape-helm-relations-', FILES);
    server = await startIndexed(root, settings());
  });

  after(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('values.yaml edited to stop rendering the ServiceAccount (serviceAccount.create: false) re-publishes the Deployment template with the finding; reverting clears it', async () => {
    await docs.open('chart/templates/deployment.yaml', DEPLOYMENT);
    // The chart's ServiceAccount disables token mounting: the pod has nothing to report.
    assert.deepEqual(codes(await until('chart/templates/deployment.yaml', 'template opened', () => true)), []);
    await docs.open('chart/values.yaml', VALUES(true));
    assert.deepEqual(codes(await server.published(uri('chart/values.yaml'), 'values opened')), []);

    await docs.edit('chart/values.yaml', VALUES(false));
    const p = await until('chart/templates/deployment.yaml', 'template after the values edit', (x) => x.diagnostics.some((d) => d.code === 'service-account-not-found'));
    const missing = p.diagnostics.find((d) => d.code === 'service-account-not-found')!;
    assert.equal(missing.range.start.line, ACCOUNT_LINE);
    assert.match(missing.message, /"web"/);
    // Judged alone now (its account is not in the project): the pod's own token finding.
    assert.deepEqual(codes(p).sort(), ['automount-service-account-token', 'service-account-not-found']);

    await docs.edit('chart/values.yaml', VALUES(true));
    assert.deepEqual(codes(await until('chart/templates/deployment.yaml', 'template after the revert', (x) => x.diagnostics.length === 0)), []);
  });

  it('a values line that names a Role the chart does not render gets the binding finding, with the template line in relatedInformation', async () => {
    await docs.edit('chart/values.yaml', VALUES(true, 'writer'));
    const p = await until('chart/values.yaml', 'values naming a missing Role', (x) => x.diagnostics.some((d) => d.code === 'rbac-binding-resolved'));
    const d = p.diagnostics.find((x) => x.code === 'rbac-binding-resolved')!;
    assert.equal(d.range.start.line, 3);
    assert.match(d.message, /"writer"/);
    assert.deepEqual(
      (d.relatedInformation ?? []).map((r) => [r.location.uri, r.location.range.start.line]),
      [[uri('chart/templates/rbac.yaml'), 16]],
    );
    await docs.edit('chart/values.yaml', VALUES(true));
    await until('chart/values.yaml', 'values after the revert', (x) => x.diagnostics.length === 0);
  });
});
