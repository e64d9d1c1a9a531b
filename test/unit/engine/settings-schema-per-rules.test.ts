// Issue 21, cold start: an editor settings section is checked against the schema of the rules it sets (compiling every
// rule's options schema was most of a fresh server's work before its first lint). The problems are those of the schema
// of every rule, section by section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { buildSettingsSchema, checkSettings } from '../../../server/src/engine/config/settings-schema';
import { RULE_IDS, ruleMetas } from '../../../server/src/engine/rules';

const full = (() => {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(['markdownDescription', 'defaultSnippets']);
  return ajv.compile(buildSettingsSchema(ruleMetas()));
})();

/** The problems of the full schema's errors, as checkSettings describes them (compared through their paths and keywords). */
const fullErrors = (raw: Record<string, unknown>) => (full(raw) ? [] : (full.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort());

test('the same problems as with the schema of every rule', () => {
  const withOptions = ruleMetas().find((m) => m.optionsSchema !== undefined)!;
  const sections: Array<Record<string, unknown>> = [
    {},
    { debounceMs: 0 },
    { rules: {} },
    { rules: { 'privileged-container': 'off' } },
    { rules: { 'privileged-containr': 'off' } },
    { rules: { 'privileged-container': 'loud', 'host-network': { options: {} } } },
    { rules: { [withOptions.id]: { severity: 'warning', options: { nonsense: [1, 2] } } } },
    { rules: 'all' },
    { rules: ['privileged-container'] },
    { rules: null, profile: 'strict', maxDiagnosticsPerFile: -1 },
    { rules: Object.fromEntries([...RULE_IDS].map((id) => [id, 'warning'])) },
  ];
  for (const raw of sections) {
    const check = checkSettings(raw, RULE_IDS);
    assert.equal(check.problems.length === 0, fullErrors(raw).length === 0, JSON.stringify(raw));
    const again = checkSettings(raw, RULE_IDS);
    assert.deepEqual(again.problems, check.problems);
  }
  assert.ok(checkSettings({ rules: { 'privileged-containr': 'off' } }, RULE_IDS).problems.some((p) => p.includes('privileged-container')), 'the closest rule id is suggested');
});

test('a section without rules is checked like one with none, and the problems of the others are unchanged', () => {
  assert.deepEqual(checkSettings({ debounceMs: 'soon' }, RULE_IDS).problems, checkSettings({ debounceMs: 'soon', rules: {} }, RULE_IDS).problems);
  assert.equal(checkSettings({ debounceMs: 'soon' }, RULE_IDS).problems.length, fullErrors({ debounceMs: 'soon' }).length);
});

test("the schema of every rule is a valid draft-07 schema (the server's validators skip that check: checkSettings)", () => {
  const ajv = new Ajv({ strict: false });
  const schema = buildSettingsSchema(ruleMetas());
  assert.equal(ajv.validateSchema(schema), true, ajv.errorsText(ajv.errors));
  // The check is one that can fail.
  assert.equal(ajv.validateSchema({ ...schema, properties: { rules: { type: 'no-such-type' } } }), false);
});
