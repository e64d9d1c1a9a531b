// `shipshape scan` text output, run through the built CLI.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wantColor, terminalSafe } from '../../../server/src/cli/format/style';
import { assertBuilt, FIX, FIXTURES, lines, runCli } from './helpers';

before(assertBuilt);

const PRIVILEGED = `${FIX}/insecure-pod.yaml:11:9 error privileged-container Container "web" runs privileged (securityContext.privileged: true).`;
const FINDING_LINE = /^(?<file>[^:]+):(?<line>\d+):(?<col>\d+) (?<severity>error|warning|info) (?<rule>[a-z][a-z0-9-]*) (?<message>\S.*)$/;
const SUMMARY = /^(\d+) errors?, (\d+) warnings?, (\d+) info in (\d+) files?$/;

test('text: the privileged finding is one exact line, then a summary', () => {
  const r = runCli(['scan', `${FIX}/insecure-pod.yaml`]);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const out = lines(r.stdout);
  assert.ok(out.includes(PRIVILEGED), r.stdout);
  assert.equal(out.filter((l) => l.includes('privileged-container')).length, 1);
  assert.equal(out.at(-2), '', 'a blank line before the summary');
  const summary = SUMMARY.exec(out.at(-1)!);
  assert.ok(summary, out.at(-1));
  assert.equal(summary[4], '1');
  const findings = out.slice(0, -2);
  for (const l of findings) assert.match(l, FINDING_LINE);
  const counted = (sev: string) => findings.filter((l) => FINDING_LINE.exec(l)!.groups!.severity === sev).length;
  assert.deepEqual([Number(summary[1]), Number(summary[2]), Number(summary[3])], [counted('error'), counted('warning'), counted('info')]);
  assert.ok(!r.stdout.includes('\u001b'), 'no colour when stdout is not a terminal');
});

test('text: findings are grouped by file in argument order, a blank line between files', () => {
  const files = ['pod.manifest', 'insecure-pod.yaml', 'unicode-pod.yaml'].map((f) => `${FIX}/${f}`);
  const r = runCli(['scan', ...files]);
  assert.equal(r.status, 1, r.stderr);
  const out = lines(r.stdout);
  assert.match(out.at(-1)!, / in 3 files$/);
  const groups = out.slice(0, -2).join('\n').split('\n\n').map((g) => g.split('\n'));
  assert.equal(groups.length, 3);
  groups.forEach((g, i) => {
    for (const l of g) assert.equal(FINDING_LINE.exec(l)?.groups?.file, files[i], l);
    assert.equal(g.filter((l) => l.includes(' privileged-container ')).length, 1);
  });
});

test('text: columns are 1-based UTF-16 code units', () => {
  const text = readFileSync(join(FIXTURES, 'unicode-pod.yaml'), 'utf8');
  const lineText = text.split('\n')[6]!;
  const column = lineText.indexOf('privileged: true') + 1; // JS strings index UTF-16 code units
  assert.equal([...lineText.slice(0, column - 1)].length + 1, column - 1, 'the fixture has one astral character before the finding');
  const r = runCli(['scan', `${FIX}/unicode-pod.yaml`]);
  assert.ok(lines(r.stdout).includes(`${FIX}/unicode-pod.yaml:7:${column} error privileged-container Container "wéb😀" runs privileged (securityContext.privileged: true).`), r.stdout);
});

test('text: quiet files give just the summary and exit 0', () => {
  const r = runCli(['scan', `${FIX}/empty.yaml`, `${FIX}/workflow.yml`]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '0 errors, 0 warnings, 0 info in 2 files\n');
  assert.equal(r.stderr, '');
});

test('text: malformed YAML gives one yaml-syntax error; a Helm template one helm-template note', () => {
  const bad = runCli(['scan', `${FIX}/malformed.yaml`]);
  assert.equal(bad.status, 1);
  const badLines = lines(bad.stdout).filter((l) => FINDING_LINE.test(l));
  assert.equal(badLines.length, 1, bad.stdout);
  assert.match(badLines[0]!, new RegExp(`^${FIX}/malformed\\.yaml:\\d+:\\d+ error yaml-syntax YAML syntax error: .+`));
  const helm = runCli(['scan', `${FIX}/helm`]);
  assert.equal(helm.status, 0, 'an info finding is below the default --fail-on warning');
  assert.deepEqual(lines(helm.stdout), [
    `${FIX}/helm/templates/deployment.yaml:4:9 info helm-template Helm/Go template syntax found; this file is not checked until rendered (lint the output of \`helm template\`).`,
    '',
    '0 errors, 0 warnings, 1 info in 1 file',
  ]);
});

test('text: control characters from a manifest are escaped, never sent to the terminal', () => {
  const r = runCli(['scan', `${FIX}/escape-pod.yaml`]);
  assert.equal(r.status, 1);
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(r.stdout), JSON.stringify(r.stdout));
  assert.ok(lines(r.stdout).includes(`${FIX}/escape-pod.yaml:11:9 error privileged-container Container "evil\\x1b[2J\\x1b[31m\\u202e" runs privileged (securityContext.privileged: true).`), r.stdout);
});

test('text: FORCE_COLOR colours the output; --output never gets colour', () => {
  const r = runCli(['scan', `${FIX}/insecure-pod.yaml`], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.ok(r.stdout.includes('\u001b[31merror\u001b[39m'), JSON.stringify(r.stdout));
  const plain = r.stdout.replace(/\u001b\[\d+m/g, '');
  assert.ok(lines(plain).includes(PRIVILEGED));
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  try {
    const file = join(dir, 'report.txt');
    const w = runCli(['scan', `${FIX}/insecure-pod.yaml`, '--output', file], { env: { FORCE_COLOR: '1' } });
    assert.equal(w.status, 1);
    assert.equal(w.stdout, '');
    assert.equal(readFileSync(file, 'utf8'), plain);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('colour decision: TTY only; NO_COLOR turns it off, FORCE_COLOR on (and wins)', () => {
  assert.equal(wantColor({}, true), true);
  assert.equal(wantColor({}, false), false);
  assert.equal(wantColor({ TERM: 'dumb' }, true), false);
  assert.equal(wantColor({ NO_COLOR: '1' }, true), false);
  assert.equal(wantColor({ NO_COLOR: '' }, true), true, 'an empty NO_COLOR is ignored (no-color.org)');
  assert.equal(wantColor({ FORCE_COLOR: '1' }, false), true);
  assert.equal(wantColor({ FORCE_COLOR: '' }, false), true);
  assert.equal(wantColor({ FORCE_COLOR: '0' }, true), false);
  assert.equal(wantColor({ FORCE_COLOR: 'false' }, true), false);
  assert.equal(wantColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  assert.equal(terminalSafe('a\u001b[2Jb\u009bc\u2066d\te'), 'a\\x1b[2Jb\\x9bc\\u2066d\\x09e');
});
