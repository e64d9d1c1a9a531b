// `shipshape scan --fix` / `--fix-dry-run` through the bundled CLI, plus the unified diff
// generator and the refusal of a file that changes while it is being fixed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { scanAndFix } from '../../../server/src/cli/fix';
import { unifiedDiff } from '../../../server/src/cli/unified-diff';
import { parseCommandLine } from '../../../server/src/cli/args';
import { assertBuilt, jsonOf, runCli } from './helpers';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web # keep this comment
spec:
  hostPID: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;
const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n';

/** Apply a unified diff with a small strict parser: checks every header count and context line. */
function applyUnified(before: string, diff: string): string {
  const lines = diff.split(/(?<=\n)/);
  assert.match(lines[0]!, /^--- /);
  assert.match(lines[1]!, /^\+\+\+ /);
  const src = before.split(/(?<=\n)/);
  const out: string[] = [];
  let pos = 0;
  let i = 2;
  while (i < lines.length) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$/.exec(lines[i]!);
    assert.ok(h, `bad hunk header ${JSON.stringify(lines[i])}`);
    i++;
    const oldCount = h[2] === undefined ? 1 : Number(h[2]);
    const newCount = h[4] === undefined ? 1 : Number(h[4]);
    const oldStart = oldCount === 0 ? Number(h[1]) : Number(h[1]) - 1;
    while (pos < oldStart) out.push(src[pos++]!);
    let seenOld = 0;
    let seenNew = 0;
    while (i < lines.length && !lines[i]!.startsWith('@@')) {
      let line = lines[i]!.slice(1);
      const tag = lines[i]![0];
      if (lines[i + 1]?.startsWith('\\ No newline')) {
        line = line.slice(0, -1);
        i++;
      }
      i++;
      if (tag === ' ' || tag === '-') {
        assert.equal(src[pos], line, 'context mismatch');
        pos++;
        seenOld++;
      }
      if (tag === ' ' || tag === '+') {
        out.push(line);
        seenNew++;
      }
    }
    assert.equal(seenOld, oldCount, 'old count');
    assert.equal(seenNew, newCount, 'new count');
  }
  while (pos < src.length) out.push(src[pos++]!);
  return out.join('');
}

describe('unifiedDiff', () => {
  const cases: Array<[string, string]> = [
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['a\n', 'a\nb\n'],
    ['', 'x\n'],
    ['x\n', ''],
    ['a\nb', 'a\nc'],
    ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n', '1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\nY\n14\n'],
    ['a\r\nb\r\n', 'a\r\nc\r\nb\r\n'],
  ];
  for (const [a, b] of cases) {
    it(`round-trips ${JSON.stringify(a)} -> ${JSON.stringify(b)}`, () => assert.equal(applyUnified(a, unifiedDiff(a, b, 'a/f', 'b/f')), b));
  }
  it('is empty for equal texts and splits distant changes into hunks', () => {
    assert.equal(unifiedDiff('a\n', 'a\n', 'a', 'b'), '');
    assert.equal(unifiedDiff(cases[5]![0], cases[5]![1], 'a', 'b').match(/^@@/gm)!.length, 2);
  });
});

