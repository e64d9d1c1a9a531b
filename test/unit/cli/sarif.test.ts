// `--format sarif`, validated against the SARIF 2.1.0 schema shipped by @microsoft/jest-sarif.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getRule } from '../../../server/src/engine/rules';
import { FINGERPRINT_KEY } from '../../../server/src/cli/format/sarif';
import { informationUri } from '../../../server/src/cli/package-info';
import { assertBuilt, assertValid, FIX, FIXTURES, jsonOf, ROOT, runCli, sarifValidator } from './helpers';

before(assertBuilt);

const validate = sarifValidator();
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

test('sarif: a folder scan is a valid SARIF 2.1.0 log whose results point at their rules', () => {
  const r = runCli(['scan', FIX, '--format', 'sarif']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const log = jsonOf(r);
  assertValid(validate, log);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'shipshape');
  assert.equal(run.tool.driver.version, version);
  // informationUri: the project's home page, always (package.json homepage or repository, else its Marketplace page).
  assert.equal(run.tool.driver.informationUri, informationUri(require('../../../package.json')));
  assert.match(run.tool.driver.informationUri, /^https:\/\//);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(ROOT).href.replace(/\/?$/, '/') } });
  const ids = run.tool.driver.rules.map((x: any) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  // The same findings as the JSON report, in the same order.
  const json = jsonOf(runCli(['scan', FIX, '--format', 'json']));
  assert.equal(run.results.length, json.findings.length);
  run.results.forEach((res: any, i: number) => {
    const f = json.findings[i];
    assert.equal(res.ruleId, f.ruleId);
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.equal(res.level, LEVEL[f.severity as keyof typeof LEVEL]);
    assert.equal(res.message.text, f.message);
    const loc = res.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: f.file, uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column });
  });
  const helm = run.results.find((x: any) => x.ruleId === 'helm-template');
  assert.equal(helm.level, 'note');
});

test('sarif: the privileged result and its rule descriptor', () => {
  const log = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif']));
  assertValid(validate, log);
  const run = log.runs[0];
  const results = run.results.filter((x: any) => x.ruleId === 'privileged-container');
  assert.equal(results.length, 1);
  const { ruleIndex, partialFingerprints, ...rest } = results[0];
  assert.match(partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{64}$/);
  assert.deepEqual(Object.keys(partialFingerprints), [FINGERPRINT_KEY]);
  assert.deepEqual(rest, {
    ruleId: 'privileged-container',
    level: 'error',
    message: { text: 'Container "web" runs privileged (securityContext.privileged: true).' },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `${FIX}/insecure-pod.yaml`, uriBaseId: '%SRCROOT%' },
          region: { startLine: 11, startColumn: 9, endLine: 11, endColumn: 25 },
        },
      },
    ],
    // The benchmark items the finding concerns (its rule's, unless the finding narrows them).
    properties: { cis: ['5.2.2'], cisDocker: ['5.5'] },
  });
  const rule = run.tool.driver.rules[ruleIndex];
  const meta = getRule('privileged-container')!.meta;
  assert.equal(rule.id, 'privileged-container');
  assert.equal(rule.name, 'PrivilegedContainer');
  assert.deepEqual(rule.shortDescription, { text: meta.title });
  assert.deepEqual(rule.fullDescription, { text: meta.description });
  assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
  assert.ok(rule.help.text.startsWith(meta.description), rule.help.text);
  assert.match(rule.help.text, /CIS Kubernetes Benchmark v1\.10\.0: 5\.2\.2 Minimize the admission of privileged containers/);
  assert.match(rule.help.markdown, /^\*\*Privileged container\*\*/);
  assert.match(rule.help.markdown, /Pod Security Standards: Baseline, "Privileged Containers"/);
  assert.deepEqual(rule.properties, { tags: ['security', 'kubernetes', 'pod-security-baseline'], category: 'pod-security-baseline', profile: 'baseline', 'security-severity': '8.0', cis: ['5.2.2'], cisDocker: ['5.5'] });
  assert.match(rule.help.text, /CIS Docker Benchmark v1\.7\.0: 5\.5 Ensure that privileged containers are not used/);
  // No helpUri without --doc-url-base: never a path on the scanning machine. The help is in the log.
  assert.equal('helpUri' in rule, false);
  assert.match(rule.help.text, /Documentation: docs\/rules\/privileged-container\.md in the shipshape package\.$/);
  assert.ok(!JSON.stringify(log).includes(pathToFileURL(ROOT).href.replace(/\/?$/, '/docs')), 'no file: URI of the package anywhere');
});

