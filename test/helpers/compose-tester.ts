/**
 * Table-driven rule tests for compose files: each case is a compose file
 * (dedented) linted as `compose.yaml` and, unless it only counts as a compose
 * file by its name, also without a file name (detected by content). Spans
 * are asserted exactly, as in rule-tester.ts.
 */
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/engine/config/settings';
import type { Finding } from '../../server/src/engine/types';
import { assertFindings, dedent, type ExpectedFinding } from './rule-tester';
import { assertFixKindsDeclared } from './fix-kinds';

export interface ComposeCase {
  name: string;
  compose: string;
  settings?: EngineSettings;
  /** The file is a compose file only by its name (no service has `image` or `build`). */
  namedOnly?: boolean;
}

export interface InvalidComposeCase extends ComposeCase {
  errors: ExpectedFinding[];
}

/** Findings of one rule on a compose text, linted under `fileName` (undefined: no name known). */
export function composeFindings(ruleId: string, text: string, fileName: string | undefined, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const all = lintText(text, 'yaml', { settings, ...(fileName !== undefined ? { fileName } : {}) });
  assertFixKindsDeclared(all);
  return all.filter((f) => f.ruleId === ruleId);
}

export function composeRuleTests(ruleId: string, cases: { valid: ComposeCase[]; invalid: InvalidComposeCase[] }): void {
  const names = (c: ComposeCase): Array<string | undefined> => (c.namedOnly ? ['compose.yaml'] : ['compose.yaml', undefined]);
  for (const c of cases.valid) {
    for (const fileName of names(c)) {
      test(`${ruleId} compose valid: ${c.name} [${fileName ?? 'by content'}]`, () => {
        const text = dedent(c.compose);
        assertFindings(text, composeFindings(ruleId, text, fileName, c.settings), []);
      });
    }
  }
  for (const c of cases.invalid) {
    for (const fileName of names(c)) {
      test(`${ruleId} compose invalid: ${c.name} [${fileName ?? 'by content'}]`, () => {
        const text = dedent(c.compose);
        const findings = composeFindings(ruleId, text, fileName, c.settings);
        assertFindings(text, findings, c.errors);
        for (const f of findings) if (f.object !== undefined) throw new Error(`a compose finding has a Kubernetes object: ${JSON.stringify(f.object)}`);
      });
    }
  }
}
