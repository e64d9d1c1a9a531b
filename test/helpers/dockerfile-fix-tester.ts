/**
 * Testing Dockerfile quick fixes, with the same guarantees as fix-tester.ts
 * (whose edit applier it reuses): the output parses (no dockerfile-syntax
 * finding), the finding is gone, no new finding appears, and every line
 * outside the edited lines is byte-identical. Each case also runs with CRLF.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config/settings';
import { lintDockerfile } from '../../server/src/engine/lint-dockerfile';
import { findingFixes, type Finding, type FixKind } from '../../server/src/engine/types';
import { applyTestEdits } from './fix-tester';
import { dedent } from './rule-tester';
import { assertFixKindsDeclared } from './fix-kinds';

export interface DockerfileFixCase {
  name: string;
  text: string;
  /** The exact fixed text (LF; compared with CRLF line ends in the CRLF run). */
  output?: string;
  kind?: FixKind;
  /** Which of the rule's findings (0-based); default 0. */
  index?: number;
}

const lint = (text: string): Finding[] => {
  const all = lintDockerfile(text, { settings: DEFAULT_SETTINGS });
  assertFixKindsDeclared(all);
  return all;
};
const key = (f: Finding): string => `${f.ruleId}: ${f.message}`;

/** Apply the single fix of one finding of `ruleId` and check it; returns the fixed text. */
export function assertDockerfileFix(text: string, ruleId: string, c: Omit<DockerfileFixCase, 'name' | 'text'> = {}): string {
  const before = lint(text);
  const finding = before.filter((f) => f.ruleId === ruleId)[c.index ?? 0];
  assert.ok(finding, `no finding ${c.index ?? 0} of ${ruleId} in:\n${text}`);
  const fixes = findingFixes(finding);
  assert.equal(fixes.length, 1, `expected one fix for "${finding.message}"`);
  const fix = fixes[0]!;
  if (c.kind) assert.equal(fix.kind, c.kind);
  const output = applyTestEdits(text, fix.edits);
  const after = lint(output);
  assert.deepEqual(after.filter((f) => f.ruleId === 'dockerfile-syntax').map(key), [], `fixed text does not parse:\n${output}`);
  // Every line outside the edited lines is byte-identical: compare the text before the first and after the last edited line.
  const first = text.lastIndexOf('\n', Math.min(...fix.edits.map((e) => e.start)) - 1) + 1;
  const lastEnd = Math.max(...fix.edits.map((e) => e.end));
  const nl = text.indexOf('\n', Math.max(lastEnd - 1, first));
  const tailStart = nl < 0 ? text.length : nl + 1;
  const tail = text.slice(tailStart);
  assert.equal(output.slice(0, first), text.slice(0, first), 'text before the edited lines changed');
  assert.ok(output.endsWith(tail) && output.length - tail.length >= first, 'text after the edited lines changed');
  // The finding is gone, nothing new appears.
  const left = new Map<string, number>();
  for (const f of before) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  left.set(key(finding), left.get(key(finding))! - 1);
  const seen = new Map<string, number>();
  for (const f of after) {
    seen.set(key(f), (seen.get(key(f)) ?? 0) + 1);
    assert.ok(seen.get(key(f))! <= (left.get(key(f)) ?? 0), `after "${fix.title}": ${key(f)}\n${output}`);
  }
  return output;
}

/** Assert the finding has no fix. */
export function assertNoDockerfileFix(text: string, ruleId: string, index = 0): void {
  const finding = lint(text).filter((f) => f.ruleId === ruleId)[index];
  assert.ok(finding, `no finding ${index} of ${ruleId}`);
  assert.deepEqual(findingFixes(finding), []);
}

/** Table of fix cases, each run with LF and CRLF line ends. */
export function dockerfileFixTests(ruleId: string, cases: DockerfileFixCase[]): void {
  for (const c of cases) {
    for (const eol of ['LF', 'CRLF'] as const) {
      const conv = (s: string) => (eol === 'CRLF' ? s.replace(/\r?\n/g, '\r\n') : s);
      test(`${ruleId} fix: ${c.name} [${eol}]`, () => {
        const out = assertDockerfileFix(conv(dedent(c.text)), ruleId, c);
        if (c.output !== undefined) assert.equal(out, conv(dedent(c.output)));
      });
    }
  }
}

export function dockerfileNoFixTests(ruleId: string, cases: Array<{ name: string; text: string; index?: number }>): void {
  for (const c of cases) test(`${ruleId} no fix: ${c.name}`, () => assertNoDockerfileFix(dedent(c.text), ruleId, c.index));
}
