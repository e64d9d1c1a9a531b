// The bundled language server (dist/server.js over stdio) on hostile documents: each gets its diagnostics (at most
// its one finding about the hostile content) and the server keeps answering. A rule that throws
// (SHIPSHAPE_TEST_FAULT) is one internal-error diagnostic per document and one entry in the server's log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  MessageType,
} from 'vscode-languageserver-protocol/node';
import { FAKE } from '../../helpers/fake-secrets';
import { assertServerBuilt, LspServer } from '../lsp/lsp-harness';
import { CASES, expectSurvived, textOf } from './inputs';

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
      env:
        - name: GITHUB_TOKEN
          value: ${FAKE.githubToken}
`;

async function start(env: Record<string, string> = {}): Promise<LspServer> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let server: LspServer;
  try {
    server = new LspServer();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  await server.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await server.conn.sendNotification(InitializedNotification.type, {});
  return server;
}

async function open(server: LspServer, uri: string, languageId: string, text: string, label: string) {
  const published = server.published(uri, label);
  await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  return published;
}

describe('language server on hostile documents', () => {
  let server: LspServer;
  before(async () => {
    assertServerBuilt();
    server = await start();
  });
  after(() => server?.kill());

  for (const c of CASES.filter((x) => !x.engineOnly)) {
    it(c.name, { timeout: 60_000 }, async () => {
      const p = await open(server, `file:///w/hostile/${c.file}`, c.kind, textOf(c), c.name);
      expectSurvived(
        c,
        p.diagnostics.map((d) => ({ ruleId: String(d.code), message: d.message })),
      );
    });
  }

  it('still answers afterwards, and logged no error', { timeout: 60_000 }, async () => {
    const p = await open(server, 'file:///w/ok/pod.yaml', 'yaml', POD, 'an ordinary pod after the hostile ones');
    assert.ok(p.diagnostics.some((d) => d.code === 'privileged-container'));
    assert.equal(server.proc.exitCode, null);
    assert.deepEqual(server.logs.filter((l) => l.type === MessageType.Error), []);
  });
});

describe('language server with a rule that throws', () => {
  let server: LspServer;
  before(async () => {
    assertServerBuilt();
    server = await start({ SHIPSHAPE_TEST_FAULT: 'rule-throws' });
  });
  after(() => server?.kill());

  it('publishes one internal-error per document next to the other diagnostics, and logs the failure once', { timeout: 60_000 }, async () => {
    const uri = 'file:///w/fault/pods.yaml';
    const text = `${POD}---\n${POD.replace('name: web\nspec', 'name: api\nspec')}`;
    const p = await open(server, uri, 'yaml', text, 'diagnostics with a failing rule');
    const internal = p.diagnostics.filter((d) => d.code === 'internal-error');
    assert.equal(internal.length, 2, JSON.stringify(p.diagnostics.map((d) => d.code)));
    assert.ok(internal.every((d) => d.message.startsWith('Rule "test-fault" failed on this document (TypeError)')));
    assert.deepEqual(
      internal.map((d) => d.range.start.line),
      [1, POD.split('\n').length + 1],
    );
    assert.equal(p.diagnostics.filter((d) => d.code === 'privileged-container').length, 2);
    // An edit lints the document again: a new diagnostic, no new log entry for the same failure.
    const again = server.published(uri, 'diagnostics after an edit');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } }, text: 'www' }],
    });
    assert.equal((await again).diagnostics.filter((d) => d.code === 'internal-error').length, 2);
    const errors = server.logs.filter((l) => l.type === MessageType.Error);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!.message, /^rule "test-fault" failed \(TypeError\).*\n {4}at /s);
    const everything = JSON.stringify({ logs: server.logs, published: server.allPublished });
    assert.ok(!everything.includes(FAKE.githubToken), 'the token leaked');
    assert.ok(!everything.includes('test fault in'), 'the error message (which quotes the document) was logged');
  });
});
