// The built CLI (dist/cli.js) on hostile input, under a 256 MB heap limit (bounded memory) and a generous process
// timeout (the hang guard): every hostile file of ./inputs.ts in one scan, kubeconfig paths that are folders, FIFOs,
// endless devices or alias bombs, and a rule that throws (SHIPSHAPE_TEST_FAULT) reported on stderr once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, CLI } from '../cli/helpers';
import { FAKE } from '../../helpers/fake-secrets';
import { CASES, CONFIG_BOMB, expectSurvived } from './inputs';

/** Heap limit for every run: the hostile files must fit (the largest ordinary work is a 10 MB scalar). */
const HEAP_MB = 256;
/** Hang guard per process. */
const TIMEOUT_MS = 300_000;

let dir: string;

before(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-hostile-')));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[], env: Record<string, string> = {}, cwd = dir): Run {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  delete base.KUBECONFIG;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, ...args], {
    cwd,
    env: { ...base, HOME: dir, ...env },
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function json(r: Run): { findings: Array<{ file: string; ruleId: string; message: string }> } {
  assert.equal(r.signal, null, `killed by ${r.signal} (hang guard or out of memory); stderr: ${r.stderr.slice(-2000)}`);
  try {
    return JSON.parse(r.stdout);
  } catch {
    assert.fail(`stdout is not JSON (status ${r.status}); stderr: ${r.stderr.slice(-2000)}`);
  }
}

/** The hostile inputs (the engine test also runs regression guards for fixes deeper in the engine). */
const SCANNED = CASES.filter((c) => !c.engineOnly);

test('scan: every hostile file in one run, within the heap limit, each with at most its one finding', { timeout: TIMEOUT_MS + 30_000 }, () => {
  const scanDir = join(dir, 'scan');
  mkdirSync(scanDir);
  for (const c of SCANNED) writeFileSync(join(scanDir, c.file), c.content());
  const r = cli(['scan', '--format', 'json', '--no-config', 'scan'], {});
  const report = json(r);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}; stderr: ${r.stderr.slice(-2000)}`);
  assert.equal(r.stderr, '');
  for (const c of SCANNED) {
    const all = report.findings.filter((f) => f.file === `scan/${c.file}`);
    assert.equal(all.filter((f) => f.ruleId === 'file-encoding').length, c.invalidText ? 1 : 0, c.name);
    const findings = all.filter((f) => f.ruleId !== 'file-encoding');
    expectSurvived(c, findings);
    for (const f of findings) assert.ok(f.message.length < 500, `${c.file}: ${f.ruleId} message of ${f.message.length} characters`);
  }
});

test('scan: an alias-bomb .shipshape.yaml stops the scan with one clear line (exit 2)', { timeout: 60_000 }, () => {
  const project = join(dir, 'bomb-config');
  mkdirSync(project);
  writeFileSync(join(project, '.shipshape.yaml'), CONFIG_BOMB);
  writeFileSync(join(project, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n');
  const r = cli(['scan', 'bomb-config']);
  assert.equal(r.signal, null);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^shipshape: .*\.shipshape\.yaml:\d+:\d+: .*alias/i);
});

const GOOD_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://k.example.com\ncontexts:\n- name: lab\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user: {}\ncurrent-context: lab\n';

test('kubeconfig: KUBECONFIG naming a folder fails with one clear line, like kubectl (exit 2)', { timeout: 60_000 }, () => {
  const folder = join(dir, 'kube-folder');
  mkdirSync(folder);
  const good = join(dir, 'good-kubeconfig');
  writeFileSync(good, GOOD_KUBECONFIG);
  for (const list of [folder, `${good}:${folder}`]) {
    for (const sub of [['contexts'], ['lint'], ['use-context', 'lab'], ['set-namespace', 'ns']]) {
      const r = cli(['kubeconfig', ...sub], { KUBECONFIG: list });
      assert.equal(r.signal, null);
      assert.equal(r.status, 2, `${sub.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr, `shipshape: cannot read '${folder}': is a directory\n`);
    }
  }
  const explicit = cli(['kubeconfig', 'contexts', '--kubeconfig', folder]);
  assert.equal(explicit.status, 2);
  assert.equal(explicit.stderr, `shipshape: cannot read '${folder}': is a directory\n`);
});

