/**
 * Table-driven rule tests for the JSON configuration files (daemon.json,
 * ABAC policy files): each case is a text of one kind and the exact text
 * each finding of one rule underlines; fix cases apply the finding's fix and
 * check the output, that it still parses, and that the finding is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type FileKind } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/engine/config/settings';
import { findingFixes, type Finding, type FixKind } from '../../server/src/engine/types';
import { assertFindings, type ExpectedFinding } from './rule-tester';
import { assertFixKindsDeclared } from './fix-kinds';

export interface JsonCase {
  name: string;
  text: string;
  settings?: EngineSettings;
}

export interface InvalidJsonCase extends JsonCase {
  errors: ExpectedFinding[];
}

export function jsonConfigFindings(ruleId: string, kind: FileKind, text: string, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const all = lintText(text, kind, { settings });
  assertFixKindsDeclared(all);
  return all.filter((f) => f.ruleId === ruleId);
}

export function jsonConfigRuleTests(ruleId: string, kind: FileKind, cases: { valid: JsonCase[]; invalid: InvalidJsonCase[] }): void {
  for (const c of cases.valid) test(`${ruleId} valid: ${c.name}`, () => assertFindings(c.text, jsonConfigFindings(ruleId, kind, c.text, c.settings), []));
  for (const c of cases.invalid) {
    for (const [eol, text] of [['LF', c.text], ['CRLF', c.text.replace(/\r?\n/g, '\r\n')]] as const) {
      test(`${ruleId} invalid: ${c.name} [${eol}]`, () => assertFindings(text, jsonConfigFindings(ruleId, kind, text, c.settings), c.errors));
    }
  }
}

export interface JsonFixCase {
  name: string;
  text: string;
  kind: FixKind;
  expectedOutput: string;
  /** Which finding of the rule (default the first). */
  index?: number;
}

export function jsonConfigFixTests(ruleId: string, fileKind: FileKind, cases: JsonFixCase[]): void {
  for (const c of cases) {
    test(`${ruleId} fix: ${c.name}`, () => {
      const findings = jsonConfigFindings(ruleId, fileKind, c.text);
      const finding = findings[c.index ?? 0];
      assert.ok(finding, `no finding of ${ruleId}`);
      const [fix] = findingFixes(finding);
      assert.ok(fix, 'no fix');
      assert.equal(fix.kind, c.kind);
      const edits = [...fix.edits].sort((a, b) => b.start - a.start);
      let out = c.text;
      for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      assert.equal(out, c.expectedOutput);
      const after = lintText(out, fileKind);
      assert.ok(!after.some((f) => f.ruleId === 'json-syntax'), `the output does not parse:\n${out}`);
      assert.equal(after.filter((f) => f.ruleId === ruleId).length, findings.length - 1, `the finding is still there:\n${out}`);
    });
  }
}
