// Protocol test: the kubeconfig explorer's requests (shared/kubeconfig/protocol.ts) against the bundled
// server. Issue 17: "Lint Kubeconfig" linted in the extension host with default settings, ignoring
// `shipshape.rules` and `.shipshape.yaml`, and published through a second finding-to-diagnostic converter.
// Now the server merges and lints with each file's settings and publishes like any other file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, InitializedNotification, InitializeRequest } from 'vscode-languageserver-protocol/node';
import { KUBECONFIG_EDIT_REQUEST, KUBECONFIG_MODEL_REQUEST, type KubeconfigEditResult, type KubeconfigModelParams, type KubeconfigModelResult } from '../../../shared/kubeconfig/protocol';
import { assertServerBuilt, LspServer } from './lsp-harness';

const TOKEN = 'tok-SECRET-kubeconfig-17';
const CONFIG = `apiVersion: v1
kind: Config
current-context: dev  # kubectl's
clusters:
- name: dev
  cluster:
    server: https://dev.example.com
    insecure-skip-tls-verify: true
contexts:
- name: dev
  context: {cluster: dev, user: admin}
- name: other
  context: {cluster: elsewhere, user: admin}
users:
- name: admin
  user:
    token: ${TOKEN}
`;
/** Defines the cluster `other` names: the dangling reference is judged against the merged names. */
const SECOND = `apiVersion: v1
kind: Config
clusters:
- name: elsewhere
  cluster: {server: "https://elsewhere.example.com", certificate-authority-data: Q0E=}
`;

const ids = (m: KubeconfigModelResult): string[] => [...new Set(m.findings.map((f) => f.ruleId))].sort();

describe('kubeconfig requests in the language server', () => {
  let dir: string;
  let server: LspServer;
  let config: string;
  let second: string;
  let files: KubeconfigModelParams['files'];

  before(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-kubeconfig-'));
    mkdirSync(join(dir, 'kube'));
    config = join(dir, 'kube', 'config');
    second = join(dir, 'kube', 'second');
    writeFileSync(config, CONFIG);
    writeFileSync(second, SECOND);
    files = [
      { path: config, text: CONFIG },
      { path: second, text: SECOND },
    ];
    server = new LspServer();
    await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    await server.conn.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const model = (params: KubeconfigModelParams): Promise<KubeconfigModelResult> => server.conn.sendRequest(KUBECONFIG_MODEL_REQUEST, params);

  it('merges the files and lints them; the model holds no secret', async () => {
    const m = await model({ files });
    assert.deepEqual(m.contexts.map((c) => [c.name, c.current, c.clusterInfo?.server]), [
      ['dev', true, 'https://dev.example.com'],
      ['other', false, 'https://elsewhere.example.com'],
    ]);
    assert.deepEqual(ids(m), ['kubeconfig-insecure-tls', 'kubeconfig-plaintext-token']);
    assert.ok(m.contexts[0]!.findings.some((f) => f.ruleId === 'kubeconfig-insecure-tls' && f.file === config && f.line === 8));
    assert.ok(!JSON.stringify(m).includes(TOKEN));
    assert.equal(server.allPublished.length, 0, 'nothing is published unless asked');
  });

  it('applies shipshape.rules (the issue: the extension host linted with the defaults)', async () => {
    server.settings = { rules: { 'kubeconfig-insecure-tls': 'off', 'kubeconfig-plaintext-token': 'info' } };
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const m = await model({ files });
    assert.deepEqual(ids(m), ['kubeconfig-plaintext-token']);
    assert.deepEqual(m.findings.map((f) => f.severity), ['info']);
  });

  it('applies the .shipshape.yaml above the kubeconfig file', async () => {
    writeFileSync(join(dir, '.shipshape.yaml'), 'rules:\n  kubeconfig-plaintext-token: off\n');
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, '.shipshape.yaml')).href, type: FileChangeType.Created }] });
    assert.deepEqual(ids(await model({ files })), []);
    rmSync(join(dir, '.shipshape.yaml'));
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, '.shipshape.yaml')).href, type: FileChangeType.Deleted }] });
    server.settings = {};
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  });

  it('publishes "Lint Kubeconfig" findings like any file: code, doc link, source and data', async () => {
    const uri = pathToFileURL(config).href;
    const published = server.published(uri, 'kubeconfig lint');
    const cleared = server.published(pathToFileURL(second).href, 'second file (no findings)');
    await model({ files, publish: true });
    const p = await published;
    assert.deepEqual((await cleared).diagnostics, []);
    const tls = p.diagnostics.find((d) => d.code === 'kubeconfig-insecure-tls');
    assert.ok(tls, JSON.stringify(p.diagnostics));
    assert.equal(tls.source, 'shipshape');
    assert.match(tls.codeDescription?.href ?? '', /docs\/rules\/kubeconfig-insecure-tls\.md$/);
    assert.deepEqual(tls.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 34 } });
    assert.equal((tls.data as { ruleId: string }).ruleId, 'kubeconfig-insecure-tls');
    assert.ok(!JSON.stringify(p).includes(TOKEN));
    // A later lint of other files clears what the first one published.
    const clearedLater = server.published(uri, 'cleared when no longer listed');
    await model({ files: [{ path: second, text: SECOND }], publish: true });
    assert.deepEqual((await clearedLater).diagnostics, []);
  });

  it('computes minimal edits; bad requests are refused, not crashed on', async () => {
    const r = await server.conn.sendRequest<KubeconfigEditResult>(KUBECONFIG_EDIT_REQUEST, { text: CONFIG, currentContext: 'other' });
    assert.ok(r.ok);
    assert.equal(r.text, CONFIG.replace('current-context: dev  #', 'current-context: other  #'));
    const ns = await server.conn.sendRequest<KubeconfigEditResult>(KUBECONFIG_EDIT_REQUEST, { text: CONFIG, context: 'dev', namespace: 'web' });
    assert.ok(ns.ok);
    assert.equal(ns.text, CONFIG.replace('{cluster: dev, user: admin}', '{cluster: dev, namespace: web, user: admin}'));
    for (const bad of [null, {}, { text: 1 }, { text: CONFIG }]) {
      const x = await server.conn.sendRequest<KubeconfigEditResult>(KUBECONFIG_EDIT_REQUEST, bad);
      assert.equal(x.ok, false);
    }
    assert.deepEqual((await model({ files: 'nope' } as never)).contexts, []);
    assert.deepEqual((await model({ files: [{ path: 3 }, null] } as never)).files, []);
  });
});
