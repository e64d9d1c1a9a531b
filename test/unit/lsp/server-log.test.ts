// Issue 20, "Small things": the Shipshape output channel stayed empty for a whole session. The server now logs its
// version, the settings and `.shipshape.yaml` in effect per document (once per change, not per keystroke) and slow
// lints; the language client writes its log to the channel. Over stdio against dist/server.js, and the log itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  MessageType,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { ServerLog, settingsSummary, versionLine } from '../../../server/src/lsp/server-log';
import { version } from '../../../package.json';
import { assertServerBuilt, LspServer } from './lsp-harness';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n';

describe('the server log over stdio', () => {
  let server: LspServer;
  let dir: string;
  const infos = () => server.logs.filter((l) => l.type === MessageType.Info).map((l) => l.message);
  const settingsLines = (name: string) => infos().filter((m) => m.startsWith('Settings for ') && m.includes(name));

  before(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'shipshape-log-'));
    writeFileSync(join(dir, '.shipshape.yaml'), 'profile: baseline\nrules:\n  host-ports: off\n');
    server = new LspServer();
    server.settings = {};
    await server.initialize({}, pathToFileURL(dir).href);
  });
  after(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs its version first, then each document\'s settings and .shipshape.yaml once per change, not per keystroke', async () => {
    const uri = pathToFileURL(join(dir, 'pod.yaml')).href;
    const opened = server.published(uri, 'on open');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    await opened;
    assert.equal(infos()[0], versionLine(version));
    assert.match(infos()[0]!, new RegExp(`^Shipshape ${version.replace(/\./g, '\\.')} language server \\(Node v\\d+`));
    const first = settingsLines('pod.yaml');
    assert.equal(first.length, 1, JSON.stringify(infos()));
    assert.ok(first[0]!.includes(`profile baseline; .shipshape.yaml ${join(dir, '.shipshape.yaml')}; rules host-ports: off`), first[0]);

    for (let v = 2; v <= 4; v++) {
      const p = server.published(uri, `after keystroke ${v}`);
      await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: POD + '#'.repeat(v) + '\n' }] });
      await p;
    }
    assert.equal(settingsLines('pod.yaml').length, 1, 'keystrokes log nothing');

    server.settings = { trustedRegistries: ['registry.example.com'] };
    const relinted = server.published(uri, 'after a settings change');
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await relinted;
    const lines = settingsLines('pod.yaml');
    assert.equal(lines.length, 2, JSON.stringify(lines));
    assert.ok(lines[1]!.includes('trusted registries registry.example.com'), lines[1]);
  });
});

describe('ServerLog', () => {
  it('writes a document\'s settings when they change, a lint when it is slow, and forgets closed documents', () => {
    const out: string[] = [];
    const log = new ServerLog({ info: (m) => void out.push(m) }, (uri) => uri.replace('file://', ''), 100);
    log.settings('file:///a.yaml', { engine: DEFAULT_SETTINGS });
    log.settings('file:///a.yaml', { engine: DEFAULT_SETTINGS });
    log.settings('file:///b.yaml', { notLinted: 'ignored', config: '/w/.shipshape.yaml' });
    log.settings('file:///c.yaml', { notLinted: 'disabled' });
    log.lintTook('file:///a.yaml', 99, 200_000, 5);
    log.lintTook('file:///big.yaml', 250.4, 3 * 1024 * 1024, 12_345);
    log.forget('file:///a.yaml');
    log.settings('file:///a.yaml', { engine: DEFAULT_SETTINGS });
    assert.deepEqual(out, [
      `Settings for /a.yaml: ${settingsSummary(DEFAULT_SETTINGS, undefined)}`,
      'Settings for /b.yaml: not linted: ignored by /w/.shipshape.yaml (ignorePaths)',
      'Settings for /c.yaml: not linted: shipshape.enable is false',
      'Linted /big.yaml (3,072 KB, 12,345 findings) in 250 ms',
      `Settings for /a.yaml: ${settingsSummary(DEFAULT_SETTINGS, undefined)}`,
    ]);
    assert.match(settingsSummary(DEFAULT_SETTINGS, undefined), /^profile restricted; no \.shipshape\.yaml; no rule overrides; trusted registries .+; schema validation on; annotation exemptions on; inline suppressions on$/);
  });
});
