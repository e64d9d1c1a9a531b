// --format junit and --format gitlab (issue 23): checked by a real consumer's JUnit parser
// (junit2json) and against GitLab's Code Quality format (schema written from GitLab's
// documentation, plus GitLab's own validator schema for each issue).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseJunit } from 'junit2json';
import { assertBuilt, assertValid, jsonOf, ROOT, runCli } from './helpers';

const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'schemas', name), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const gitlabReport = ajv.compile(schema('gitlab-codequality.schema.json'));
const gitlabIssue = ajv.compile(schema('gitlab-codeclimate-validator.json'));

let dir: string;
before(() => {
  assertBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-report-formats-')));
  copyFileSync(join(ROOT, 'examples', 'insecure', 'pod.yaml'), join(dir, 'pod.yaml'));
  copyFileSync(join(ROOT, 'examples', 'hardened', 'pod.yaml'), join(dir, 'hardened.yaml'));
  copyFileSync(join(ROOT, 'examples', 'docker', 'insecure', 'Dockerfile'), join(dir, 'Dockerfile'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('junit: one test suite per file, one test case per file and rule, failures with their lines (parsed by junit2json)', async () => {
  const r = runCli(['scan', '.', '-f', 'junit', '--fail-on', 'warning'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const json = jsonOf(runCli(['scan', '.', '-f', 'json'], { cwd: dir }));
  const doc: any = await parseJunit(r.stdout);
  assert.equal(doc.name, 'shipshape');
  const suites: any[] = doc.testsuite;
  assert.deepEqual(suites.map((s) => s.name), ['Dockerfile', 'hardened.yaml', 'pod.yaml']);
  for (const suite of suites) {
    const cases: any[] = suite.testcase;
    assert.equal(suite.tests, cases.length);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'one test case per rule');
    assert.ok(cases.every((c) => c.classname === suite.name));
    const findings = json.findings.filter((f: any) => f.file === suite.name);
    const failing = cases.filter((c) => c.failure);
    assert.equal(suite.failures, failing.length);
    // A rule fails in a file exactly when it reported an error or warning there (--fail-on warning).
    const expected = [...new Set(findings.filter((f: any) => f.severity !== 'info').map((f: any) => f.ruleId))].sort();
    assert.deepEqual(failing.map((c) => c.name).sort(), expected);
    for (const c of failing) {
      const lines = c.failure[0].inner.split('\n');
      const mine = findings.filter((f: any) => f.ruleId === c.name && f.severity !== 'info');
      assert.deepEqual(lines, mine.map((f: any) => `${f.file}:${f.start.line}:${f.start.column} ${f.severity} ${f.message}`));
      assert.equal(c.failure[0].type, c.name);
      assert.match(c.failure[0].message, new RegExp(`^line ${mine[0].start.line}: `));
    }
    // Info findings leave their test case passing and are listed in its output.
    for (const f of findings.filter((x: any) => x.severity === 'info')) {
      const c = cases.find((x) => x.name === f.ruleId);
      if (c.failure) continue;
      assert.ok(c['system-out'].join('\n').includes(`${f.file}:${f.start.line}:${f.start.column} info `));
    }
  }
  assert.equal(suites.find((s) => s.name === 'hardened.yaml').failures, 0);
  assert.equal(doc.tests, suites.reduce((n, s) => n + s.tests, 0));
  assert.equal(doc.failures, suites.reduce((n, s) => n + s.failures, 0));
  // --fail-on error: warnings no longer fail test cases.
  const strict: any = await parseJunit(runCli(['scan', 'pod.yaml', '-f', 'junit', '--fail-on', 'error'], { cwd: dir }).stdout);
  const failing = strict.testsuite[0].testcase.filter((c: any) => c.failure).map((c: any) => c.name).sort();
  assert.deepEqual(failing, [...new Set(json.findings.filter((f: any) => f.file === 'pod.yaml' && f.severity === 'error').map((f: any) => f.ruleId))].sort());
});

test('junit: markup and characters XML cannot carry in names and messages are escaped', async () => {
  const name = 'a&b<"c">.yaml';
  writeFileSync(join(dir, name), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\\u0001<&>"\nspec:\n  containers:\n    - name: "c]]>\\u0007"\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n');
  try {
    const out = runCli(['scan', name, '-f', 'junit'], { cwd: dir }).stdout;
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(out), 'no control characters');
    const doc: any = await parseJunit(out);
    assert.equal(doc.testsuite[0].name, name);
    const failure = doc.testsuite[0].testcase.find((c: any) => c.name === 'privileged-container').failure[0];
    assert.match(failure.inner, /Container "c\]\]>\uFFFD" runs privileged/);
  } finally {
    rmSync(join(dir, name));
  }
});

test('gitlab: a Code Quality report GitLab accepts, with stable fingerprints and mapped severities', () => {
  const r = runCli(['scan', '.', '-f', 'gitlab'], { cwd: dir });
  assert.equal(r.status, 1);
  const issues = jsonOf(r);
  assertValid(gitlabReport, issues);
  for (const issue of issues) assertValid(gitlabIssue, issue);
  const json = jsonOf(runCli(['scan', '.', '-f', 'json'], { cwd: dir }));
  assert.equal(issues.length, json.findings.length);
  const sev = { error: 'critical', warning: 'major', info: 'info' } as const;
  issues.forEach((issue: any, i: number) => {
    const f = json.findings[i];
    assert.deepEqual(
      [issue.check_name, issue.description, issue.severity, issue.location.path, issue.location.lines.begin, issue.location.lines.end],
      [f.ruleId, f.message, sev[f.severity as keyof typeof sev], f.file, f.start.line, f.end.line],
    );
  });
  assert.equal(new Set(issues.map((i: any) => i.fingerprint)).size, issues.length, 'fingerprints are unique in a report');
  assert.deepEqual(jsonOf(runCli(['scan', '.', '-f', 'gitlab'], { cwd: dir })), issues, 'the same input gives the same report');
  assert.deepEqual(jsonOf(runCli(['scan', 'hardened.yaml', '-f', 'gitlab'], { cwd: dir })), []);
});

test('gitlab: fingerprints survive lines inserted above the findings', () => {
  const before = jsonOf(runCli(['scan', 'pod.yaml', '-f', 'gitlab'], { cwd: dir }));
  const text = readFileSync(join(dir, 'pod.yaml'), 'utf8');
  writeFileSync(join(dir, 'shifted.yaml'), `# a comment\n# and another\n${text}`);
  try {
    const shifted = jsonOf(runCli(['scan', '-', '--stdin-filename', 'pod.yaml', '-f', 'gitlab'], { cwd: dir, input: `# a comment\n# and another\n${text}` }));
    assert.equal(shifted.length, before.length);
    shifted.forEach((issue: any, i: number) => {
      assert.equal(issue.location.lines.begin, before[i].location.lines.begin + 2);
      assert.equal(issue.fingerprint, before[i].fingerprint);
    });
    // Another file: other fingerprints.
    const other = jsonOf(runCli(['scan', 'shifted.yaml', '-f', 'gitlab'], { cwd: dir }));
    assert.ok(other.every((o: any) => !before.some((b: any) => b.fingerprint === o.fingerprint)));
  } finally {
    rmSync(join(dir, 'shifted.yaml'));
  }
});

test('--list-rules accepts only text and json', () => {
  for (const format of ['junit', 'gitlab']) {
    const r = runCli(['--list-rules', '-f', format]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--list-rules supports --format text or json/);
  }
});
