// `shipshape scan` on the inputs of issue 16 that passed with exit 0: a List holding a privileged hostPID
// pod, and an OpenShift DeploymentConfig with a privileged container. Run through the built CLI.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, jsonOf, lines, runCli } from './helpers';

before(assertBuilt);

const DIR = 'test/fixtures/objects';

test('scan: a List with a privileged hostPID pod exits 1 with both findings at their lines', () => {
  const r = runCli(['scan', `${DIR}/list.yaml`]);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const out = lines(r.stdout);
  assert.ok(out.includes(`${DIR}/list.yaml:13:5 error host-pid Pod shares the host process namespace (hostPID: true).`), r.stdout);
  assert.ok(out.includes(`${DIR}/list.yaml:18:9 error privileged-container Container "shell" runs privileged (securityContext.privileged: true).`), r.stdout);
  const report = jsonOf(runCli(['scan', `${DIR}/list.yaml`, '--format', 'json']));
  const priv = report.findings.find((f: any) => f.ruleId === 'privileged-container');
  assert.deepEqual(priv.object, { kind: 'Pod', name: 'debugger', namespace: 'prod' });
});

test('scan: a DeploymentConfig with a privileged container exits 1', () => {
  const r = runCli(['scan', `${DIR}/deploymentconfig.yaml`]);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.ok(lines(r.stdout).includes(`${DIR}/deploymentconfig.yaml:19:11 error privileged-container Container "helloworld" runs privileged (securityContext.privileged: true).`), r.stdout);
  const report = jsonOf(runCli(['scan', `${DIR}/deploymentconfig.yaml`, '--format', 'json']));
  assert.deepEqual(report.findings.find((f: any) => f.ruleId === 'privileged-container').object, { kind: 'DeploymentConfig', name: 'frontend' });
});

test('scan: a folder scan finds both', () => {
  const r = runCli(['scan', DIR, '--format', 'json']);
  assert.equal(r.status, 1);
  const files = jsonOf(r).findings.filter((f: any) => f.ruleId === 'privileged-container').map((f: any) => f.file);
  assert.deepEqual(files, [`${DIR}/deploymentconfig.yaml`, `${DIR}/list.yaml`]);
});