test('sarif: --doc-url-base gives each rule a helpUri under it; a bad value is a usage error', () => {
  const base = 'https://example.com/shipshape/blob/v1/docs/rules';
  const uri = (args: string[], id = 'privileged-container') => jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif', ...args])).runs[0].tool.driver.rules.find((x: any) => x.id === id);
  const rule = uri(['--doc-url-base', base]);
  assert.equal(rule.helpUri, `${base}/privileged-container.md`);
  assert.match(rule.help.text, /Documentation: https:\/\/example\.com\/shipshape\/blob\/v1\/docs\/rules\/privileged-container\.md$/);
  assert.match(rule.help.markdown, /\[Documentation\]\(https:\/\/example\.com\/shipshape\/blob\/v1\/docs\/rules\/privileged-container\.md\)/);
  assert.equal(uri([`--doc-url-base=${base}/`]).helpUri, `${base}/privileged-container.md`, 'a trailing slash is not doubled');
  assert.equal(uri(['--doc-url-base', 'https://docs.example.com/rules/{ruleId}.html'], 'host-pid').helpUri, 'https://docs.example.com/rules/host-pid.html');
  const log = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif', '--doc-url-base', base]));
  assertValid(validate, log);
  for (const bad of ['docs/rules', 'file:///home/me/docs/rules', 'ftp://example.com/x', 'https://exa mple.com/']) {
    const r = runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif', '--doc-url-base', bad]);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /^shipshape: invalid value '.*' for --doc-url-base: /, bad);
    assert.equal(r.stdout, '');
  }
  assert.match(runCli(['scan', '--help']).stdout, /--doc-url-base <url>/);
});

test('sarif: partialFingerprints stay when lines are inserted above, and tell identical findings apart', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-fp-')));
  try {
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n`;
    const prints = (text: string) => {
      writeFileSync(join(dir, 'pod.yaml'), text);
      const results = jsonOf(runCli(['scan', 'pod.yaml', '-f', 'sarif'], { cwd: dir })).runs[0].results;
      return results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.region.startLine, r.partialFingerprints[FINGERPRINT_KEY]]);
    };
    const before = prints(pod('web'));
    const after = prints(`# a comment\n# and another\n\n${pod('web').replace('metadata:\n', 'metadata:\n  labels: {app: web}\n')}`);
    assert.equal(after.length, before.length);
    for (let i = 0; i < before.length; i++) {
      assert.equal(after[i][0], before[i][0]);
      assert.notEqual(after[i][1], before[i][1], 'the line moved');
      assert.equal(after[i][2], before[i][2], `${before[i][0]}: the fingerprint stayed`);
    }
    const privileged = before.filter((r: any) => r[0] === 'privileged-container');
    assert.equal(privileged.length, 2, 'two identical findings: same rule, object, container name and line text');
    assert.notEqual(privileged[0][2], privileged[1][2]);
    assert.equal(new Set(before.map((r: any) => r[2])).size, before.length, 'every result has its own fingerprint');
    // Another object, another fingerprint.
    assert.notEqual(prints(pod('api')).find((r: any) => r[0] === 'privileged-container')[2], privileged[0][2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif: driver.rules lists exactly the rules enabled for the run', () => {
  const all = jsonOf(runCli(['--list-rules', '-f', 'json', '--profile', 'baseline', '--rule', 'privileged-container=off']));
  const log = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif', '--profile', 'baseline', '--rule', 'privileged-container=off']));
  assertValid(validate, log);
  const listed = log.runs[0].tool.driver.rules.map((x: any) => x.id);
  assert.deepEqual(listed, all.rules.filter((x: any) => x.severity !== 'off').map((x: any) => x.id));
  assert.ok(!listed.includes('privileged-container'));
  assert.ok(!listed.includes('run-as-root'), 'restricted rules are off under --profile baseline');
  assert.deepEqual(log.runs[0].results.filter((x: any) => x.ruleId === 'privileged-container'), []);
});

test('sarif: artifact URIs are percent-encoded; files outside the working folder get absolute file: URIs', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-cli-')));
  try {
    mkdirSync(join(dir, 'my dir'));
    mkdirSync(join(dir, 'cwd'));
    writeFileSync(join(dir, 'my dir', 'pod #1%.yaml'), readFileSync(join(FIXTURES, 'insecure-pod.yaml')));
    const inside = jsonOf(runCli(['scan', '.', '-f', 'sarif'], { cwd: dir }));
    assertValid(validate, inside);
    const uris = inside.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation);
    assert.ok(uris.length > 0);
    for (const u of uris) assert.deepEqual(u, { uri: 'my%20dir/pod%20%231%25.yaml', uriBaseId: '%SRCROOT%' });
    const outside = jsonOf(runCli(['scan', '../my dir', '-f', 'sarif'], { cwd: join(dir, 'cwd') }));
    assertValid(validate, outside);
    for (const x of outside.runs[0].results) {
      assert.deepEqual(x.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(join(dir, 'my dir', 'pod #1%.yaml')).href });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif: the validator rejects broken logs (it is not vacuous)', () => {
  const log = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif']));
  assertValid(validate, log);
  const relativeHelp = structuredClone(log);
  relativeHelp.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/x.md';
  assert.equal(validate(relativeHelp), false, 'helpUri must be an absolute URI');
  const badLevel = structuredClone(log);
  badLevel.runs[0].results[0].level = 'info';
  assert.equal(validate(badLevel), false, 'SARIF has no level "info"');
  const badLine = structuredClone(log);
  badLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.equal(validate(badLine), false, 'lines are 1-based');
  const noVersion = structuredClone(log);
  delete noVersion.version;
  assert.equal(validate(noVersion), false);
});
