// The web build's language server (dist/web/server.js, what vscode.dev and github.dev run) in a real
// Chromium web worker: initialize, open insecure manifests from examples/insecure, receive
// publishDiagnostics, and compare with the Node server's (dist/server.js over stdio) for the same text:
// the same rule ids, ranges, severities, messages and data. Build first (`npm run build`).
// Skipped with a message only where no Chromium is installed locally; .ci/run sets
// SHIPSHAPE_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { assertServerBuilt, LspServer, ROOT } from '../lsp/lsp-harness';
import { assertWebServerBuilt, BROWSER_REQUIRED, browserMissing, launchChromium, serveRoot, WorkerClient } from './worker-harness';

const missing = browserMissing();
if (missing && BROWSER_REQUIRED) throw new Error(`SHIPSHAPE_REQUIRE_BROWSER=1 but ${missing}`);
if (missing) console.log(`# web worker tests skipped: ${missing}`);

/** A Secret whose `data` the secret rules decode from base64 (in the worker: the web bundle's Buffer stand-in). */
const ENCODED_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  url: ${Buffer.from('postgres://orders:S3cr3t-pa55@db:5432/orders').toString('base64')}
`;

/** The files opened, as github.dev names a repository's files. */
const FILES = [
  ...['deployment.yaml', 'secrets.yaml'].map((name) => ({
    uri: `vscode-vfs://github/example/shop/examples/insecure/${name}`,
    text: readFileSync(join(ROOT, 'examples', 'insecure', name), 'utf8'),
  })),
  { uri: 'vscode-vfs://github/example/shop/encoded-secret.yaml', text: ENCODED_SECRET },
];

/** A diagnostic without its documentation link, which names where each server's extension lives. */
function comparable(d: Diagnostic): Omit<Diagnostic, 'codeDescription'> {
  const { codeDescription: _link, ...rest } = d;
  return rest;
}

describe('the web worker language server', { skip: missing }, () => {
  let browser: Browser;
  let http: Server;
  let base: string;
  let web: WorkerClient;
  let node: LspServer;
  const fromWeb = new Map<string, PublishDiagnosticsParams>();
  const fromNode = new Map<string, PublishDiagnosticsParams>();

  before(async () => {
    assertWebServerBuilt();
    assertServerBuilt();
    ({ base, server: http } = await serveRoot());
    browser = await launchChromium();
    web = await WorkerClient.start(await browser.newPage(), base);
    node = new LspServer('stdio');
  });

  after(async () => {
    node?.kill();
    await browser?.close();
    http?.close();
  });

  it('initializes in the worker and logs that it runs there', async () => {
    const capabilities = { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true } } };
    const result = (await web.request('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities })) as { serverInfo?: { name: string } };
    assert.equal(result.serverInfo?.name, 'shipshape');
    await web.notify('initialized', {});
    await node.initialize();
    const version = await web.waitFor('the version line', (m) => m.method === 'window/logMessage' && /language server \(web worker\)/.test(m.params.message));
    assert.match(version.params.message, /^Shipshape \S+ language server \(web worker\)$/);
  });

  it('publishes the Node server\'s diagnostics for the same documents', async () => {
    for (const [i, f] of FILES.entries()) {
      const params = { textDocument: { uri: f.uri, languageId: 'yaml', version: i + 1, text: f.text } };
      await web.notify('textDocument/didOpen', params);
      await node.conn.sendNotification(DidOpenTextDocumentNotification.type, params);
    }
    for (const f of FILES) {
      fromWeb.set(f.uri, await web.published(f.uri));
      fromNode.set(f.uri, await node.published(f.uri, 'the Node server'));
    }
    for (const f of FILES) {
      const w = fromWeb.get(f.uri)!;
      const n = fromNode.get(f.uri)!;
      assert.ok(n.diagnostics.length > 0, `${f.uri}: the Node server finds problems (${n.diagnostics.length})`);
      assert.deepEqual(w.diagnostics.map(comparable), n.diagnostics.map(comparable), f.uri);
      assert.equal(w.version, n.version);
    }
    const codes = new Set(fromWeb.get(FILES[0]!.uri)!.diagnostics.map((d) => d.code));
    for (const id of ['host-ports', 'dangerous-capabilities', 'run-as-root', 'unsafe-sysctls']) assert.ok(codes.has(id), `deployment.yaml: ${id}`);
    assert.ok(fromWeb.get(FILES[1]!.uri)!.diagnostics.some((d) => d.code === 'secret-in-env'), 'secrets.yaml: secret-in-env');
    // Only a decoded value tells a connection string with a password.
    assert.deepEqual(
      fromWeb.get(FILES[2]!.uri)!.diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
      [['secret-in-manifest', 5, 'Secret "db" key "url" (data) holds what looks like a connection string with a password; a real credential is committed with this file.']],
    );
    assert.deepEqual(web.errors, [], 'no uncaught error in the page or worker');
    assert.ok(!web.received.some((m) => m.method === '$/workerError'), 'no error in the worker');
  });

  it('links each diagnostic to its rule page next to the web bundle, which the page serves', async () => {
    const d = fromWeb.get(FILES[0]!.uri)!.diagnostics.find((x) => x.code === 'host-ports')!;
    assert.equal(d.codeDescription?.href, `${base}/docs/rules/host-ports.md`);
    const page = await fetch(d.codeDescription!.href);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /hostPort/);
  });

  it('logs no error: no Node stand-in is reached', () => {
    const errors = web.received.filter((m) => m.method === 'window/logMessage' && m.params.type === 1).map((m) => m.params.message);
    assert.deepEqual(errors, []);
  });
});

// vscode.dev with a local folder: `file:` URIs and a workspace folder. Reads go to the client (this one answers none:
// the folder's walk and config lookups find nothing, no Node stand-in is reached), and a `.shipshape.yaml` the editor
// has open applies.
describe('the web worker language server on file: URIs with a workspace folder', { skip: missing }, () => {
  let browser: Browser;
  let http: Server;
  let web: WorkerClient;

  before(async () => {
    assertWebServerBuilt();
    let base: string;
    ({ base, server: http } = await serveRoot());
    browser = await launchChromium();
    web = await WorkerClient.start(await browser.newPage(), base);
  });

  after(async () => {
    await browser?.close();
    http?.close();
  });

  it('lints with what the client sends (here nothing), and applies an open .shipshape.yaml', async () => {
    const capabilities = { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } };
    await web.request('initialize', { processId: null, rootUri: 'file:///repo', workspaceFolders: [{ uri: 'file:///repo', name: 'repo' }], capabilities });
    await web.notify('initialized', {});
    await web.waitFor('the project index log', (m) => m.method === 'window/logMessage' && /project index: 0 kustomization files/.test(m.params.message));
    await web.notify('textDocument/didOpen', { textDocument: { uri: 'file:///repo/.shipshape.yaml', languageId: 'yaml', version: 1, text: 'rules:\n  run-as-root: off\n' } });
    await web.notify('textDocument/didOpen', { textDocument: { uri: 'file:///repo/deployment.yaml', languageId: 'yaml', version: 1, text: FILES[0]!.text } });
    const codes = new Set((await web.published('file:///repo/deployment.yaml')).diagnostics.map((d) => d.code));
    assert.ok(codes.has('host-ports'), [...codes].join(' '));
    assert.ok(!codes.has('run-as-root'), 'the open .shipshape.yaml turns run-as-root off');
    const errors = web.received.filter((m) => m.method === 'window/logMessage' && m.params.type <= 2).map((m) => m.params.message);
    assert.deepEqual(errors, [], 'no error or warning logged');
    assert.deepEqual(web.errors, []);
  });
});

