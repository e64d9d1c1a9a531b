// `shipshape scan` on a pool of lint threads (issue 21, "every core in the CLI"): the same report, byte for
// byte, with --jobs 1 (the main thread only) and --jobs 2 (the main thread and a worker sharing the jobs), in
// every format, however the jobs fall between the threads; a large file linted in parts; --jobs validation; a
// worker that throws, exits or hangs is reported and the exit status is 2.
// The built CLI runs (dist/cli.js, with test seams): SHIPSHAPE_TEST_POOL lowers the pool's size
// threshold (the fixture tree is far below 1 MB) and makes the CLI say on stderr what the pool did.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMATS } from '../../../server/src/cli/args';
import { poolWorkers } from '../../../server/src/cli/pool/plan';
import { assertBuilt, jsonOf, ROOT, runCli } from './helpers';

const TREE = 'test/fixtures/cli-jobs';
/** The pool even for a small input, and a line on stderr about what it did. */
const POOL = { SHIPSHAPE_TEST_POOL: 'minBytes=0,trace' };

let tmp: string;
before(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'shipshape-jobs-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function poolLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('shipshape: pool:'));
}

for (const format of FORMATS) {
  test(`--format ${format}: --jobs 2 prints what --jobs 1 prints, and exits the same`, () => {
    const one = runCli(['scan', TREE, '--format', format, '--jobs', '1'], { env: POOL });
    const two = runCli(['scan', TREE, '--format', format, '--jobs', '2'], { env: POOL });
    assert.deepEqual(poolLines(one.stderr), [], 'no pool with --jobs 1');
    assert.match(poolLines(two.stderr)[0] ?? '', /^shipshape: pool: 1 workers and this thread, \d+ jobs, 41 files/);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.status, one.status);
    assert.equal(one.status, 1);
    assert.ok(one.stdout.length > 10_000, 'a real report');
  });
}

test('a project (kustomize builds, relations, a Helm template, a config file, a large file in parts): the same report however the jobs fall between the main thread and the workers', () => {
  const dir = join(tmp, 'shares');
  cpSync(join(ROOT, TREE), dir, { recursive: true });
  const docs = readdirSync(join(ROOT, 'examples', 'insecure')).sort().map((name) => readFileSync(join(ROOT, 'examples', 'insecure', name), 'utf8'));
  writeFileSync(join(dir, 'large.yaml'), Array.from({ length: 4 }, () => docs.join('\n---\n')).join('\n---\n'));
  const tuning = 'minBytes=0,splitBytes=8000,trace';
  const shares: Array<{ name: string; env: Record<string, string>; args: string[]; here(n: number, of: number): boolean }> = [
    // But the main thread's own: the Dockerfile and the compose file (plan.ts's byMainThread).
    { name: 'the worker lints every job', env: { SHIPSHAPE_TEST_POOL: `${tuning},mainShare=0` }, args: ['--jobs', '2'], here: (n: number, of: number) => n === 2 && of > 41 },
    { name: 'the main thread lints most (a slow worker)', env: { SHIPSHAPE_TEST_POOL: tuning, SHIPSHAPE_TEST_FAULT: 'worker-slow:300' }, args: ['--jobs', '2'], here: (n: number, of: number) => n > of / 2 },
    { name: 'two workers and the main thread', env: { SHIPSHAPE_TEST_POOL: tuning }, args: ['--jobs', '3'], here: (_n: number, of: number) => of > 41 },
  ];
  for (const format of ['json', 'sarif', 'text']) {
    const one = runCli(['scan', '.', '--format', format, '--jobs', '1'], { cwd: dir });
    assert.equal(one.status, 1);
    if (format === 'json') {
      const findings = jsonOf(one).findings as Array<{ file: string; related?: unknown }>;
      assert.ok(findings.some((f) => f.related !== undefined), 'relation findings');
      assert.ok(findings.some((f) => f.file.startsWith('kustomize/')), 'kustomize findings');
      assert.ok(findings.filter((f) => f.file === 'large.yaml').length > 100, 'the large file');
    }
    for (const share of shares) {
      const pooled = runCli(['scan', '.', '--format', format, ...share.args], { cwd: dir, env: share.env });
      const [, n, of] = /^shipshape: pool: this thread linted (\d+) of (\d+) jobs$/m.exec(pooled.stderr) ?? [];
      assert.ok(share.here(Number(n), Number(of)), `${share.name}: ${pooled.stderr}`);
      assert.match(pooled.stderr, /large\.yaml: \d+ parts, \d+ documents from the parts, 0 linted again/);
      assert.equal(pooled.stdout, one.stdout, `${format}, ${share.name}`);
      assert.equal(pooled.status, one.status);
    }
  }
});