test('kubeconfig: a FIFO, /dev/null and /dev/zero neither block nor fill memory', { timeout: 120_000, skip: process.platform === 'win32' }, () => {
  const fifo = join(dir, 'kube-fifo');
  const mk = spawnSync('mkfifo', [fifo]);
  assert.equal(mk.status, 0, 'mkfifo');
  // A FIFO without a writer and /dev/null read as empty (kubectl's KUBECONFIG=/dev/null idiom).
  for (const path of [fifo, '/dev/null']) {
    const r = cli(['kubeconfig', 'contexts'], { KUBECONFIG: path });
    assert.equal(r.signal, null);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE   FINDINGS');
  }
  const zero = cli(['kubeconfig', 'contexts'], { KUBECONFIG: '/dev/zero' });
  assert.equal(zero.signal, null);
  assert.equal(zero.status, 2);
  assert.equal(zero.stderr, "shipshape: cannot read '/dev/zero': larger than 64 MiB\n");
});

test('kubeconfig: an unreadable file is reported and the others still count', { timeout: 60_000, skip: process.platform === 'win32' || process.getuid?.() === 0 }, () => {
  // Skipped as root (root reads any file); the engine test covers the model of an unreadable file.
  const locked = join(dir, 'locked-kubeconfig');
  writeFileSync(locked, GOOD_KUBECONFIG, { mode: 0o000 });
  const r = cli(['kubeconfig', 'contexts'], { KUBECONFIG: locked });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `shipshape: cannot read '${locked}': permission denied\n`);
});

test('kubeconfig: an alias bomb is a warning for contexts and one finding for lint', { timeout: 60_000 }, () => {
  const bomb = join(dir, 'bomb-kubeconfig');
  writeFileSync(bomb, CASES.find((c) => c.file === 'kubeconfig')!.content());
  const good = join(dir, 'good2-kubeconfig');
  writeFileSync(good, GOOD_KUBECONFIG);
  const contexts = cli(['kubeconfig', 'contexts'], { KUBECONFIG: `${bomb}:${good}` });
  assert.equal(contexts.signal, null);
  assert.equal(contexts.status, 0, contexts.stderr);
  assert.match(contexts.stdout, /^\*\s+lab\s/m);
  assert.match(contexts.stderr, /^shipshape: warning: .*bomb-kubeconfig:\d+: excessive aliasing/);
  assert.equal(contexts.stderr.trimEnd().split('\n').length, 1);
  const lint = cli(['kubeconfig', 'lint', '--format', 'json'], { KUBECONFIG: bomb });
  const report = json(lint);
  assert.deepEqual(report.findings.map((f) => f.ruleId), ['yaml-syntax']);
});

test('a rule that throws: one internal-error finding per document, stderr says so once, nothing leaks', { timeout: 120_000 }, () => {
  const token = FAKE.githubToken;
  const project = join(dir, 'fault');
  mkdirSync(project);
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n      env:\n        - name: GITHUB_TOKEN\n          value: ${token}\n`;
  writeFileSync(join(project, 'a.yaml'), pod('a') + '---\n' + pod('b'));
  writeFileSync(join(project, 'Dockerfile'), `FROM alpine:3.19\nENV GITHUB_TOKEN=${token}\n`);
  const plain = json(cli(['scan', '--format', 'json', 'fault']));
  const r = cli(['scan', '--format', 'json', 'fault'], { SHIPSHAPE_TEST_FAULT: 'rule-throws' });
  const report = json(r);
  assert.equal(r.status, 1);
  const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
  assert.deepEqual(
    internal.map((f) => [f.file, f.message]),
    ['fault/Dockerfile', 'fault/a.yaml', 'fault/a.yaml'].map((file) => [
      file,
      'Rule "test-fault" failed on this document (TypeError), so its findings here are missing. This is a Shipshape bug; please report it.',
    ]),
  );
  // Every other finding is still there.
  assert.deepEqual(
    report.findings.filter((f) => f.ruleId !== 'internal-error'),
    plain.findings,
  );
  // stderr: the failure once (three failing documents), with where in the code, without the document.
  assert.equal(r.stderr.match(/shipshape: internal error: rule "test-fault" failed \(TypeError\)/g)?.length, 1, r.stderr);
  assert.match(r.stderr, /\n {4}at /);
  assert.ok(!r.stderr.includes(token) && !r.stdout.includes(token), 'the token leaked');
  assert.ok(!r.stderr.includes('test fault in'), 'the error message (which quotes the document) was printed');
  // Without the variable nothing of the kind happens.
  assert.equal(plain.findings.filter((f) => f.ruleId === 'internal-error').length, 0);
});
