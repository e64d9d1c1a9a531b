// Manifests in other encodings (issue 16): UTF-8 with a byte-order mark, UTF-16 LE and BE with one (what Windows
// PowerShell 5 writes and kubectl applies), and the bytes that do not decode cleanly, through the bundled CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanAndFix } from '../../../server/src/cli/fix';
import { parseCommandLine } from '../../../server/src/cli/args';
import { decodeText } from '../../../server/src/io/text-encoding';
import { assertBuilt, FIXTURES, jsonOf, lines, runCli } from './helpers';

const POD = readFileSync(join(FIXTURES, 'insecure-pod.yaml'), 'utf8');
const AT = POD.indexOf('privileged: true');
const BOMS = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] } as const;

function encode(text: string, encoding: keyof typeof BOMS, bom = true): Buffer {
  const body = encoding === 'utf-8' ? Buffer.from(text) : encoding === 'utf-16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16();
  return bom ? Buffer.concat([Buffer.from(BOMS[encoding]), body]) : body;
}

let dir: string;
before(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-enc-')));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const put = (name: string, bytes: Buffer | string): string => {
  writeFileSync(join(dir, name), bytes);
  return name;
};
const scan = (args: string[]) => runCli(['scan', ...args], { cwd: dir });

test('UTF-8 with a byte-order mark, UTF-16 LE and BE with one: linted at the positions of the text, in every format', () => {
  const files = [put('utf8-bom.yaml', encode(POD, 'utf-8')), put('utf16le.yaml', encode(POD, 'utf-16le')), put('utf16be.yaml', encode(POD, 'utf-16be')), put('crlf16.yaml', encode(POD.replace(/\n/g, '\r\n'), 'utf-16le'))];
  const plain = jsonOf(runCli(['scan', join(FIXTURES, 'insecure-pod.yaml'), '-f', 'json'])).findings;
  const json = scan([...files, '-f', 'json']);
  assert.equal(json.status, 1, json.stderr);
  const report = jsonOf(json);
  for (const file of files) {
    const mine = report.findings.filter((f: any) => f.file === file);
    assert.deepEqual(mine.map((f: any) => [f.ruleId, f.start.line, f.start.column, f.end.line, f.end.column]), plain.map((f: any) => [f.ruleId, f.start.line, f.start.column, f.end.line, f.end.column]), file);
    const priv = mine.find((f: any) => f.ruleId === 'privileged-container');
    assert.deepEqual([priv.start.line, priv.start.column, priv.end.column], [11, 9, 25], file);
    assert.ok(!mine.some((f: any) => f.ruleId === 'binary-file' || f.ruleId === 'file-encoding'), file);
  }
  assert.equal(report.findings.find((f: any) => f.file === 'utf16le.yaml' && f.ruleId === 'privileged-container').start.offset, AT, 'offsets count characters of the text, without the mark');
  const text = lines(scan(['utf16le.yaml']).stdout);
  assert.ok(text.includes('utf16le.yaml:11:9 error privileged-container Container "web" runs privileged (securityContext.privileged: true).'), text.join('\n'));
  const sarif = jsonOf(scan(['utf16be.yaml', '-f', 'sarif']));
  const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'privileged-container');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 11, startColumn: 9, endLine: 11, endColumn: 25 });
});

test('UTF-16 without a byte-order mark: a file-encoding error at 1:1, the content still checked, exit 1', () => {
  for (const [name, encoding, order] of [['nobom-le.yaml', 'utf-16le', 'little-endian'], ['nobom-be.yaml', 'utf-16be', 'big-endian']] as const) {
    put(name, encode(POD, encoding, false));
    const r = scan([name, '-f', 'json', '--fail-on', 'error']);
    assert.equal(r.status, 1, r.stderr);
    const findings = jsonOf(r).findings;
    assert.deepEqual([findings[0].ruleId, findings[0].severity, findings[0].start.line, findings[0].start.column], ['file-encoding', 'error', 1, 1]);
    assert.match(findings[0].message, new RegExp(`UTF-16 \\(${order}\\) without a byte-order mark`));
    assert.ok(findings.some((f: any) => f.ruleId === 'privileged-container' && f.start.line === 11 && f.start.column === 9));
  }
});

test('invalid UTF-8 and invalid UTF-16: an error where the bytes break, never exit 0', () => {
  put('latin1.yaml', Buffer.from(POD.replace('name: insecure', 'name: insecure # café'), 'latin1'));
  put('odd16.yaml', Buffer.concat([encode(POD, 'utf-16le'), Buffer.from([0x41])]));
  const r = scan(['latin1.yaml', 'odd16.yaml', '-f', 'json', '--fail-on', 'error', '--rule', 'privileged-container=off']);
  assert.equal(r.status, 1, r.stderr);
  const enc = jsonOf(r).findings.filter((f: any) => f.ruleId === 'file-encoding');
  assert.deepEqual(enc.map((f: any) => [f.file, f.start.line, f.start.column]), [['latin1.yaml', 5, 23], ['odd16.yaml', 12, 1]]);
  assert.match(enc[0].message, /not valid UTF-8/);
  assert.match(enc[1].message, /not valid UTF-16 here \(odd last byte\)/);
  // With the rule off, the other findings decide (a severity the user chose).
  assert.equal(scan(['latin1.yaml', '--fail-on', 'error', '--rule', 'privileged-container=off', '--rule', 'file-encoding=off', '--rule', 'image-not-pinned=off']).status, 0);
});

