// `shipshape scan --benchmark <id>`: the scanned files judged item by item (text like kube-bench and Docker Bench,
// JSON with a `benchmark` object valid against the report schema, SARIF with the report in the run's properties),
// and its usage errors.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, assertValid, jsonOf, reportValidator, runCli, sarifValidator } from './helpers';

before(assertBuilt);

test('text: the benchmark and version, each item with its status, a failing item\'s findings with file:line:column, totals', () => {
  const r = runCli(['scan', '--benchmark', 'cis-docker', 'examples/docker-daemon', 'examples/compose/insecure']);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^CIS Docker Benchmark v1\.7\.0: /);
  assert.ok(lines.includes('[FAIL] 2.7 Ensure TLS authentication for Docker daemon is configured'), r.stdout);
  assert.ok(lines.includes('       examples/docker-daemon/insecure/daemon.json:2:44 docker-daemon-tls dockerd listens on tcp://0.0.0.0:2375 without "tlsverify": true: anyone who reaches the port controls the host.'), r.stdout);
  assert.ok(lines.some((l) => /^\[FAIL\] 5\.31 /.test(l)), 'the Docker socket of the insecure compose file');
  assert.ok(lines.includes('[N/A] 4.1 Ensure that a user for the container has been created'), 'no Dockerfile scanned');
  assert.ok(lines.includes('[HOST-ONLY] 1.1.1 Ensure a separate partition for containers has been created'));
  assert.ok(lines.includes('[MANUAL] 4.3 Ensure that unnecessary packages are not installed in the container'));
  assert.match(r.stdout, /== Summary ==\n\d+ PASS, \d+ FAIL, \d+ N\/A, \d+ MANUAL, \d+ HOST-ONLY\n$/);
});

test('json: the report gains a benchmark object, valid against the schema; sarif: rule and result properties, the report in the run', () => {
  const json = jsonOf(runCli(['scan', '--benchmark', 'cis-docker', '-f', 'json', 'examples/docker-daemon']));
  assertValid(reportValidator(), json);
  assert.equal(json.benchmark.benchmark.version, 'v1.7.0');
  const icc = json.benchmark.sections.flatMap((s: any) => s.items).find((i: any) => i.id === '2.2');
  assert.equal(icc.status, 'fail');
  assert.deepEqual(icc.findings.map((f: any) => `${f.file}:${f.line}`), ['examples/docker-daemon/insecure/daemon.json:3']);
  const sarif = jsonOf(runCli(['scan', '--benchmark', 'cis-docker', '-f', 'sarif', 'examples/compose/insecure']));
  assertValid(sarifValidator(), sarif);
  const run = sarif.runs[0];
  assert.equal(run.properties.benchmark.benchmark.id, 'cis-docker');
  const socket = run.results.find((x: any) => x.ruleId === 'sensitive-host-path' && x.message.text.includes('docker.sock'));
  assert.deepEqual(socket.properties, { cis: ['5.2.12'], cisDocker: ['5.32'] });
  const rule = run.tool.driver.rules.find((x: any) => x.id === 'sensitive-host-path');
  assert.deepEqual(rule.properties.cisDocker, ['5.6', '5.32']);
});

test('usage errors: an unknown benchmark, a format without benchmark output, with --fix', () => {
  for (const [args, message] of [
    [['scan', '--benchmark', 'cis-windows', '.'], /invalid value 'cis-windows' for --benchmark/],
    [['scan', '--benchmark', 'cis-docker', '-f', 'junit', '.'], /--benchmark supports --format text, json or sarif/],
    [['scan', '--benchmark', 'cis-docker', '--fix', '.'], /--benchmark cannot be used with --fix/],
  ] as const) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('a chart whose values make a container privileged fails 5.2.2 at the values line (the rendered object is judged, not the values file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-chart-'));
  try {
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: api\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart', 'values.yaml'), 'securityContext:\n  privileged: true\n');
    writeFileSync(
      join(dir, 'chart', 'templates', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: nginx:1.27\n      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n',
    );
    const json = jsonOf(runCli(['scan', '--benchmark', 'cis-kubernetes', '-f', 'json', '.'], { cwd: dir }));
    assertValid(reportValidator(), json);
    const item = json.benchmark.sections.flatMap((s: any) => s.items).find((i: any) => i.id === '5.2.2');
    assert.equal(item.status, 'fail');
    assert.deepEqual(item.findings.map((f: any) => `${f.file}:${f.line} ${f.ruleId}`), ['chart/values.yaml:2 privileged-container']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
