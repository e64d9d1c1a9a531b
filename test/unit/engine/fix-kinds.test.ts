// No rule offers a fix kind its metadata does not declare: rule pages state the fix kinds from the metadata
// (scripts/gen-docs.ts), so a rule whose fixes exceed `meta.fixable` / `meta.suggestions` makes its page lie (issue 20).
// The rule test helpers check every finding they lint (test/helpers/fix-kinds.ts); this test checks the examples and
// the file fixtures, with the opt-in rules on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingFixes, lintText, RULES } from '../../../server/src/engine';
import { declaredFixKinds, undeclaredFixKinds } from '../../helpers/fix-kinds';
import { lintableFiles } from '../../helpers/lintable-files';
import { settingsWith } from '../../helpers/rule-tester';
import type { Finding, RuleMeta } from '../../../server/src/engine/types';

const ALL_ON = settingsWith({ rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity])), trustedRegistries: ['registry.example.com'] });

test('the fixes offered on the examples and fixtures never go beyond what each rule declares', () => {
  const offered = new Map<string, Set<string>>();
  const problems: string[] = [];
  let linted = 0;
  for (const { rel, text, kind } of lintableFiles(['examples', 'test/fixtures'])) {
    linted++;
    for (const settings of [undefined, ALL_ON]) {
      const findings = lintText(text, kind, { fileName: rel, ...(settings ? { settings } : {}) });
      problems.push(...undeclaredFixKinds(findings).map((p) => `${rel}: ${p}`));
      for (const f of findings) for (const x of findingFixes(f)) offered.set(f.ruleId, (offered.get(f.ruleId) ?? new Set()).add(x.kind));
    }
  }
  assert.ok(linted > 20, `linted ${linted} files`);
  assert.deepEqual([...new Set(problems)], []);
  // Not vacuous: both kinds occur, and a `fix` rule with `suggestions: true` is among them.
  const kinds = new Set([...offered.values()].flatMap((s) => [...s]));
  assert.deepEqual([...kinds].sort(), ['fix', 'suggestion']);
  assert.ok([...offered].some(([id, s]) => s.size === 2 && RULES.find((r) => r.meta.id === id)?.meta.suggestions === true));
});

test('a fix kind the metadata does not declare is reported', () => {
  const meta = (fixable: RuleMeta['fixable'], suggestions?: boolean): RuleMeta =>
    ({ id: 'r', title: 't', description: 'd', defaultSeverity: 'error', category: 'hardening', messages: {}, references: {}, fixable, ...(suggestions ? { suggestions } : {}) }) as RuleMeta;
  const finding = (kind: 'fix' | 'suggestion'): Finding =>
    ({ ruleId: 'r', severity: 'error', message: 'm', span: { start: 0, end: 1 }, fixes: () => [{ title: 'T', kind, edits: [] }] }) as unknown as Finding;
  const metas = (m: RuleMeta) => new Map([['r', m]]);
  assert.equal(undeclaredFixKinds([finding('suggestion')], metas(meta('fix'))).length, 1);
  assert.equal(undeclaredFixKinds([finding('fix')], metas(meta('suggestion'))).length, 1);
  assert.equal(undeclaredFixKinds([finding('fix')], metas(meta(undefined))).length, 1);
  assert.deepEqual(undeclaredFixKinds([finding('suggestion'), finding('fix')], metas(meta('fix', true))), []);
  assert.deepEqual([...declaredFixKinds(meta('fix', true))].sort(), ['fix', 'suggestion']);
});
