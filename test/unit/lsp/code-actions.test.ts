// Protocol test of textDocument/codeAction against the bundled server: quick fixes come from the
// diagnostic's data, a returned WorkspaceEdit applied to the document makes the diagnostic go away,
// fix-all and harden are resolved eagerly, and a stale diagnostic gets no action.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findingFixes, lintText } from '../../../server/src/engine';
import { applyEdits, fixAll, hardenContainer } from '../../../server/src/engine/fixes/apply';
import { assertServerBuilt, LspServer } from './lsp-harness';

const URI = 'file:///workspace/code-actions/pod.yaml';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
        runAsNonRoot: true
        readOnlyRootFilesystem: true
`;

function applyWorkspaceEdit(doc: TextDocument, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit?.documentChanges, 'no documentChanges');
  const change = edit.documentChanges[0] as TextDocumentEdit;
  assert.equal(change.textDocument.uri, doc.uri);
  assert.equal(change.textDocument.version, doc.version);
  return TextDocument.applyEdits(doc, change.edits);
}

describe('code actions over stdio', () => {
  let server: LspServer;
  let doc = TextDocument.create(URI, 'yaml', 1, POD);
  let diagnostics: Diagnostic[] = [];

  const actions = (diags: Diagnostic[], only?: string[], version = doc.version) =>
    server.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: diags[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: diags.map((d) => ({ ...d, data: { ...(d.data as object), version } })), ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;

  const change = async (text: string, label: string) => {
    const published = server.published(URI, label);
    doc = TextDocument.create(URI, 'yaml', doc.version + 1, text);
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: doc.version }, contentChanges: [{ text }] });
    const p = await published;
    assert.equal(p.version, doc.version);
    diagnostics = p.diagnostics;
  };

  before(async () => {
    assertServerBuilt();
    server = new LspServer();
    server.settings = {};
    const init = await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true } } },
    });
    const provider = init.capabilities.codeActionProvider;
    assert.ok(typeof provider === 'object' && provider.codeActionKinds?.includes('source.fixAll.shipshape'));
    assert.ok(provider.codeActionKinds?.includes('quickfix') && provider.codeActionKinds.includes('refactor.rewrite'));
    await server.conn.sendNotification(InitializedNotification.type, {});
    const published = server.published(URI, 'diagnostics on open');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: POD } });
    diagnostics = (await published).diagnostics;
  });

  after(() => server?.kill());

  it('offers the rule suggestion (labelled, not preferred: it changes what the author wrote), disable and ignore for a diagnostic', async () => {
    const d = diagnostics.find((x) => x.code === 'privileged-container');
    assert.ok(d, JSON.stringify(diagnostics.map((x) => x.code)));
    const list = await actions([d], ['quickfix']);
    const titles = list.map((a) => a.title);
    const fix = list.find((a) => a.title === 'Suggestion: Set privileged: false');
    assert.ok(fix, JSON.stringify(titles));
    assert.ok(!list.some((a) => a.isPreferred === true), 'a suggestion is never the preferred (auto-applied) action');
    assert.equal(fix.kind, 'quickfix');
    assert.ok(titles.includes('Disable privileged-container for this line'), JSON.stringify(titles));
    assert.ok(titles.includes('Ignore privileged-container for this object'), JSON.stringify(titles));
    // The diagnostic's code link opens the rule's page: no "Show documentation" entry next to actions.
    assert.ok(!titles.some((t) => t.startsWith('Show documentation')), JSON.stringify(titles));
    // Only quick fixes were asked for.
    assert.ok(list.every((a) => a.kind === 'quickfix'));

    await change(applyWorkspaceEdit(doc, fix.edit), 'diagnostics after applying the quick fix');
    assert.ok(!diagnostics.some((x) => x.code === 'privileged-container'));
    assert.ok(doc.getText().includes('privileged: false'));
  });

  it('gives no action for a diagnostic of an older version', async () => {
    assert.ok(diagnostics.length > 0);
    assert.deepEqual(await actions(diagnostics, undefined, doc.version - 1), []);
  });

  it('applies the suppression comment quick fix', async () => {
    const d = diagnostics.find((x) => x.code === 'capabilities-not-dropped') ?? diagnostics[0]!;
    const list = await actions([d], ['quickfix']);
    const disable = list.find((a) => a.title === `Disable ${d.code} for this line`);
    assert.ok(disable);
    await change(applyWorkspaceEdit(doc, disable.edit), 'diagnostics after disabling');
    assert.ok(!diagnostics.some((x) => x.code === d.code), JSON.stringify(diagnostics.map((x) => x.code)));
    assert.ok(doc.getText().includes(`# shipshape-disable-next-line ${d.code} -- `));
  });

  it('hardens a container in one edit', async () => {
    const d = diagnostics.find((x) => (x.data as { container?: string }).container === 'app');
    assert.ok(d);
    const list = await actions([d], ['refactor']);
    const harden = list.find((a) => a.title === 'Harden container app');
    assert.ok(harden, JSON.stringify(list.map((a) => a.title)));
    assert.equal(harden.kind, 'refactor.rewrite');
    assert.equal((harden.edit!.documentChanges![0] as TextDocumentEdit).edits.length, 1);
    const before = diagnostics.filter((x) => (x.data as { container?: string }).container === 'app').length;
    await change(applyWorkspaceEdit(doc, harden.edit), 'diagnostics after hardening');
    const afterCount = diagnostics.filter((x) => (x.data as { container?: string }).container === 'app').length;
    assert.ok(afterCount < before, `${before} -> ${afterCount}`);
  });

  it('resolves source.fixAll.shipshape eagerly (for codeActionsOnSave)', async () => {
    await change(POD.replace('spec:\n', 'spec:\n  hostPID: true\n'), 'diagnostics of a fresh insecure text');
    const list = await actions([], ['source.fixAll']);
    assert.equal(list.length, 1, JSON.stringify(list.map((a) => a.title)));
    const fixAllAction = list[0]!;
    assert.equal(fixAllAction.kind, 'source.fixAll.shipshape');
    assert.equal(fixAllAction.command, undefined);
    await change(applyWorkspaceEdit(doc, fixAllAction.edit), 'diagnostics after fix-all');
    assert.ok(!diagnostics.some((x) => x.code === 'capabilities-not-dropped'), 'missing hardening added');
    // What the author wrote stays: fix-all never applies a suggestion.
    for (const kept of ['privileged-container', 'host-pid']) assert.ok(diagnostics.some((x) => x.code === kept), kept);
    assert.ok(doc.getText().includes('privileged: true') && doc.getText().includes('hostPID: true'));
    // Nothing left to fix: no fix-all action.
    assert.deepEqual(await actions([], ['source.fixAll.shipshape']), []);
  });

  // A code action takes its findings from the server's per-document lint, and builds their fixes then. In a file of
  // several documents, every action on a later document must still be what the engine makes of the whole file.
  it('acts on a later document of a multi-document file as the engine does on the whole file', async () => {
    const named = (pod: string, container: string) => pod.replace('name: web', `name: ${container}-pod`).replace('- name: app', `- name: ${container}`);
    const text = [named(POD, 'one'), named(POD, 'two').replace('spec:\n', 'spec:\n  hostPID: true\n'), named(POD, 'three')].join('---\n');
    await change(text, 'diagnostics of three documents');
    const third = text.lastIndexOf('privileged: true');
    const d = diagnostics.find((x) => x.code === 'privileged-container' && (x.data as { span: { start: number } }).span.start === third);
    assert.ok(d, JSON.stringify(diagnostics.map((x) => [x.code, x.data])));
    const fix = (await actions([d], ['quickfix'])).find((a) => a.title === 'Suggestion: Set privileged: false');
    assert.ok(fix, 'no privileged-container suggestion for the third document');
    const engineFinding = lintText(text, 'yaml').find((f) => f.ruleId === 'privileged-container' && f.span.start === third);
    const engineFix = engineFinding && findingFixes(engineFinding)[0];
    assert.ok(engineFix);
    assert.equal(applyWorkspaceEdit(doc, fix.edit), applyEdits(text, engineFix.edits));

    const inTwo = diagnostics.find((x) => (x.data as { container?: string }).container === 'two');
    assert.ok(inTwo);
    const harden = (await actions([inTwo], ['refactor'])).find((a) => a.title === 'Harden container two');
    assert.ok(harden);
    const expected = hardenContainer(text, 'yaml', {}, { containerName: 'two', position: (inTwo.data as { span: { start: number } }).span.start });
    assert.ok(expected.applied > 0);
    assert.equal(applyWorkspaceEdit(doc, harden.edit), expected.text);

    const all = await actions([], ['source.fixAll']);
    assert.equal(all.length, 1);
    const whole = fixAll(text, 'yaml');
    assert.ok(whole.applied > 3, `${whole.applied}`);
    assert.equal(applyWorkspaceEdit(doc, all[0]!.edit), whole.text);
  });
});
