// Protocol test: `.shipshape.yaml` in the editor. The bundled server (dist/server.js) is given a real
// workspace folder on disk; config changes on disk (workspace/didChangeWatchedFiles) and unsaved edits of
// an open config file re-lint open documents without a reload. Build first (`npm test` does it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
} from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, LspServer } from './lsp-harness';

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

/** Only privileged-container runs (as an error), so expectations do not move as rules are added. */
const ONLY_PRIVILEGED = { rules: { ...Object.fromEntries([...RULE_IDS].map((id) => [id, 'off'])), 'privileged-container': 'error', 'invalid-config': 'error' } };

async function startServer(folder: string, trusted: boolean): Promise<LspServer> {
  const server = new LspServer();
  server.settings = ONLY_PRIVILEGED;
  await server.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
    initializationOptions: { workspaceTrusted: trusted },
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await server.conn.sendNotification(InitializedNotification.type, {});
  return server;
}

const codes = (p: { diagnostics: { code?: unknown }[] }): unknown[] => p.diagnostics.map((d) => d.code);

describe('.shipshape.yaml in the language server', () => {
  let dir: string;
  let server: LspServer;
  let podUri: string;
  let configUri: string;
  let configPath: string;

  before(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-config-'));
    podUri = pathToFileURL(join(dir, 'pod.yaml')).href;
    configPath = join(dir, '.shipshape.yaml');
    configUri = pathToFileURL(configPath).href;
    writeFileSync(join(dir, 'pod.yaml'), POD);
    server = await startServer(dir, true);
  });

  after(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lints with the editor settings while there is no config file', async () => {
    const published = server.published(podUri, 'diagnostics on open');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: podUri, languageId: 'yaml', version: 1, text: POD } });
    assert.deepEqual(codes(await published), ['privileged-container']);
  });

  it('applies a config file created on disk (didChangeWatchedFiles), winning over the editor settings', async () => {
    writeFileSync(configPath, 'rules:\n  privileged-container: off\n');
    const published = server.published(podUri, 're-lint after the config file appeared');
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Created }] });
    assert.deepEqual(codes(await published), []);
  });

  it('reports problems in an open config file as it is edited, and falls back to the editor settings (not silently)', async () => {
    const configOpened = server.published(configUri, 'config file diagnostics on open');
    const podAgain = server.published(podUri, 're-lint after the config file opened');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: configUri, languageId: 'yaml', version: 1, text: 'rules:\n  privileged-container: off\n' },
    });
    assert.deepEqual(codes(await configOpened), []);
    assert.deepEqual(codes(await podAgain), []);

    const configEdited = server.published(configUri, 'config file diagnostics after a typo');
    const podEdited = server.published(podUri, 're-lint after the config file became invalid');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: configUri, version: 2 },
      contentChanges: [{ text: 'rules:\n  privileged-containr: off\n' }],
    });
    const c = await configEdited;
    assert.deepEqual(codes(c), ['invalid-config']);
    assert.equal(c.diagnostics[0]!.message, 'rules: unknown rule id "privileged-containr" (did you mean "privileged-container"?)');
    assert.deepEqual(c.diagnostics[0]!.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 21 } });
    // The invalid config is not applied: the editor settings are, and the user is told.
    assert.deepEqual(codes(await podEdited), ['privileged-container']);
    assert.ok(
      server.logs.some((l) => l.message.includes('.shipshape.yaml is invalid') && l.message.includes('checked with the editor settings')),
      JSON.stringify(server.logs.map((l) => l.message)),
    );
  });

  it('applies unsaved exemptions of the open config file, by container', async () => {
    const podEdited = server.published(podUri, 're-lint after an exemption was typed');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: configUri, version: 3 },
      contentChanges: [{ text: 'exemptions:\n  - rules: [privileged-container]\n    container: "w*"\n    reason: node agent\n' }],
    });
    assert.deepEqual(codes(await podEdited), []);
  });

  it('uses the file on disk again when the config document closes without saving', async () => {
    writeFileSync(configPath, 'ignorePaths: ["*.txt"]\n');
    const podClosed = server.published(podUri, 're-lint after the config document closed');
    await server.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: configUri } });
    assert.deepEqual(codes(await podClosed), ['privileged-container']);
  });

  it('publishes nothing for a file under ignorePaths', async () => {
    writeFileSync(configPath, 'ignorePaths: ["pod.yaml"]\n');
    const published = server.published(podUri, 're-lint after ignorePaths changed');
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    assert.deepEqual((await published).diagnostics, []);
  });
});

describe('.shipshape.yaml in an untrusted workspace', () => {
  let dir: string;
  let server: LspServer;

  before(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-untrusted-'));
    writeFileSync(join(dir, 'pod.yaml'), POD);
    writeFileSync(join(dir, '.shipshape.yaml'), 'rules:\n  privileged-container: off\n');
    server = await startServer(dir, false);
  });

  after(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not applied: a repository cannot switch rules off before it is trusted', async () => {
    const uri = pathToFileURL(join(dir, 'pod.yaml')).href;
    const published = server.published(uri, 'diagnostics on open');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    assert.deepEqual(codes(await published), ['privileged-container']);
  });
});
