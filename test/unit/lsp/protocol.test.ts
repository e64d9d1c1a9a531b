// Protocol test: the bundled server (dist/server.js --stdio) spoken to with a real JSON-RPC client.
// Build first (`npm run build`; `npm test` does it). Steps run in order and share one server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticSeverity,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  TextDocumentSyncKind,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, LspServer, ROOT } from './lsp-harness';

const POD_URI = 'file:///workspace/pod.yaml';
const DOCKERFILE_URI = 'file:///workspace/Dockerfile';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
`;
/** `true` on the `privileged:` line (line 9). */
const VALUE: Range = { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } };

/** Only privileged-container runs, so the expectations do not move as rules are added. */
function only(severity: string, extra: Record<string, string> = {}) {
  const rules = Object.fromEntries([...RULE_IDS].map((id) => [id, 'off']));
  return { rules: { ...rules, 'privileged-container': severity, ...extra } };
}

describe('language server over stdio', () => {
  let server: LspServer;

  before(() => {
    assertServerBuilt();
    server = new LspServer();
    server.settings = only('error');
  });

  after(() => server?.kill());

  it('initializes with incremental sync', async () => {
    const result = await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    assert.equal(result.serverInfo?.name, 'shipshape');
    const sync = result.capabilities.textDocumentSync;
    assert.ok(typeof sync === 'object' && sync.openClose === true && sync.change === TextDocumentSyncKind.Incremental);
    await server.conn.sendNotification(InitializedNotification.type, {});
  });

  it('publishes a diagnostic for a privileged container on open', async () => {
    const published = server.published(POD_URI, 'diagnostics on open');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: POD_URI, languageId: 'yaml', version: 1, text: POD } });
    const p = await published;
    assert.equal(p.version, 1);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    const d = p.diagnostics[0]!;
    assert.equal(d.code, 'privileged-container');
    assert.deepEqual(d.range, { start: { line: 9, character: 8 }, end: VALUE.end });
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.source, 'shipshape');
    assert.equal(d.message, 'Container "web" runs privileged (securityContext.privileged: true).');
    assert.equal(d.codeDescription?.href, pathToFileURL(join(ROOT, 'docs', 'rules', 'privileged-container.md')).href);
    assert.ok(d.codeDescription!.href.endsWith('/docs/rules/privileged-container.md'));
    // `data` lets a code action find the finding again without reading the message.
    assert.deepEqual(d.data, { ruleId: 'privileged-container', span: { start: POD.indexOf('privileged: true'), end: POD.indexOf('privileged: true') + 16 }, version: 1, container: 'web' });
    // Settings are pulled for the document's own resource.
    assert.deepEqual(server.configRequests.all.map((r) => r.items), [[{ scopeUri: POD_URI, section: 'shipshape' }]]);
  });

  it('updates diagnostics after an incremental edit', async () => {
    const published = server.published(POD_URI, 'diagnostics after the fix');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: POD_URI, version: 2 },
      contentChanges: [{ range: VALUE, text: 'false' }],
    });
    const p = await published;
    assert.equal(p.version, 2);
    assert.deepEqual(p.diagnostics, []);
  });

  it('never publishes for a version that changed while it was being linted', async () => {
    // Hold the configuration answer: the re-lint of version 2 that the settings change starts is
    // stuck waiting for settings while version 3 arrives. Only version 3 may be published.
    let release!: () => void;
    server.gate = new Promise<void>((r) => (release = r));
    server.settings = only('warning');
    const asked = server.configRequests.fresh('configuration request after didChangeConfiguration');
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual((await asked).items, [{ scopeUri: POD_URI, section: 'shipshape' }]);
    const published = server.published(POD_URI, 'diagnostics for version 3');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: POD_URI, version: 3 },
      contentChanges: [{ range: { start: VALUE.start, end: { line: 9, character: 25 } }, text: 'true' }],
    });
    server.gate = undefined;
    release();
    const p = await published;
    assert.equal(p.version, 3, 'the first publication after the change is for version 3');
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity, d.range]), [['privileged-container', DiagnosticSeverity.Warning, { start: { line: 9, character: 8 }, end: VALUE.end }]]);
  });

  it('serves Dockerfiles', async () => {
    const published = server.published(DOCKERFILE_URI, 'diagnostics for a Dockerfile');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: DOCKERFILE_URI, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nUSER 1000\n' } });
    const p = await published;
    assert.equal(p.version, 1);
    assert.ok(Array.isArray(p.diagnostics));
  });

  it('re-lints open documents when settings change, logging a settings problem once', async () => {
    const pod = server.published(POD_URI, 're-lint after turning the rule off');
    const dockerfile = server.published(DOCKERFILE_URI, 're-lint of the Dockerfile');
    const asked = server.configRequests.all.length;
    server.settings = only('off', { 'no-such-rule': 'error' });
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const p = await pod;
    await dockerfile;
    assert.equal(p.version, 3);
    assert.deepEqual(p.diagnostics, []);
    assert.deepEqual(server.configRequests.all.slice(asked).map((r) => r.items[0]!.scopeUri).sort(), [DOCKERFILE_URI, POD_URI]);
    const problems = server.logs.filter((l) => l.message.includes('no-such-rule'));
    assert.equal(problems.length, 1, JSON.stringify(server.logs));
  });

  it('clears diagnostics when a document closes', async () => {
    server.settings = only('error');
    const relinted = server.published(POD_URI, 're-lint with the rule back on');
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.equal((await relinted).diagnostics.length, 1);
    const cleared = server.published(POD_URI, 'diagnostics cleared on close');
    await server.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: POD_URI } });
    const p = await cleared;
    assert.deepEqual(p.diagnostics, []);
    assert.equal(p.version, undefined);
  });

  it('never logs document contents', () => {
    for (const l of server.logs) assert.ok(!l.message.includes('nginx:1.27') && !l.message.includes('alpine:3.20'), l.message);
  });

  it('shuts down and exits with code 0', async () => {
    await server.conn.sendRequest(ShutdownRequest.type);
    await server.conn.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 0);
    assert.deepEqual(server.unconsumed(POD_URI), [], 'no publication after the document closed');
  });
});
