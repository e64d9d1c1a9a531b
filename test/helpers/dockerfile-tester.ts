/**
 * Table-driven Dockerfile rule tests: each case is a Dockerfile (dedented)
 * and the exact text each finding of one rule underlines. Every case also
 * runs with CRLF line breaks, so offsets stay right whatever the line ends.
 */
import { test } from 'node:test';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/engine/config/settings';
import { lintDockerfile } from '../../server/src/engine/lint-dockerfile';
import type { Finding } from '../../server/src/engine/types';
import { assertFindings, dedent, type ExpectedFinding } from './rule-tester';
import { assertFixKindsDeclared } from './fix-kinds';

export interface DockerfileCase {
  name: string;
  /** The Dockerfile; common indentation is removed. */
  text: string;
  settings?: EngineSettings;
}

export interface InvalidDockerfileCase extends DockerfileCase {
  errors: ExpectedFinding[];
}

/** The findings of one rule on a Dockerfile. */
export function dockerfileFindings(ruleId: string, text: string, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const all = lintDockerfile(text, { settings });
  assertFixKindsDeclared(all);
  return all.filter((f) => f.ruleId === ruleId);
}

const variants = (text: string): [string, string][] => [
  ['LF', text],
  ['CRLF', text.replace(/\r?\n/g, '\r\n')],
];

export function dockerfileRuleTests(ruleId: string, cases: { valid: DockerfileCase[]; invalid: InvalidDockerfileCase[] }): void {
  for (const c of cases.valid) {
    for (const [eol, text] of variants(dedent(c.text))) {
      test(`${ruleId} valid: ${c.name} [${eol}]`, () => assertFindings(text, dockerfileFindings(ruleId, text, c.settings), []));
    }
  }
  for (const c of cases.invalid) {
    for (const [eol, text] of variants(dedent(c.text))) {
      test(`${ruleId} invalid: ${c.name} [${eol}]`, () => assertFindings(text, dockerfileFindings(ruleId, text, c.settings), c.errors));
    }
  }
}
