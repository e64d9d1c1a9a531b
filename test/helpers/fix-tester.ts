/**
 * Testing quick fixes: lint, pick one finding's fix (or suggestion), apply its
 * edits, and check what every fix must guarantee: the output parses, the
 * finding is gone, no new finding appears, and every line outside the edited
 * lines is byte-identical. Table helpers expand a pod-spec snippet into
 * several workload kinds (Pod, Deployment, CronJob: three nesting depths).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { lintYaml } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/engine/config/settings';
import { findingFixes, type Finding, type Fix, type FixKind, type TextEdit } from '../../server/src/engine/types';
import type { WorkloadKind } from '../../server/src/engine/views/workloads';
import { assertFixKindsDeclared } from './fix-kinds';
import { dedent, workload } from './rule-tester';

/** Apply non-overlapping edits (offsets into `text`). Overlapping edits are a test failure. */
export function applyTestEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i]!.start >= sorted[i - 1]!.end, `overlapping edits: ${JSON.stringify(sorted)}`);
  }
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    assert.ok(e.start >= 0 && e.end >= e.start && e.end <= text.length, `edit out of range: ${JSON.stringify(e)}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export interface FixExpectation {
  /** Which fix of the finding (by title substring); default: the only one. */
  title?: string;
  /** `fix` or `suggestion`; checked when given. */
  kind?: FixKind;
  /** The exact fixed text, when the test wants to pin it. */
  expectedOutput?: string;
  /** Which of the rule's findings to fix (0-based, in text order); default 0. */
  index?: number;
  /** Substrings the fixed text must contain. */
  contains?: string[];
  /** Patterns the fixed text must match (for indentation relative to the expanded workload). */
  matches?: RegExp[];
  settings?: EngineSettings;
  fileName?: string;
}

const key = (f: Finding): string => `${f.ruleId}\u0000${f.message}`;

function countBy(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

/** Lines of `before` that differ from `after`, as a [first, last] line range of `before` (undefined: equal). */
function changedLines(before: string, after: string): [number, number] | undefined {
  if (before === after) return undefined;
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [head, Math.max(head, a.length - 1 - tail)];
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length - 1;

/**
 * Apply the fix of one finding of `ruleId` in `text` and check it. Returns
 * the fixed text and the fix.
 */
export function assertFix(text: string, ruleId: string, exp: FixExpectation = {}): { output: string; fix: Fix } {
  const settings = exp.settings ?? DEFAULT_SETTINGS;
  const opts = { settings, ...(exp.fileName ? { fileName: exp.fileName } : {}) };
  const before = lintYaml(text, opts);
  assertFixKindsDeclared(before);
  const mine = before.filter((f) => f.ruleId === ruleId);
  const finding = mine[exp.index ?? 0];
  assert.ok(finding, `no finding ${exp.index ?? 0} of ${ruleId} in:\n${text}`);
  const fixes = findingFixes(finding);
  const candidates = exp.title === undefined ? fixes : fixes.filter((f) => f.title.includes(exp.title!));
  assert.equal(candidates.length, 1, `expected one fix${exp.title ? ` titled *${exp.title}*` : ''} for "${finding.message}", got: ${JSON.stringify(fixes.map((f) => f.title))}\n${text}`);
  const fix = candidates[0]!;
  if (exp.kind) assert.equal(fix.kind, exp.kind, `kind of "${fix.title}"`);
  assert.ok(fix.edits.length > 0, 'a fix has edits');
  const output = applyTestEdits(text, fix.edits);

  // 1. The output parses.
  for (const doc of parseAllDocuments(output)) assert.deepEqual(doc.errors.map((e) => e.message), [], `fixed text does not parse:\n${output}`);
  // 2. Every line outside the edited lines is byte-identical.
  const changed = changedLines(text, output);
  assert.ok(changed, 'the fix changes the text');
  const first = Math.min(...fix.edits.map((e) => lineOf(text, e.start)));
  const last = Math.max(...fix.edits.map((e) => lineOf(text, Math.max(e.start, e.end - 1))));
  assert.ok(changed[0] >= first && changed[1] <= last + 1, `lines ${changed[0]}..${changed[1]} changed, edits cover ${first}..${last}:\n${output}`);
  // 3. The finding is gone and no new finding appears.
  const after = lintYaml(output, opts);
  assertFixKindsDeclared(after);
  const remaining = countBy(before);
  remaining.set(key(finding), remaining.get(key(finding))! - 1);
  const afterCounts = countBy(after);
  for (const [k, n] of afterCounts) {
    assert.ok(n <= (remaining.get(k) ?? 0), `after "${fix.title}": ${k.replace('\u0000', ': ')} (x${n}, allowed ${remaining.get(k) ?? 0})\n${output}`);
  }
  if (exp.expectedOutput !== undefined) assert.equal(output, exp.expectedOutput);
  for (const s of exp.contains ?? []) assert.ok(output.includes(s), `fixed text should contain ${JSON.stringify(s)}:\n${output}`);
  for (const re of exp.matches ?? []) assert.match(output, re);
  return { output, fix };
}

/** Assert that the rule's finding has no fix (the edit would be unsafe). */
export function assertNoFix(text: string, ruleId: string, index = 0, settings: EngineSettings = DEFAULT_SETTINGS): void {
  const finding = lintYaml(text, { settings }).filter((f) => f.ruleId === ruleId)[index];
  assert.ok(finding, `no finding ${index} of ${ruleId} in:\n${text}`);
  assert.deepEqual(findingFixes(finding).map((f) => f.title), [], `expected no fix for "${finding.message}"`);
}

export interface PodFixCase extends Omit<FixExpectation, 'expectedOutput'> {
  name: string;
  podSpec: string;
  annotations?: string;
  /** Default: Pod, Deployment, CronJob (three nesting depths). */
  kinds?: WorkloadKind[];
  /** The exact expected output for the Pod kind. */
  expectedPod?: string;
}

const FIX_KINDS: WorkloadKind[] = ['Pod', 'Deployment', 'CronJob'];

/** Register a node:test per case and kind that applies the fix and checks it. */
export function podFixTests(ruleId: string, cases: PodFixCase[]): void {
  for (const c of cases) {
    for (const kind of c.kinds ?? FIX_KINDS) {
      test(`${ruleId} fix: ${c.name} [${kind}]`, () => {
        const text = workload(kind, c.podSpec, { annotations: c.annotations });
        const { podSpec: _p, annotations: _a, kinds: _k, name: _n, expectedPod, ...exp } = c;
        assertFix(text, ruleId, { ...exp, ...(kind === 'Pod' && expectedPod !== undefined ? { expectedOutput: expectedPod } : {}) });
      });
    }
  }
}

export interface ComposeFixCase extends Omit<FixExpectation, 'fileName'> {
  name: string;
  /** A compose file (dedented), linted as `compose.yaml`. */
  compose: string;
}

/** Register a node:test per compose case that applies the fix and checks it. */
export function composeFixTests(ruleId: string, cases: ComposeFixCase[]): void {
  for (const c of cases) {
    test(`${ruleId} compose fix: ${c.name}`, () => {
      const { compose, name: _n, ...exp } = c;
      assertFix(dedent(compose), ruleId, { ...exp, fileName: 'compose.yaml' });
    });
  }
}

/** Register a node:test per case asserting the finding has no fix. */
export function noFixTests(ruleId: string, cases: Array<{ name: string; text: string; index?: number; settings?: EngineSettings }>): void {
  for (const c of cases) test(`${ruleId} no fix: ${c.name}`, () => assertNoFix(dedent(c.text), ruleId, c.index ?? 0, c.settings));
}