test('--no-kustomize and a config file in a subfolder: the same report on the pool', () => {
  const one = runCli(['scan', TREE, '--format', 'json', '--no-kustomize', '--jobs', '1']);
  const two = runCli(['scan', TREE, '--format', 'json', '--no-kustomize', '--jobs', '2'], { env: POOL });
  assert.equal(poolLines(two.stderr).filter((l) => l.includes(' workers and this thread, ')).length, 1);
  assert.equal(two.stdout, one.stdout);
  const report = jsonOf(two);
  assert.ok(report.findings.some((f: { file: string }) => f.file === `${TREE}/misc/latin1.yaml`), 'the encoding finding of a Latin-1 file');
  assert.ok(report.findings.some((f: { file: string }) => f.file.startsWith(`${TREE}/kustomize/`)));
});

test('the pool: --jobs threads lint, the main thread counted; by default one per core; small inputs stay in the main thread', () => {
  assert.deepEqual([poolWorkers(undefined, 2), poolWorkers(undefined, 8), poolWorkers(undefined, 1), poolWorkers(1, 8), poolWorkers(2, 1), poolWorkers(5, 2), poolWorkers(256, 2)], [1, 7, 0, 0, 1, 4, 255]);
  const small = runCli(['scan', `${TREE}/insecure`, '--format', 'json'], { env: { SHIPSHAPE_TEST_POOL: 'trace' } });
  assert.deepEqual(poolLines(small.stderr), [], 'under the 1 MB threshold: no pool');
  const workers = (r: { stderr: string }) => Number(/^shipshape: pool: (\d+) workers/.exec(poolLines(r.stderr)[0] ?? '')?.[1] ?? 0);
  assert.equal(workers(runCli(['scan', TREE, '--format', 'json'], { env: POOL })), poolWorkers(undefined));
  assert.equal(workers(runCli(['scan', TREE, '--format', 'json', '--no-kustomize'], { env: POOL })), poolWorkers(undefined));
  assert.equal(workers(runCli(['scan', TREE, '--format', 'json', '--jobs', '3'], { env: POOL })), 2);
});

test('without --jobs, an input of a few MB stays in the main thread (the default pool pays only above 32 MB); --jobs 2 pools it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-jobs-mid-'));
  try {
    const doc = readFileSync(join(ROOT, 'examples', 'insecure', 'deployment.yaml'), 'utf8');
    const body = Array.from({ length: Math.ceil((1.5 * (1 << 20)) / doc.length) }, () => doc).join('\n---\n');
    writeFileSync(join(dir, 'a.yaml'), body);
    writeFileSync(join(dir, 'b.yaml'), body);
    const env = { SHIPSHAPE_TEST_POOL: 'trace' };
    assert.deepEqual(poolLines(runCli(['scan', dir, '--format', 'json', '--no-kustomize'], { env }).stderr), [], 'default: 3 MB stays in the main thread');
    assert.match(poolLines(runCli(['scan', dir, '--format', 'json', '--no-kustomize', '--jobs', '2'], { env }).stderr)[0] ?? '', /^shipshape: pool: 1 workers and this thread/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a large YAML file is linted in parts on the workers: the same findings, no document linted twice', () => {
  const docs: string[] = [];
  for (const name of readdirSync(join(ROOT, 'examples', 'insecure')).sort()) docs.push(readFileSync(join(ROOT, 'examples', 'insecure', name), 'utf8'));
  // Documents of every kind, many times, a broken document among them; in the second file a `{{` makes
  // the broken document a Helm template, which is decided over the whole file (one helm-template finding).
  const copies = (marker: string) => Array.from({ length: 6 }, (_, i) => docs.join('\n---\n') + `\n---\n# copy ${i}${marker}\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}\n`).join('\n---\n');
  writeFileSync(join(tmp, 'large.yaml'), copies(''));
  writeFileSync(join(tmp, 'templated.yaml'), copies(' {{ .Values.x }}'));
  const one = runCli(['scan', '.', '--format', 'json', '--jobs', '1'], { cwd: tmp });
  const two = runCli(['scan', '.', '--format', 'json', '--jobs', '2'], { cwd: tmp, env: { SHIPSHAPE_TEST_POOL: 'minBytes=0,splitBytes=8000,trace' } });
  const lines = poolLines(two.stderr);
  for (const name of ['large.yaml', 'templated.yaml']) {
    const line = lines.find((l) => l.includes(` ${name}: `)) ?? '';
    const parts = / (\d+) parts, (\d+) documents from the parts, 0 linted again$/.exec(line);
    assert.ok(parts, two.stderr);
    assert.ok(Number(parts[1]) > 4 && Number(parts[2]) > 100, line);
  }
  assert.equal(two.stdout, one.stdout);
  assert.equal(two.status, one.status);
  const findings = jsonOf(one).findings as Array<{ file: string; ruleId: string }>;
  assert.ok(findings.filter((f) => f.file === 'large.yaml').length > 500);
  assert.ok(findings.some((f) => f.file === 'large.yaml' && f.ruleId === 'yaml-syntax'));
  const templated = findings.filter((f) => f.file === 'templated.yaml').map((f) => f.ruleId);
  assert.ok(templated.includes('helm-template') && !templated.includes('yaml-syntax') && !templated.includes('privileged-container'), templated.join());
});

