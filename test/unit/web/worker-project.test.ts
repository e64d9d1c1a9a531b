// The web worker's server reads the workspace through the editor (server/src/web/editor-files.ts): on a github.dev
// workspace (vscode-vfs: URIs), the repository's .shipshape.yaml applies and a kustomize patch is linted with the
// builds that read it, as the Node server does on the same files from disk. The test client answers the worker's
// shipshape/readFile and shipshape/readDirectory requests from a copy of test/fixtures/project/argo, as
// client/src/web/editor-files.ts answers them with vscode.workspace.fs. Build first (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import * as client from '../../../client/src/language-client-config';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST } from '../../../server/src/web/editor-files';
import { assertServerBuilt, LspServer, ROOT } from '../lsp/lsp-harness';
import { assertWebServerBuilt, BROWSER_REQUIRED, browserMissing, launchChromium, serveRoot, WorkerClient } from './worker-harness';

const missing = browserMissing();
if (missing && BROWSER_REQUIRED) throw new Error(`SHIPSHAPE_REQUIRE_BROWSER=1 but ${missing}`);

const REPO = 'vscode-vfs://github/example/argo';
const PATCH = 'overlays/prod/privileged.yaml';

/** Both servers' diagnostics with the workspace's URIs written as `<repo>/...` and no documentation link. */
function comparable(diagnostics: Diagnostic[], root: string): unknown {
  return JSON.parse(JSON.stringify(diagnostics.map(({ codeDescription: _link, ...d }) => d)).split(root).join('<repo>'));
}

describe('the web worker language server reads the workspace through the editor', { skip: missing }, () => {
  let browser: Browser;
  let http: Server;
  let web: WorkerClient;
  let node: LspServer;
  let dir: string;
  const requested: string[] = [];
  const local = (uri: string): string | undefined => (uri === REPO || uri.startsWith(`${REPO}/`) ? join(dir, decodeURIComponent(uri.slice(REPO.length))) : undefined);

  before(async () => {
    assertWebServerBuilt();
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'shipshape-web-project-'));
    cpSync(join(ROOT, 'test', 'fixtures', 'project', 'argo'), dir, { recursive: true });
    writeFileSync(join(dir, '.shipshape.yaml'), 'rules:\n  run-as-root: off\n');
    let base: string;
    ({ base, server: http } = await serveRoot());
    browser = await launchChromium();
    web = await WorkerClient.start(await browser.newPage(), base, {
      [READ_FILE_REQUEST]: ({ uri }: { uri: string }) => {
        requested.push(uri);
        const path = local(uri);
        return path && existsSync(path) && statSync(path).isFile() ? readFileSync(path).toString('base64') : null;
      },
      [READ_DIRECTORY_REQUEST]: ({ uri }: { uri: string }) => {
        const path = local(uri);
        if (!path || !existsSync(path) || !statSync(path).isDirectory()) return null;
        return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory(), file: e.isFile() }));
      },
    });
    node = new LspServer('stdio');
  });

  after(async () => {
    node?.kill();
    await browser?.close();
    http?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the client answers the requests the server sends', () => {
    assert.equal(client.READ_FILE_REQUEST, READ_FILE_REQUEST);
    assert.equal(client.READ_DIRECTORY_REQUEST, READ_DIRECTORY_REQUEST);
  });

  it('lints a kustomize patch with its builds and the repository\'s .shipshape.yaml, as the Node server does from disk', async () => {
    const capabilities = { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { dataSupport: true, relatedInformation: true } } };
    await web.request('initialize', { processId: null, rootUri: REPO, workspaceFolders: [{ uri: REPO, name: 'argo' }], capabilities });
    await web.notify('initialized', {});
    const folder = pathToFileURL(dir).href;
    await node.initialize({ publishDiagnostics: { dataSupport: true, relatedInformation: true } }, folder);
    await web.waitFor('the project index', (m) => m.method === 'window/logMessage' && /project index: [1-9]\d* kustomization files/.test(m.params.message));

    const text = readFileSync(join(dir, PATCH), 'utf8');
    await node.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: `${folder}/${PATCH}`, languageId: 'yaml', version: 1, text } });
    await web.notify('textDocument/didOpen', { textDocument: { uri: `${REPO}/${PATCH}`, languageId: 'yaml', version: 1, text } });
    // The Node server lints the patch alone until its index is ready, then with the builds reading it.
    let fromNode: PublishDiagnosticsParams;
    do fromNode = await node.published(`${folder}/${PATCH}`, 'the patch linted with its build');
    while (!fromNode.diagnostics.some((d) => d.message.includes('(in kustomization overlays/prod)')));
    const expected = comparable(fromNode.diagnostics, folder);
    assert.ok(fromNode.diagnostics.some((d) => d.code === 'privileged-container' && d.relatedInformation?.length), 'the patch is linted with its build');
    assert.ok(!fromNode.diagnostics.some((d) => d.code === 'schema-required'), 'not as a whole object');
    assert.ok(!fromNode.diagnostics.some((d) => d.code === 'run-as-root'), '.shipshape.yaml turns run-as-root off');
    // The worker converges on it as its reads come in.
    const fromWeb = await web.published(`${REPO}/${PATCH}`, (p) => JSON.stringify(comparable(p.diagnostics, REPO)) === JSON.stringify(expected));
    assert.deepEqual(comparable(fromWeb.diagnostics, REPO), expected);
    assert.ok(requested.includes(`${REPO}/.shipshape.yaml`), 'the config was read through the client');
    assert.ok(requested.includes(`${REPO}/base/deployment.yaml`), 'the base was read through the client');
    assert.deepEqual(web.errors, []);
  });
});
