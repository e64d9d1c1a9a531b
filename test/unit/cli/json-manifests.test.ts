// JSON manifests in folder scans (issue 16): `kubectl apply -f` takes JSON, so a privileged pod in pod.json must not
// pass a folder scan; every other JSON file (package.json, tsconfig.json, editor settings, data) is left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertBuilt, jsonOf, runCli } from './helpers';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'json-pod' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] },
};
/** What `kubectl get pods -o json` writes: keys sorted, a List whose kind comes after its items. */
const LIST = { apiVersion: 'v1', items: Array.from({ length: 400 }, (_, i) => ({ ...POD, metadata: { name: `p${i}` } })), kind: 'List', metadata: { resourceVersion: '' } };
const BIG_CONFIGMAP = { apiVersion: 'v1', data: { 'dashboard.json': 'x'.repeat(300_000) }, kind: 'ConfigMap', metadata: { name: 'dash' } };

let dir: string;
const put = (rel: string, content: string | Buffer): void => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
};

before(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-json-')));
  put('k8s/pod.json', JSON.stringify(POD, null, 2) + '\n');
  put('k8s/pod-tabs.json', JSON.stringify(POD, null, '\t'));
  put('k8s/pod-min.json', JSON.stringify(POD));
  put('k8s/list.json', JSON.stringify(LIST, null, 4));
  put('k8s/configmap.json', JSON.stringify(BIG_CONFIGMAP));
  put('k8s/kind-first.json', JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'typed' }, spec: POD.spec }));
  put('k8s/utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(POD, null, 2), 'utf16le')]));
  put('package.json', JSON.stringify({ name: 'x', version: '1.0.0', scripts: { build: 'tsc' } }, null, 2));
  put('tsconfig.json', '{\n  // comments: JSON with comments\n  "compilerOptions": { "strict": true }\n}\n');
  put('.vscode/settings.json', '{ "yaml.schemas": { "kubernetes": "*.yaml" } }');
  put('schema.json', JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } } }));
  put('array.json', JSON.stringify([POD]));
  put('empty.json', '');
  put('broken.json', '{"apiVersion": "v1", ');
  // A data file whose manifest-looking keys come after the first 64 KiB: rejected without reading them.
  put('data/late.json', JSON.stringify({ rows: Array.from({ length: 20_000 }, (_, i) => i), apiVersion: 'v1', kind: 'Pod' }));
  put('data/large.json', JSON.stringify({ rows: Array.from({ length: 400_000 }, (_, i) => ({ id: i, kind: 'row' })) }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a folder scan lints the JSON files that hold Kubernetes objects, and only those', () => {
  const r = runCli(['scan', '.', '-f', 'json'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const report = jsonOf(r);
  assert.deepEqual(report.files, ['k8s/configmap.json', 'k8s/kind-first.json', 'k8s/list.json', 'k8s/pod-min.json', 'k8s/pod-tabs.json', 'k8s/pod.json', 'k8s/utf16.json']);
  const privileged = (file: string) => report.findings.filter((f: any) => f.file === file && f.ruleId === 'privileged-container');
  const at = (file: string) => privileged(file).map((f: any) => [f.start.line, f.start.column, f.end.line, f.end.column]);
  assert.deepEqual(at('k8s/pod.json'), [[13, 11, 13, 29]]);
  assert.deepEqual(at('k8s/utf16.json'), [[13, 11, 13, 29]]);
  assert.deepEqual(at('k8s/pod-tabs.json'), [[13, 6, 13, 24]], 'five tabs: a tab is one column');
  assert.equal(privileged('k8s/pod-min.json').length, 1);
  assert.equal(privileged('k8s/kind-first.json').length, 1);
  assert.equal(report.findings.filter((f: any) => f.file === 'k8s/configmap.json' && f.severity === 'error').length, 0);
  // The List's items are another helper's item of issue 16; the file is read either way.
  assert.ok(report.files.includes('k8s/list.json'));
  assert.ok(!report.findings.some((f: any) => f.ruleId === 'yaml-syntax' || f.ruleId === 'binary-file'), 'no notes about any other JSON');
});

test('pod.json: exit 1 from a folder scan as when it is named on the command line (the reproduction of issue 16)', () => {
  const folder = runCli(['scan', 'k8s', '--fail-on', 'error'], { cwd: dir });
  const named = runCli(['scan', 'k8s/pod.json', '--fail-on', 'error'], { cwd: dir });
  assert.equal(folder.status, 1);
  assert.equal(named.status, 1);
  const line = 'k8s/pod.json:13:11 error privileged-container Container "app" runs privileged (securityContext.privileged: true).';
  assert.ok(folder.stdout.includes(line) && named.stdout.includes(line), folder.stdout);
});

test('other JSON named on the command line is still read (as before), and gives nothing', () => {
  const r = runCli(['scan', 'package.json', 'schema.json', '-f', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(jsonOf(r).findings, []);
});

test('--fix and --fix-dry-run never edit JSON (the edit builders write YAML): the file stays valid JSON', () => {
  for (const name of ['k8s/pod.json', 'k8s/pod-min.json']) {
    const before = readFileSync(join(dir, name), 'utf8');
    const dry = runCli(['scan', '--fix-dry-run', name], { cwd: dir });
    assert.equal(dry.stdout, '', name);
    const r = runCli(['scan', '--fix', name], { cwd: dir });
    assert.equal(r.stderr, '', name);
    assert.equal(readFileSync(join(dir, name), 'utf8'), before, name);
    assert.equal(r.status, 1, 'the findings remain');
  }
});