test('a folder holding a Helm chart: the same report on the pool; the templates are judged as the rendered chart only', () => {
  const dir = join(tmp, 'with-chart');
  cpSync(join(ROOT, 'test/fixtures/helm-lint/privileged'), join(dir, 'chart'), { recursive: true });
  cpSync(join(ROOT, 'examples/insecure'), join(dir, 'plain'), { recursive: true });
  for (const format of ['json', 'sarif', 'text']) {
    const one = runCli(['scan', '.', '--format', format, '--jobs', '1'], { cwd: dir });
    const two = runCli(['scan', '.', '--format', format, '--jobs', '2'], { cwd: dir, env: POOL });
    assert.match(poolLines(two.stderr)[0] ?? '', /^shipshape: pool: 1 workers and this thread, \d+ jobs, \d+ files/, two.stderr);
    assert.equal(two.stdout, one.stdout, format);
    assert.equal(two.status, one.status);
  }
  const report = jsonOf(runCli(['scan', '.', '--format', 'json', '--jobs', '2'], { cwd: dir, env: POOL }));
  // The workers lint the templates alone too; the project pass keeps only their text findings (none here): every
  // finding in a template comes from the rendered chart (or is a template that does not render), none is a plain-YAML one.
  const inTemplates = report.findings.filter((f: { file: string }) => f.file.startsWith('chart/templates/'));
  assert.ok(inTemplates.length > 0);
  for (const f of inTemplates) assert.ok(f.ruleId === 'helm-render' || f.helm, `${f.file} ${f.ruleId}`);
  assert.ok(!inTemplates.some((f: { ruleId: string }) => f.ruleId === 'helm-template' || f.ruleId === 'yaml-syntax'));
  const priv = report.findings.filter((f: { ruleId: string; file: string }) => f.ruleId === 'privileged-container' && f.file.startsWith('chart/'));
  assert.deepEqual(priv.map((f: { file: string; helm?: unknown }) => [f.file, f.helm]), [['chart/values.yaml', { chart: 'chart', values: ['chart/values.yaml'] }]]);
  assert.ok(report.findings.some((f: { file: string }) => f.file.startsWith('plain/')), 'the plain manifests are linted');
});

test('without dist/cli-worker.js next to it, the CLI bundle starts its workers from itself: the same report', () => {
  const dir = join(tmp, 'alone');
  mkdirSync(dir);
  for (const f of ['cli.js', 'kube-validators.js']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
  const scan = (jobs: string) => spawnSync(process.execPath, [join(dir, 'cli.js'), 'scan', TREE, '--format', 'json', '--jobs', jobs], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SHIPSHAPE_TEST_POOL: 'minBytes=0,mainShare=0,trace' } });
  const one = scan('1');
  const two = scan('2');
  assert.match(two.stderr, /^shipshape: pool: 1 workers and this thread/m);
  assert.match(two.stderr, /^shipshape: pool: this thread linted 2 of \d+ jobs$/m, 'the worker linted all but the Dockerfile and the compose file');
  assert.equal(two.stdout, one.stdout);
  assert.equal(two.status, one.status);
});