test('--fix writes a UTF-16 file back in UTF-16 with its byte-order mark, as the UTF-8 file is fixed', () => {
  put('fix8.yaml', POD);
  for (const [name, encoding] of [['fix16le.yaml', 'utf-16le'], ['fix16be.yaml', 'utf-16be'], ['fix8bom.yaml', 'utf-8']] as const) put(name, encode(POD, encoding));
  const r = scan(['--fix', 'fix8.yaml', 'fix16le.yaml', 'fix16be.yaml', 'fix8bom.yaml']);
  assert.match(r.stderr, /^fixed (\d+) problems in fix8\.yaml\nfixed \1 problems in fix16le\.yaml\nfixed \1 problems in fix16be\.yaml\nfixed \1 problems in fix8bom\.yaml\n$/, r.stderr);
  const fixed = readFileSync(join(dir, 'fix8.yaml'), 'utf8');
  assert.notEqual(fixed, POD);
  for (const [name, encoding] of [['fix16le.yaml', 'utf-16le'], ['fix16be.yaml', 'utf-16be'], ['fix8bom.yaml', 'utf-8']] as const) {
    assert.deepEqual(readFileSync(join(dir, name)), encode(fixed, encoding), name);
  }
  const dry = scan(['--fix-dry-run', 'fix16le.yaml']);
  assert.equal(dry.stdout, '', 'nothing left to fix');
});

test('--fix leaves a file that did not decode cleanly as it is', () => {
  const bytes = Buffer.from(POD.replace('name: insecure', 'name: insecure # café'), 'latin1');
  put('keep-latin1.yaml', bytes);
  put('keep-nobom.yaml', encode(POD, 'utf-16le', false));
  const r = scan(['--fix', 'keep-latin1.yaml', 'keep-nobom.yaml', '-f', 'json']);
  assert.equal(r.stderr, '');
  assert.deepEqual(readFileSync(join(dir, 'keep-latin1.yaml')), bytes);
  assert.deepEqual(readFileSync(join(dir, 'keep-nobom.yaml')), encode(POD, 'utf-16le', false));
  assert.deepEqual(jsonOf(r).findings.filter((f: any) => f.ruleId === 'file-encoding').map((f: any) => f.file), ['keep-latin1.yaml', 'keep-nobom.yaml']);
});

test('--fix refuses a UTF-16 file that changed on disk since it was read', () => {
  const file = join(dir, put('race16.yaml', encode(POD, 'utf-16le')));
  const edited = encode(POD.replace('name: insecure', 'name: edited'), 'utf-16le');
  const inv = parseCommandLine(['scan', '--fix', file]);
  assert.ok(inv.command === 'scan');
  const run = scanAndFix(inv.args, dir, { dryRun: false, beforeWrite: (path) => writeFileSync(path, edited) });
  assert.deepEqual(readFileSync(file), edited, 'the concurrent change is kept');
  assert.equal(run.results[0]!.refused, true);
});

test('a .shipshape.yaml is decoded the same way; one that does not decode is an invalid configuration (exit 2)', () => {
  const sub = join(dir, 'cfg');
  const cfg = join(sub, '.shipshape.yaml');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, 'pod.yaml'), POD);
  writeFileSync(cfg, encode('rules:\n  privileged-container: off\n', 'utf-16le'));
  const ok = runCli(['scan', '.', '-f', 'json'], { cwd: sub });
  assert.ok(ok.status !== 2, ok.stderr);
  assert.deepEqual(jsonOf(ok).findings.filter((f: any) => f.ruleId === 'privileged-container'), [], 'the UTF-16 config applies');
  writeFileSync(cfg, Buffer.from('rules:\n  privileged-container: off # d\xe9j\xe0 vu\n', 'latin1'));
  const bad = runCli(['scan', '.'], { cwd: sub });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'shipshape: .shipshape.yaml:1:1: cannot read the configuration: not valid UTF-8; save it as UTF-8\n');
});

test('decodeText and the CLI agree on the acceptance fixture (UTF-16 LE with a byte-order mark, CRLF)', () => {
  const bytes = readFileSync(join(FIXTURES, 'issue16-acceptance', 'utf16.yaml'));
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  const d = decodeText(bytes);
  assert.equal(d.encoding, 'utf-16le');
  assert.equal(d.problem, undefined);
  assert.ok(d.text.includes('privileged: true\r\n'));
});

test('a kubeconfig found by its content is recognised after a byte-order mark too', () => {
  const sub = join(dir, 'kube');
  mkdirSync(sub, { recursive: true });
  const kubeconfig = 'kind: Config\napiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: https://c.example.com\n    insecure-skip-tls-verify: true\ncontexts: []\nusers: []\n';
  writeFileSync(join(sub, 'config'), encode(kubeconfig, 'utf-8'));
  writeFileSync(join(sub, 'admin.conf'), encode(kubeconfig, 'utf-16le'));
  const r = runCli(['scan', '.', '-f', 'json', '--fail-on', 'none'], { cwd: sub });
  const report = jsonOf(r);
  assert.deepEqual(report.files, ['admin.conf', 'config']);
  assert.deepEqual(report.findings.filter((f: any) => f.ruleId === 'kubeconfig-insecure-tls').map((f: any) => [f.file, f.start.line, f.start.column]), [['admin.conf', 7, 5], ['config', 7, 5]]);
});
