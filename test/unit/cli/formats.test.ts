// One folder scan finds Kubernetes manifests, Dockerfiles, compose files and kubeconfig files,
// by name and by content, and reports each with its own concern-based rules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, jsonOf, ROOT, runCli } from './helpers';

let dir: string;

before(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-formats-')));
  const put = (from: string, to: string) => {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    copyFileSync(join(ROOT, from), join(dir, to));
  };
  put('examples/insecure/pod.yaml', 'k8s/pod.yaml');
  put('examples/docker/insecure/Dockerfile', 'app/Dockerfile');
  put('examples/compose/insecure/compose.yaml', 'app/docker-compose.yml');
  put('examples/kubeconfig/insecure.yaml', 'home/.kube/config');
  put('examples/kubeconfig/insecure.yaml', 'ops/admin.conf');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('a folder scan lints all four kinds of file, each with its own rules', () => {
  const report = jsonOf(runCli(['scan', '.', '-f', 'json', '--fail-on', 'none'], { cwd: dir }));
  assert.deepEqual(report.files, ['app/Dockerfile', 'app/docker-compose.yml', 'home/.kube/config', 'k8s/pod.yaml', 'ops/admin.conf']);
  const rulesOf = (file: string) => new Set<string>(report.findings.filter((f: any) => f.file === file).map((f: any) => f.ruleId as string));
  assert.ok(rulesOf('app/Dockerfile').has('dockerfile-root-user'));
  assert.ok(rulesOf('app/docker-compose.yml').has('privileged-container'), 'compose services get the shared rules');
  assert.ok(rulesOf('home/.kube/config').has('kubeconfig-insecure-tls'), 'kubeconfig by name');
  assert.ok(rulesOf('ops/admin.conf').has('kubeconfig-insecure-tls'), 'kubeconfig by content');
  assert.ok(rulesOf('k8s/pod.yaml').size > 0);
  for (const file of ['app/Dockerfile', 'app/docker-compose.yml', 'home/.kube/config']) {
    assert.ok(![...rulesOf(file)].some((id) => id.endsWith('-syntax')), `${file} parses`);
  }
});
