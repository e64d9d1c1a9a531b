// The benchmark report (engine/benchmarks/report.ts): how findings, the subjects of the scanned files and the
// catalog make PASS, FAIL, N/A, MANUAL and HOST-ONLY; the subjects a file holds; the text and Markdown forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CIS_DOCKER } from '../../../server/src/engine/benchmarks/cis-docker';
import { benchmarkReport, type BenchmarkReport, type ItemResult } from '../../../server/src/engine/benchmarks/report';
import { fileSubjects } from '../../../server/src/engine/benchmarks/subjects';
import { formatBenchmarkMarkdown, formatBenchmarkText } from '../../../server/src/engine/benchmarks/format';
import { benchmarkFile } from '../../helpers/benchmark-file';

const file = benchmarkFile;

const item = (r: BenchmarkReport, id: string): ItemResult => r.sections.flatMap((s) => s.items).find((i) => i.id === id)!;

const DAEMON = '{\n  "hosts": ["tcp://0.0.0.0:2375"],\n  "icc": false\n}\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n  - name: c\n    image: nginx:1.27\n';

test('FAIL with the findings and their lines, PASS where the rules found nothing, for the subjects the files hold', () => {
  const r = benchmarkReport(CIS_DOCKER, [file('etc/docker/daemon.json', DAEMON, 'docker-daemon')]);
  assert.deepEqual(r.benchmark, { id: 'cis-docker', name: 'CIS Docker Benchmark', version: 'v1.7.0' });
  const tls = item(r, '2.7');
  assert.equal(tls.status, 'fail');
  assert.deepEqual(tls.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), ['etc/docker/daemon.json:2:13 docker-daemon-tls']);
  assert.equal(item(r, '2.2').status, 'pass');
  assert.deepEqual(item(r, '2.2').rules, ['docker-daemon-icc']);
  // No Dockerfile or compose file among the scanned files: their items do not apply.
  assert.equal(item(r, '4.1').status, 'n/a');
  assert.match(item(r, '5.16').reason!, /No scanned file holds a compose file/);
  assert.equal(item(r, '2.8').status, 'manual');
  assert.equal(item(r, '3.1').status, 'host');
  const all = r.sections.flatMap((s) => s.items);
  assert.equal(Object.values(r.totals).reduce((a, b) => a + b, 0), all.length);
  assert.equal(r.totals.fail, all.filter((i) => i.status === 'fail').length);
});

test('a finding counts for an item only in files holding its subjects (a pod\'s hostPID is not CIS Docker 5.16)', () => {
  const r = benchmarkReport(CIS_DOCKER, [file('pod.yaml', POD, 'yaml'), file('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n', 'yaml')]);
  assert.equal(item(r, '5.16').status, 'pass');
  const failing = benchmarkReport(CIS_DOCKER, [file('compose.yaml', COMPOSE, 'yaml')]);
  assert.equal(item(failing, '5.16').status, 'fail');
});

test('a finding that narrows its items counts for those only: the Docker socket is 5.32, not 5.6', () => {
  const r = benchmarkReport(CIS_DOCKER, [file('compose.yaml', COMPOSE, 'yaml')]);
  assert.deepEqual(item(r, '5.32').findings.map((f) => f.ruleId), ['sensitive-host-path']);
  assert.equal(item(r, '5.6').status, 'pass');
  const etc = benchmarkReport(CIS_DOCKER, [file('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /etc:/host-etc:ro\n', 'yaml')]);
  assert.equal(item(etc, '5.6').status, 'fail');
  assert.equal(item(etc, '5.32').status, 'pass');
});

test('an item whose every rule is off is N/A, saying so', () => {
  const r = benchmarkReport(CIS_DOCKER, [file('daemon.json', DAEMON, 'docker-daemon')], { enabled: (id) => id !== 'docker-daemon-tls' });
  assert.equal(item(r, '2.7').status, 'n/a');
  assert.match(item(r, '2.7').reason!, /turned off \(docker-daemon-tls\)/);
});

test('the subjects a file holds', () => {
  assert.deepEqual(fileSubjects('FROM alpine:3.20\n', 'dockerfile'), ['dockerfile']);
  assert.deepEqual(fileSubjects('{}', 'docker-daemon'), ['docker-daemon']);
  assert.deepEqual(fileSubjects('', 'abac'), ['abac-policy']);
  assert.deepEqual(fileSubjects(COMPOSE, 'yaml', 'compose.yaml'), ['compose']);
  assert.deepEqual(fileSubjects(POD, 'yaml', 'pod.yaml'), ['workload']);
  const staticPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node,RBAC\n';
  assert.deepEqual(fileSubjects(staticPod, 'yaml'), ['kube-apiserver', 'workload']);
  const mixed = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n';
  assert.deepEqual(fileSubjects(mixed, 'yaml'), ['kubelet-config', 'rbac']);
  assert.deepEqual(fileSubjects('a: [', 'yaml'), []);
});

test('text: the benchmark and its version first, one line per item, findings under a FAIL, totals last; Markdown the same in tables', () => {
  const r = benchmarkReport(CIS_DOCKER, [file('daemon.json', DAEMON, 'docker-daemon')]);
  const text = formatBenchmarkText(r);
  const lines = text.split('\n');
  assert.match(lines[0]!, /^CIS Docker Benchmark v1\.7\.0/);
  assert.ok(lines.includes('[FAIL] 2.7 Ensure TLS authentication for Docker daemon is configured'), text);
  assert.ok(lines.includes('       daemon.json:2:13 docker-daemon-tls dockerd listens on tcp://0.0.0.0:2375 without "tlsverify": true: anyone who reaches the port controls the host.'), text);
  assert.ok(lines.includes('[PASS] 2.2 Ensure network traffic is restricted between containers on the default bridge'));
  assert.ok(lines.includes('[HOST-ONLY] 3.1 Ensure that the docker.service file ownership is set to root:root'));
  assert.ok(lines.includes('[MANUAL] 2.8 Ensure the default ulimit is configured appropriately'));
  assert.ok(lines.includes('[N/A] 4.1 Ensure that a user for the container has been created'));
  assert.match(text, new RegExp(`== Summary ==\\n${r.totals.pass} PASS, ${r.totals.fail} FAIL, ${r.totals['n/a']} N/A, ${r.totals.manual} MANUAL, ${r.totals.host} HOST-ONLY\\n$`));
  const md = formatBenchmarkMarkdown(r, 'Files checked: 1');
  assert.match(md, /^# CIS Docker Benchmark v1\.7\.0\n/);
  assert.match(md, /\| \*\*FAIL\*\* \| 2\.7 \| Ensure TLS authentication for Docker daemon is configured \| daemon\.json:2:13 `docker-daemon-tls` dockerd listens/);
  // Text from the files cannot break the table.
  const hostile = benchmarkReport(CIS_DOCKER, [{ file: 'a|b.json', subjects: ['docker-daemon'], findings: [{ ruleId: 'docker-daemon-tls', severity: 'error', message: 'x | <img src=x> `y`', line: 1, column: 1 }] }]);
  assert.match(formatBenchmarkMarkdown(hostile, ''), /a\\\|b\.json:1:1 `docker-daemon-tls` x \\\| \\<img src=x\\> \\`y\\`/);
});