describe('scan --fix and --fix-dry-run', () => {
  let dir: string;
  before(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'shipshape-fix-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('parses the flags and rejects both together', () => {
    const inv = parseCommandLine(['scan', '--fix', 'x.yaml']);
    assert.ok(inv.command === 'scan' && inv.args.fix === 'write');
    const dry = parseCommandLine(['scan', '--fix-dry-run']);
    assert.ok(dry.command === 'scan' && dry.args.fix === 'dry-run');
    assert.throws(() => parseCommandLine(['scan', '--fix', '--fix-dry-run']), /cannot be used together/);
  });

  it('--fix-dry-run prints a valid unified diff and leaves the file untouched', () => {
    const file = join(dir, 'dry.yaml');
    writeFileSync(file, POD);
    const before = statSync(file).mtimeMs;
    const r = runCli(['scan', '--fix-dry-run', 'dry.yaml'], { cwd: dir });
    assert.equal(readFileSync(file, 'utf8'), POD);
    assert.equal(statSync(file).mtimeMs, before);
    assert.match(r.stdout, /^--- a\/dry\.yaml\n\+\+\+ b\/dry\.yaml\n@@ /);
    assert.match(r.stderr, /would fix \d+ problems? in dry\.yaml/);
    const fixed = applyUnified(POD, r.stdout);
    // Only missing hardening is added: privileged and hostPID, which the author wrote, stay (suggestions change them).
    assert.ok(fixed.includes('privileged: true') && fixed.includes('hostPID: true') && fixed.includes('- ALL'), fixed);
    // The system patch tool agrees.
    const copy = join(dir, 'copy.yaml');
    writeFileSync(copy, POD);
    const p = spawnSync('patch', ['--silent', copy], { input: r.stdout, encoding: 'utf8' });
    if (!p.error) {
      assert.equal(p.status, 0, p.stderr);
      assert.equal(readFileSync(copy, 'utf8'), fixed);
    }
    assert.equal(r.status, 1, 'suggestions remain (warnings)');
  });

  it('--fix writes the safe fixes minimally, keeps the mode, and reports what remains', () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, POD);
    chmodSync(file, 0o640);
    const r = runCli(['scan', '--fix', '--format', 'json', 'pod.yaml'], { cwd: dir });
    const out = readFileSync(file, 'utf8');
    assert.match(r.stderr, /fixed \d+ problems in pod\.yaml/);
    assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
    assert.ok(out.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web # keep this comment\nspec:\n  hostPID: true\n  containers:\n'), out);
    assert.ok(out.includes('privileged: true') && out.includes('- ALL'), out);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    const ids = jsonOf(r).findings.map((f: { ruleId: string }) => f.ruleId);
    assert.ok(!ids.includes('capabilities-not-dropped'), ids.join());
    for (const id of ['privileged-container', 'host-pid', 'run-as-root']) assert.ok(ids.includes(id), `suggestions are never applied: ${id}`);
    // A second run has nothing left to fix.
    const again = runCli(['scan', '--fix', 'pod.yaml'], { cwd: dir });
    assert.equal(again.stderr, '');
    assert.equal(readFileSync(file, 'utf8'), out);
  });

  it('prints one summary line per file on stderr, each ended by a real line break (issue 16: a literal \\x0a)', () => {
    writeFileSync(join(dir, 'one.yaml'), POD);
    writeFileSync(join(dir, 'two\u001b[31m.yaml'), POD);
    const dry = runCli(['scan', '--fix-dry-run', 'one.yaml', 'two\u001b[31m.yaml'], { cwd: dir });
    assert.match(dry.stderr, /^would fix (\d+) problems in one\.yaml\nwould fix \1 problems in two\\x1b\[31m\.yaml\n$/, JSON.stringify(dry.stderr));
    const fixed = runCli(['scan', '--fix', 'one.yaml', 'two\u001b[31m.yaml'], { cwd: dir });
    assert.match(fixed.stderr, /^fixed (\d+) problems in one\.yaml\nfixed \1 problems in two\\x1b\[31m\.yaml\n$/, JSON.stringify(fixed.stderr));
    assert.ok(!fixed.stderr.includes('\\x0a'));
  });

  it('exits 0 and changes nothing for a clean file', () => {
    const file = join(dir, 'clean.yaml');
    writeFileSync(file, CLEAN);
    const r = runCli(['scan', '--fix', '--fail-on', 'error', 'clean.yaml'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(file, 'utf8'), CLEAN);
  });

  it('refuses a file that changed while it was being fixed', () => {
    const file = join(dir, 'race.yaml');
    writeFileSync(file, POD);
    const edited = POD.replace('name: web', 'name: web2');
    const inv = parseCommandLine(['scan', '--fix', file]);
    assert.ok(inv.command === 'scan');
    const run = scanAndFix(inv.args, dir, {
      dryRun: false,
      beforeWrite: (path) => writeFileSync(path, edited),
    });
    assert.equal(readFileSync(file, 'utf8'), edited, 'the concurrent change is kept');
    assert.equal(run.results.length, 1);
    assert.equal(run.results[0]!.refused, true);
    assert.equal(run.results[0]!.applied, 0);
  });
});
