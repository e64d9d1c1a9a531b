// Kubeconfig files in a scan: found by name (`kubeconfig`, `*.kubeconfig`, `.kube/config`) and, for files
// named `config` or `*.conf`, by content; linted as YAML; no credential in any output format.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileKindOf } from '../../../server/src/engine';
import { FAKE, substringsOf } from '../../helpers/fake-secrets';
import { assertBuilt, jsonOf, runCli } from './helpers';

before(assertBuilt);

const TOKEN = FAKE.jwt;
const PASSWORD = FAKE.password;
/** A kubeconfig as kubectl writes it (keys sorted, `kind` near the end) with an insecure cluster and a literal token. */
const KUBECONFIG = [
  'apiVersion: v1',
  'clusters:',
  '- cluster:',
  '    insecure-skip-tls-verify: true',
  '    server: https://lab.example.com:6443',
  '  name: lab',
  'contexts:',
  '- context:',
  '    cluster: lab',
  '    user: robot',
  '  name: lab',
  'current-context: lab',
  'kind: Config',
  'preferences: {}',
  'users:',
  '- name: robot',
  '  user:',
  `    token: ${TOKEN}`,
  '',
].join('\n');
const BASIC = KUBECONFIG.replace(`    token: ${TOKEN}`, `    username: admin\n    password: ${JSON.stringify(PASSWORD)}`);

let dir: string;
function put(rel: string, content: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-kubeconfig-')));
  put('home/.kube/config', KUBECONFIG);
  put('clusters/dev/kubeconfig', KUBECONFIG);
  put('clusters/prod.kubeconfig', BASIC);
  put('clusters/staging/config', BASIC.replace('kind: Config', 'kind: "Config"  # written by hand').replace(/\n/g, '\r\n'));
  put('kubeadm/admin.conf', KUBECONFIG);
  // Not kubeconfigs: a git-style config, an nginx.conf, a YAML `config` of another kind, a config outside .kube.
  put('app/config', '[core]\n\trepositoryformatversion = 0\n');
  put('nginx/nginx.conf', 'events {}\nhttp { server { listen 80; } }\n');
  put('tool/config', 'kind: Config\nsettings:\n  clusters: 3\n');
  put('notes/kubeconfig.txt', KUBECONFIG);
  put('home/.kube/cache/config.json', '{}');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('fileKindOf knows kubeconfig names without a YAML extension', () => {
  for (const path of ['kubeconfig', 'dev.kubeconfig', '/home/jane/.kube/config', 'C:\\Users\\jane\\.kube\\config', 'KUBECONFIG']) {
    assert.equal(fileKindOf(path), 'yaml', path);
  }
  for (const path of ['config', '/etc/app/config', '.kube', 'kubeconfig.txt', 'my-kubeconfig-notes', '/home/jane/.kube/config.bak']) {
    assert.equal(fileKindOf(path), undefined, path);
  }
});

test('a folder scan finds kubeconfigs by name and by content, and nothing else', () => {
  const r = runCli(['scan', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const report = jsonOf(r);
  assert.deepEqual(report.files, ['clusters/dev/kubeconfig', 'clusters/prod.kubeconfig', 'clusters/staging/config', 'home/.kube/config', 'kubeadm/admin.conf']);
  const byFile = (file: string): string[] => report.findings.filter((f: any) => f.file === file).map((f: any) => f.ruleId).sort();
  for (const file of ['clusters/dev/kubeconfig', 'home/.kube/config', 'kubeadm/admin.conf']) {
    assert.deepEqual(byFile(file), ['kubeconfig-insecure-tls', 'kubeconfig-plaintext-token'], file);
  }
  assert.deepEqual(byFile('clusters/prod.kubeconfig'), ['kubeconfig-basic-auth', 'kubeconfig-insecure-tls']);
  assert.deepEqual(byFile('clusters/staging/config'), ['kubeconfig-basic-auth', 'kubeconfig-insecure-tls'], 'CRLF and a quoted kind');
  const insecure = report.findings.find((f: any) => f.file === 'home/.kube/config' && f.ruleId === 'kubeconfig-insecure-tls');
  assert.deepEqual([insecure.start.line, insecure.start.column, insecure.end.column], [4, 5, 35]);
});

test('a kubeconfig named on the command line is linted whatever its name', () => {
  const r = runCli(['scan', 'notes/kubeconfig.txt', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(jsonOf(r).findings.map((f: any) => f.ruleId).sort(), ['kubeconfig-insecure-tls', 'kubeconfig-plaintext-token']);
});

test('no credential reaches the text, JSON or SARIF output', () => {
  const needles = [...new Set([TOKEN, PASSWORD].flatMap((s) => substringsOf(s, 8)))];
  for (const format of ['text', 'json', 'sarif']) {
    const r = runCli(['scan', '-f', format], { cwd: dir });
    assert.equal(r.status, 1, `${format}: errors found: ${r.stderr}`);
    const output = r.stdout + r.stderr;
    assert.ok(output.includes('kubeconfig-basic-auth'), `${format}: ${output.slice(0, 300)}`);
    for (const needle of needles) assert.ok(!output.includes(needle), `${format} output leaks ${JSON.stringify(needle)}`);
  }
});
