// Protocol test of Helm charts in the language server (issue 24): the quick-fix menu's "Disable ... for this line" and
// "Ignore ... for this object" insert comments that work where a chart finding is reported (a Go template comment in
// a template, a YAML comment in values.yaml), and shipshape.helm.valuesFiles changes which values file renders the
// chart. The bundled server over stdio on a chart in a temporary workspace folder. Build first (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeConfigurationNotification, InitializedNotification, InitializeRequest, type CodeAction, type Command, type Diagnostic, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, LspServer } from './lsp-harness';
import { codes, WorkspaceDocs, writeWorkspace } from './workspace-docs';

const TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: true
  hostPID: true
  hostIPC: {{ .Values.hostIPC }}
  containers:
    - name: c
      image: busybox:1.36
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
`;
const VALUES = 'hostIPC: false\nsecurityContext:\n  privileged: true\n';
const FILES: Record<string, string> = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'chart/values.yaml': VALUES,
  'chart/ci/prod-values.yaml': 'hostIPC: true\n',
  'chart/templates/pod.yaml': TEMPLATE,
};
const RULES = ['host-network', 'host-pid', 'host-ipc', 'privileged-container', 'unused-suppression', 'helm-template', 'helm-render'];

function settings(helm?: object) {
  const rules = Object.fromEntries([...RULE_IDS].map((id) => [id, RULES.includes(id) ? 'warning' : 'off']));
  return { rules, ...(helm ? { helm } : {}) };
}

describe('language server: Helm charts', () => {
  let server: LspServer;
  let root: string;
  const docs = new WorkspaceDocs(() => server, () => root);
  const texts = new Map<string, TextDocument>();

  before(async () => {
    assertServerBuilt();
    root = writeWorkspace('shipshape-helm-protocol-', FILES);
    server = new LspServer();
    server.settings = settings();
    await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'workspace' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true } } },
    });
    await server.conn.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(rel: string): Promise<PublishDiagnosticsParams> {
    texts.set(rel, TextDocument.create(docs.uri(rel), 'yaml', 1, FILES[rel]!));
    await docs.open(rel, FILES[rel]!);
    return docs.until(rel, `${rel} opened`, (p) => p.version === 1);
  }

  /** The code action titled `title` for the diagnostic of `rule`, applied as an unsaved edit; the next publication. */
  async function apply(rel: string, p: PublishDiagnosticsParams, rule: string, title: string): Promise<{ inserted: string; after: PublishDiagnosticsParams }> {
    const diagnostic = p.diagnostics.find((d) => d.code === rule) as Diagnostic;
    assert.ok(diagnostic, `${rule} in ${JSON.stringify(codes(p))}`);
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: p.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) ?? [];
    const action = actions.find((a): a is CodeAction => 'title' in a && a.title === title && !('command' in a && typeof (a as Command).command === 'string'));
    assert.ok(action?.edit?.documentChanges, JSON.stringify(actions.map((a) => a.title)));
    const change = action.edit.documentChanges[0] as TextDocumentEdit;
    const doc = texts.get(rel)!;
    const next = TextDocument.applyEdits(doc, change.edits);
    const updated = TextDocument.create(doc.uri, 'yaml', doc.version + 1, next);
    texts.set(rel, updated);
    await docs.edit(rel, next);
    const after = await docs.until(rel, `${rel} after "${title}"`, (x) => x.version === updated.version);
    return { inserted: change.edits.map((e) => e.newText).join(''), after };
  }

  it('"Disable host-network for this line" in a template inserts a {{/* */}} comment that silences it', async () => {
    const p = await open('chart/templates/pod.yaml');
    assert.deepEqual(codes(p).sort(), ['host-network', 'host-pid']);
    const { inserted, after } = await apply('chart/templates/pod.yaml', p, 'host-network', 'Disable host-network for this line');
    assert.equal(inserted, '  {{- /* shipshape-disable-next-line host-network -- justify this exemption */}}\n');
    assert.deepEqual(codes(after), ['host-pid']);
  });

  it('"Ignore host-pid for this object" in a template inserts a shipshape-disable template comment at its top', async () => {
    const p = server.allPublished.filter((x) => x.uri === docs.uri('chart/templates/pod.yaml')).at(-1)!;
    const { inserted, after } = await apply('chart/templates/pod.yaml', p, 'host-pid', 'Ignore host-pid for this object');
    assert.equal(inserted, '{{- /* shipshape-disable host-pid -- justify this exemption */}}\n');
    assert.deepEqual(codes(after), []);
    assert.match(texts.get('chart/templates/pod.yaml')!.getText(), /^\{\{- \/\* shipshape-disable host-pid/);
  });

  it('"Disable privileged-container for this line" in values.yaml inserts a # comment that silences it', async () => {
    const p = await open('chart/values.yaml');
    assert.deepEqual(codes(p), ['privileged-container']);
    const { inserted, after } = await apply('chart/values.yaml', p, 'privileged-container', 'Disable privileged-container for this line');
    assert.equal(inserted, '  # shipshape-disable-next-line privileged-container -- justify this exemption\n');
    assert.deepEqual(codes(after), []);
  });

  it('shipshape.helm.valuesFiles: after the setting changes, the chart renders with ci/prod-values.yaml and the finding is on its line', async () => {
    const p = await open('chart/ci/prod-values.yaml');
    assert.deepEqual(codes(p), []);
    server.settings = settings({ valuesFiles: ['ci/prod-values.yaml'] });
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const after = await docs.until('chart/ci/prod-values.yaml', 'prod values after the setting', (x) => x.diagnostics.length > 0);
    assert.deepEqual(codes(after), ['host-ipc']);
    assert.equal(after.diagnostics[0]!.range.start.line, 0);
    server.settings = settings({ valuesFiles: ['ci/prod-values.yaml'], enabled: false });
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const off = await docs.until('chart/templates/pod.yaml', 'template with helm off', (x) => codes(x).includes('helm-template'));
    assert.deepEqual(codes(off), ['helm-template']);
  });
});
