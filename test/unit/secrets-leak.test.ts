// No secret value from a fixture appears anywhere in what Shipshape prints: the built CLI's text, JSON and
// SARIF output (stdout and stderr) and everything the built language server sends (diagnostics, log
// messages, any other notification) or writes to stderr. Not the value, nor any 8 characters of it.
// Build first (`npm run build`; `npm test` does it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import { assertBuilt, jsonOf, runCli } from './cli/helpers';
import { assertServerBuilt, LspServer } from './lsp/lsp-harness';
import { FAKE, randomBytes, substringsOf } from '../helpers/fake-secrets';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const block = (text: string, indent: number): string => `|\n${text.trimEnd().split('\n').map((l) => ' '.repeat(indent) + l).join('\n')}`;

const NAMES = Object.keys(FAKE) as Array<keyof typeof FAKE>;
const BINARY_KEY = randomBytes(41, 48);
const PROPERTIES_PASSWORD = 'Qx' + FAKE.password.slice(2).split('').reverse().join('') + 'Zr';
/** Key names for the fixtures: short, so they share no 8 characters with a value (the plain password needs a telling name). */
const key = (i: number): string => (NAMES[i] === 'password' ? 'db.password' : `c${i}`);

const SECRET = [
  'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: leak-test', 'stringData:',
  ...NAMES.map((n, i) => `  ${key(i)}: ${n === 'privateKey' ? block(FAKE[n], 4) : JSON.stringify(FAKE[n])}`),
  'data:',
  ...NAMES.map((n, i) => `  d${i}: ${b64(FAKE[n])}`),
  `  bin: ${b64(BINARY_KEY)}`,
].join('\n');

const CONFIG_MAP = [
  'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: leak-test', 'data:',
  ...NAMES.map((n, i) => `  ${key(i)}: ${n === 'privateKey' ? block(FAKE[n], 4) : JSON.stringify(FAKE[n])}`),
  `  app.properties: ${block(`server.port=8080\nspring.datasource.password=${PROPERTIES_PASSWORD}\n`, 4)}`,
  'binaryData:',
  `  bin: ${b64(BINARY_KEY)}`,
].join('\n');

const POD = [
  'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: leak-test', 'spec:', '  containers:', '    - name: app', '      env:',
  ...NAMES.map((n) => `        - name: ${n === 'password' ? 'DB_PASSWORD' : `V_${n.length}_${n.slice(0, 3).toUpperCase()}`}\n          value: ${JSON.stringify(FAKE[n])}`),
].join('\n');

/** Encryption keys committed in an EncryptionConfiguration: random keys (errors) and a text one (a warning). */
const ENCRYPTION_KEYS = [b64(randomBytes(43, 32)), b64(randomBytes(44, 16)), b64(PROPERTIES_PASSWORD.slice(0, 16).padEnd(16, 'k'))];
const ENCRYPTION_CONFIG = [
  'apiVersion: apiserver.config.k8s.io/v1', 'kind: EncryptionConfiguration', 'resources:', '  - resources: [secrets]', '    providers:',
  '      - aescbc:', '          keys:',
  ...ENCRYPTION_KEYS.map((k, i) => `            - name: k${i}\n              secret: ${k}`),
  '      - identity: {}',
].join('\n');

const FIXTURE = [SECRET, CONFIG_MAP, POD, ENCRYPTION_CONFIG].join('\n---\n') + '\n';

/** What must never be printed: every value, as written and as encoded in the fixture. */
const SECRETS: string[] = [
  ...NAMES.map((n) => FAKE[n]),
  ...NAMES.map((n) => b64(FAKE[n])),
  b64(BINARY_KEY),
  PROPERTIES_PASSWORD,
  ...ENCRYPTION_KEYS,
  ...ENCRYPTION_KEYS.map((k) => Buffer.from(k, 'base64').toString('latin1')),
];
/** The PEM block's armour lines are public boilerplate; its body is the secret. */
const PEM_ARMOUR = /^-----(BEGIN|END) [A-Z ]+-----$/;
const NEEDLES = [...new Set(SECRETS.flatMap((s) => s.split('\n').filter((l) => !PEM_ARMOUR.test(l)).flatMap((l) => substringsOf(l, 8))))];

/** Findings the fixture must produce (so an empty output cannot pass): one per Secret and ConfigMap key, one per env var, one per encryption key. */
const EXPECTED = { 'secret-in-manifest': NAMES.length * 2 + 1 + ENCRYPTION_KEYS.length, 'secret-in-configmap': NAMES.length + 2, 'secret-in-env': NAMES.length };

function assertNoLeak(label: string, output: string): void {
  assert.ok(output.length > 0, `${label}: no output`);
  for (const needle of NEEDLES) {
    const at = output.indexOf(needle);
    assert.ok(at < 0, `${label} leaks ${JSON.stringify(needle)} (secret material) at ${at}: ${JSON.stringify(output.slice(Math.max(0, at - 80), at + 40))}`);
  }
}

let dir: string;
let file: string;

before(() => {
  assert.ok(NEEDLES.length > 500, 'enough secret material to look for');
  dir = mkdtempSync(join(tmpdir(), 'shipshape-leak-'));
  file = join(dir, 'leaky.yaml');
  writeFileSync(file, FIXTURE);
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI never prints a secret value', () => {
  before(assertBuilt);

  it('finds every planted credential (JSON)', () => {
    const r = runCli(['scan', dir, '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const counts: Record<string, number> = {};
    for (const f of jsonOf(r).findings as Array<{ ruleId: string }>) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    for (const [id, n] of Object.entries(EXPECTED)) assert.equal(counts[id], n, `${id}: ${JSON.stringify(counts)}`);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`--format ${format}: stdout and stderr`, () => {
      const r = runCli(['scan', dir, '--format', format]);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stdout.includes('secret-in-env') && r.stdout.includes('secret-in-manifest'), `${format}: findings are reported`);
      assertNoLeak(`${format} stdout`, r.stdout);
      assertNoLeak(`${format} stdout+stderr`, r.stdout + r.stderr);
    });
  }
});

describe('the language server never sends or logs a secret value', () => {
  let server: LspServer;
  const other: unknown[] = [];
  let stderr = '';

  before(() => {
    assertServerBuilt();
    server = new LspServer();
    // Every notification without a handler of its own (the harness handles publishDiagnostics and logMessage):
    // the protocol connection is a vscode-jsonrpc MessageConnection, whose star handler its type does not expose.
    (server.conn as unknown as MessageConnection).onNotification((method: string, params: unknown) => void other.push({ method, params }));
    server.proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  });

  after(() => server?.kill());

  it('publishes the findings of a leaky file, edited once, and exits', async () => {
    await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } } },
    });
    await server.conn.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(file).href;
    const first = server.published(uri, 'diagnostics on open');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: FIXTURE } });
    const p1 = await first;
    const codes = p1.diagnostics.map((d) => String(d.code));
    for (const [id, n] of Object.entries(EXPECTED)) assert.equal(codes.filter((c) => c === id).length, n, id);

    // An edit that breaks the YAML mid-value: parse errors must not quote the value either.
    const broken = FIXTURE.replace(`: ${JSON.stringify(FAKE.githubToken)}`, `: "${FAKE.githubToken}`);
    const second = server.published(uri, 'diagnostics after the edit');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    await second;

    await server.conn.sendRequest(ShutdownRequest.type);
    await server.conn.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 0);

    assertNoLeak('publishDiagnostics', JSON.stringify(server.allPublished));
    assertNoLeak('window/logMessage and everything else', JSON.stringify({ logs: server.logs, other }) + stderr);
  });
});
