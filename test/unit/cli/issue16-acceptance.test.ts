// The acceptance scan of issue 16: a folder with a List, a UTF-16 file, a merge-key compose file, a DeploymentConfig,
// a pod with `privileged: on` and a pod.json, each holding a privileged container, reports all six and exits 1.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, FIX, FIXTURES, jsonOf, runCli } from './helpers';

const DIR = `${FIX}/issue16-acceptance`;
const FILES = ['deploymentconfig.yaml', 'docker-compose.yml', 'list.yaml', 'pod.json', 'privileged-on.yaml', 'utf16.yaml'];

before(assertBuilt);

const scan = () => {
  const r = runCli(['scan', DIR, '-f', 'json']);
  return { status: r.status, stderr: r.stderr, report: jsonOf(r) };
};
const privileged = (report: any, file: string) => report.findings.filter((f: any) => f.file === `${DIR}/${file}` && f.ruleId === 'privileged-container');

test('the acceptance folder holds the six files, each scanned', () => {
  assert.deepEqual(readdirSync(join(FIXTURES, 'issue16-acceptance')).sort(), FILES);
  assert.deepEqual(scan().report.files, FILES.map((f) => `${DIR}/${f}`));
});

test('shipshape scan reports a privileged container in each of the six files and exits 1', () => {
  const { status, stderr, report } = scan();
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.deepEqual(FILES.filter((f) => privileged(report, f).length === 0), [], 'files without a privileged finding');
  assert.equal(privileged(report, 'docker-compose.yml').length, 2, 'both services merge the privileged anchor');
});

test('the UTF-16 LE file with a byte-order mark: privileged at its line and column, nothing about its encoding', () => {
  const { status, report } = scan();
  assert.equal(status, 1);
  assert.deepEqual(privileged(report, 'utf16.yaml').map((f: any) => [f.start.line, f.start.column, f.end.column, f.message]), [[11, 7, 23, 'Container "app" runs privileged (securityContext.privileged: true).']]);
  assert.deepEqual(report.findings.filter((f: any) => f.file === `${DIR}/utf16.yaml` && ['binary-file', 'file-encoding', 'yaml-syntax'].includes(f.ruleId)), []);
});

test('pod.json: privileged at its line and column', () => {
  const { report } = scan();
  assert.deepEqual(privileged(report, 'pod.json').map((f: any) => [f.start.line, f.start.column, f.end.column]), [[13, 11, 29]]);
});
