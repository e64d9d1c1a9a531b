// `shipshape scan -` reads standard input (issue 23): rendered output can be piped in
// (`helm template . | shipshape scan -`); --stdin-filename names it and picks the file kind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, jsonOf, lines, ROOT, runCli } from './helpers';

const POD = readFileSync(join(ROOT, 'examples', 'insecure', 'pod.yaml'), 'utf8');
const DOCKERFILE = readFileSync(join(ROOT, 'examples', 'docker', 'insecure', 'Dockerfile'), 'utf8');
const OVERRIDE = 'services:\n  web:\n    privileged: true\n';
let dir: string;

before(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-stdin-')));
  mkdirSync(join(dir, 'team'));
  writeFileSync(join(dir, 'team', '.shipshape.yaml'), 'rules:\n  privileged-container: off\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("'-' reads standard input, reported as <stdin>, with the exit status a file would give", () => {
  const piped = runCli(['scan', '-', '-f', 'json'], { cwd: dir, input: POD });
  writeFileSync(join(dir, 'pod.yaml'), POD);
  const file = runCli(['scan', 'pod.yaml', '-f', 'json'], { cwd: dir });
  assert.equal(piped.status, 1, piped.stderr);
  assert.equal(file.status, 1);
  const a = jsonOf(piped);
  const b = jsonOf(file);
  assert.deepEqual(a.files, ['<stdin>']);
  assert.ok(a.findings.length > 0);
  assert.deepEqual(
    a.findings.map((f: any) => [f.ruleId, f.start.line, f.start.column]),
    b.findings.map((f: any) => [f.ruleId, f.start.line, f.start.column]),
  );
  assert.ok(a.findings.every((f: any) => f.file === '<stdin>'));
  assert.equal(runCli(['scan', '-', '--fail-on', 'none'], { cwd: dir, input: POD }).status, 0);
  assert.equal(runCli(['scan', '-'], { cwd: dir, input: readFileSync(join(ROOT, 'examples', 'hardened', 'pod.yaml')) }).status, 0);
  assert.equal(runCli(['scan', '-'], { cwd: dir, input: '' }).status, 0, 'empty input is an empty file');
});

test("'-' mixes with files; the text report names standard input", () => {
  const r = runCli(['scan', 'pod.yaml', '-', '--rule', 'privileged-container=error'], { cwd: dir, input: POD });
  assert.equal(r.status, 1);
  const out = lines(r.stdout);
  assert.ok(out.some((l) => l.startsWith('pod.yaml:')));
  assert.ok(out.some((l) => /^<stdin>:\d+:\d+ error privileged-container /.test(l)), r.stdout);
  assert.match(out.at(-1)!, / in 2 files$/);
});

test('--stdin-filename names the input in reports and picks the file kind', () => {
  const asDockerfile = jsonOf(runCli(['scan', '-', '--stdin-filename', 'app/Dockerfile', '-f', 'json'], { cwd: dir, input: DOCKERFILE }));
  assert.deepEqual(asDockerfile.files, ['app/Dockerfile']);
  assert.ok(asDockerfile.findings.some((f: any) => f.ruleId === 'dockerfile-root-user' && f.file === 'app/Dockerfile'));
  // The same text named as YAML is read as YAML.
  const asYaml = jsonOf(runCli(['scan', '-', '--stdin-filename', 'app/deploy.yaml', '-f', 'json'], { cwd: dir, input: DOCKERFILE }));
  assert.deepEqual(asYaml.findings.map((f: any) => f.ruleId), ['yaml-syntax']);
  // A compose override (no image: not a compose file by content alone) is one by its name.
  const named = jsonOf(runCli(['scan', '-', '--stdin-filename', 'docker-compose.override.yml', '-f', 'json'], { cwd: dir, input: OVERRIDE }));
  assert.deepEqual(named.findings.map((f: any) => [f.file, f.ruleId]), [['docker-compose.override.yml', 'privileged-container']]);
  const unnamed = jsonOf(runCli(['scan', '-', '-f', 'json'], { cwd: dir, input: OVERRIDE }));
  assert.deepEqual(unnamed.findings, []);
});

test('--stdin-filename picks the .shipshape.yaml that applies, as for a file of that name', () => {
  const input = OVERRIDE;
  const inTeam = jsonOf(runCli(['scan', '-', '--stdin-filename', 'team/compose.yaml', '-f', 'json'], { cwd: dir, input }));
  assert.deepEqual(inTeam.findings, [], 'team/.shipshape.yaml turns privileged-container off');
  const outside = jsonOf(runCli(['scan', '-', '--stdin-filename', 'compose.yaml', '-f', 'json'], { cwd: dir, input }));
  assert.deepEqual(outside.findings.map((f: any) => f.ruleId), ['privileged-container']);
});

test('SARIF, JUnit and GitLab reports carry the --stdin-filename', () => {
  const sarif = jsonOf(runCli(['scan', '-', '--stdin-filename', 'k8s/pod.yaml', '-f', 'sarif'], { cwd: dir, input: POD }));
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'k8s/pod.yaml');
  const gitlab = jsonOf(runCli(['scan', '-', '--stdin-filename', 'k8s/pod.yaml', '-f', 'gitlab'], { cwd: dir, input: POD }));
  assert.ok(gitlab.every((i: any) => i.location.path === 'k8s/pod.yaml'));
  const junit = runCli(['scan', '-', '--stdin-filename', 'k8s/pod.yaml', '-f', 'junit'], { cwd: dir, input: POD }).stdout;
  assert.match(junit, /<testsuite name="k8s\/pod\.yaml"/);
});

test('--fix-dry-run prints the fixes for standard input as a diff; --fix with - is a usage error', () => {
  const dry = runCli(['scan', '-', '--stdin-filename', 'k8s/pod.yaml', '--fix-dry-run'], { cwd: dir, input: POD });
  assert.match(dry.stdout, /^--- a\/k8s\/pod\.yaml\n\+\+\+ b\/k8s\/pod\.yaml\n/);
  assert.match(dry.stderr, /^would fix \d+ problems? in k8s\/pod\.yaml$/m);
  const fix = runCli(['scan', '-', '--fix'], { cwd: dir, input: POD });
  assert.equal(fix.status, 2);
  assert.equal(fix.stdout, '');
  assert.match(fix.stderr, /^shipshape: --fix cannot write back to standard input; use --fix-dry-run/);
});

test('usage errors around standard input exit 2', () => {
  const twice = runCli(['scan', '-', '-'], { cwd: dir, input: POD });
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /standard input \('-'\) can be scanned only once/);
  const noDash = runCli(['scan', 'pod.yaml', '--stdin-filename', 'x.yaml'], { cwd: dir });
  assert.equal(noDash.status, 2);
  assert.match(noDash.stderr, /--stdin-filename names standard input: add the path '-'/);
  const empty = runCli(['scan', '-', '--stdin-filename', ''], { cwd: dir, input: POD });
  assert.equal(empty.status, 2);
});