test('--jobs takes a whole number from 1; anything else exits 2 with a clear message', () => {
  for (const bad of ['0', '-1', '1.5', 'x', '', '257', '2x']) {
    const r = runCli(['scan', TREE, `--jobs=${bad}`]);
    assert.equal(r.status, 2, `--jobs=${bad}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^shipshape: invalid value '${bad.replace(/[.]/g, '\\.')}' for --jobs: expected a number of threads from 1 to 256`), r.stderr);
  }
  const missing = runCli(['scan', TREE, '--jobs']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--jobs/);
  const scope = runCli(['kubeconfig', 'contexts', '--jobs', '2']);
  assert.equal(scope.status, 2);
  const ok = runCli(['scan', `${TREE}/hardened/pod.yaml`, '-j', '3']);
  assert.equal(ok.status, 0, ok.stderr);
});

// A job's budget is 60 s and more (pool.ts); the hang test shortens it, yet not so much that a busy machine
// makes a healthy job overrun (the first job of a worker compiles the engine's code paths and schemas).
// mainShare=0: the main thread lints nothing while the worker lives, so the worker meets the file.
const FAULTS = [
  { fault: 'worker-throws', why: /\(TypeError\)/, pool: 'minBytes=0,mainShare=0' },
  { fault: 'worker-exits', why: /\(the worker thread exited\)/, pool: 'minBytes=0,mainShare=0' },
  { fault: 'worker-hangs', why: /\(no result after \d+ s; the worker was stopped\)/, pool: 'minBytes=0,mainShare=0,timeoutMs=8000' },
];
for (const { fault, why, pool } of FAULTS) {
  test(`a worker that ${fault.slice(7)} on a file: that file is reported failed, the others are linted, exit 2`, () => {
    const one = runCli(['scan', TREE, '--format', 'json', '--jobs', '1']);
    const started = Date.now();
    const r = runCli(['scan', TREE, '--format', 'json', '--jobs', '2'], {
      env: { SHIPSHAPE_TEST_POOL: pool, SHIPSHAPE_TEST_FAULT: `${fault}:escape-pod` },
    });
    assert.ok(Date.now() - started < 60_000, 'never hangs');
    assert.equal(r.status, 2);
    const failed = r.stderr.split('\n').filter((l) => l.includes('failed in a worker thread'));
    assert.equal(failed.length, 1, r.stderr);
    assert.match(failed[0]!, new RegExp(`^shipshape: internal error: linting '${TREE}/misc/escape-pod\\.yaml' failed in a worker thread `));
    assert.match(failed[0]!, why);
    // The report: the failed file's one internal-error finding; every other file as --jobs 1 has it.
    const report = jsonOf(r);
    const expected = jsonOf(one);
    const mine = report.findings.filter((f: { file: string }) => f.file.endsWith('escape-pod.yaml'));
    assert.deepEqual(
      mine.map((f: { ruleId: string; start: { line: number } }) => [f.ruleId, f.start.line]),
      [['internal-error', 1]],
    );
    const others = (rep: { findings: Array<{ file: string }> }) => JSON.stringify(rep.findings.filter((f) => !f.file.endsWith('escape-pod.yaml')));
    assert.equal(others(report), others(expected));
  });
}

test('a rule that throws on the workers: told once per rule, as in the main thread, and no document text in the output', () => {
  const env = { SHIPSHAPE_TEST_FAULT: 'rule-throws' };
  const one = runCli(['scan', TREE, '--format', 'json', '--jobs', '1'], { env });
  const two = runCli(['scan', TREE, '--format', 'json', '--jobs', '2'], { env: { ...env, ...POOL } });
  assert.equal(two.stdout, one.stdout);
  const told = (s: string) => s.split('\n').filter((l) => !l.startsWith('shipshape: pool:')).join('\n');
  assert.equal(told(two.stderr), told(one.stderr));
  assert.match(one.stderr, /rule "test-fault" failed \(TypeError\)/);
  for (const out of [two.stdout, two.stderr]) {
    assert.ok(!out.includes('s3cr3t-token-value'), 'no secret from the documents');
    assert.ok(!out.includes('test fault in'), 'no error message');
  }
});
