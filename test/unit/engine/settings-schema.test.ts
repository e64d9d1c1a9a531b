// Editor settings and .shipshape.yaml are validated from one schema (issue 17): the editor's schema is built from
// the config file's definitions, both go through ajv, and the same mistake reads the same in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../server/src/engine/config/config-file';
import { buildConfigSchema } from '../../../server/src/engine/config/config-schema';
import { buildSettingsSchema, checkSettings } from '../../../server/src/engine/config/settings-schema';
import { normalizeSettings } from '../../../server/src/engine/config/settings';
import { RULE_IDS, ruleMetas } from '../../../server/src/engine/rules';

type Props = Record<string, Record<string, unknown>>;

test('the editor schema takes profile, rules and the switches from the .shipshape.yaml schema', () => {
  const config = buildConfigSchema(ruleMetas()) as { properties: Props; definitions: unknown };
  const settings = buildSettingsSchema(ruleMetas()) as { properties: Props; definitions: unknown };
  for (const key of ['profile', 'rules', 'schemaValidation', 'allowAnnotationExemptions', 'allowInlineSuppressions']) {
    assert.deepEqual(settings.properties[key], config.properties[key], key);
  }
  assert.deepEqual(settings.definitions, config.definitions);
});

test('the same mistake gives the same message in the editor settings and in .shipshape.yaml', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['profile: strict\n', { profile: 'strict' }],
    ['rules:\n  privileged-containr: off\n', { rules: { 'privileged-containr': 'off' } }],
    ['rules:\n  privileged-container: loud\n', { rules: { 'privileged-container': 'loud' } }],
    ['rules:\n  host-network:\n    options: {}\n', { rules: { 'host-network': { options: {} } } }],
    ['rules:\n  host-path-volume:\n    options:\n      allowedPaths: [var/log]\n', { rules: { 'host-path-volume': { options: { allowedPaths: ['var/log'] } } } }],
    ['schemaValidation: "no"\n', { schemaValidation: 'no' }],
    ['allowInlineSuppressions: 1\n', { allowInlineSuppressions: 1 }],
  ];
  for (const [yaml, editor] of cases) {
    const fromFile = parseConfig(yaml).problems.map((p) => p.message);
    assert.equal(fromFile.length, 1, yaml);
    assert.deepEqual(checkSettings(editor, RULE_IDS).problems, fromFile, yaml);
  }
  assert.deepEqual(checkSettings({ rules: { 'privileged-containr': 'off' } }, RULE_IDS).problems, ['rules: unknown rule id "privileged-containr" (did you mean "privileged-container"?)']);
});

test('an invalid part is dropped, the valid parts next to it are kept', () => {
  const { settings, problems, invalid } = normalizeSettings(
    { profile: 'baseline', rules: { 'host-path-volume': { severity: 'warning', options: { allowedPaths: ['var/log'] } }, 'host-pid': 'off', 'host-ipc': 'loud' } },
    RULE_IDS,
  );
  assert.equal(settings.profile, 'baseline');
  assert.deepEqual(settings.rules, { 'host-path-volume': 'warning', 'host-pid': 'off' });
  assert.deepEqual(settings.ruleOptions, {});
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.ok(invalid('rules', 'host-ipc') && invalid('rules', 'host-path-volume', 'options') && !invalid('rules', 'host-pid') && !invalid('profile'));
});

test("package.json's settings agree with the schema: every default and every enum value is valid", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const props: Props = pkg.contributes.configuration.properties;
  const schemaKeys = Object.keys((buildSettingsSchema(ruleMetas()) as { properties: Props }).properties);
  let checked = 0;
  for (const [name, p] of Object.entries(props)) {
    const path = name.replace(/^shipshape\./, '').split('.');
    if (!schemaKeys.includes(path[0]!)) continue;
    const at = (value: unknown): Record<string, unknown> => path.reduceRight<Record<string, unknown>>((v, k) => ({ [k]: v }), value as Record<string, unknown>);
    assert.deepEqual(checkSettings(at(p.default), RULE_IDS).problems, [], `${name} default`);
    for (const value of (p.enum as unknown[] | undefined) ?? []) assert.deepEqual(checkSettings(at(value), RULE_IDS).problems, [], `${name} = ${String(value)}`);
    checked++;
  }
  assert.equal(checked, 13, 'every engine and server setting was checked');
  // And what package.json declares out of range is rejected.
  assert.equal(checkSettings({ debounceMs: -1 }, RULE_IDS).problems.length, 1);
  assert.equal(checkSettings({ maxDiagnosticsPerFile: 1.5 }, RULE_IDS).problems.length, 1);
});

test('a section with thousands of problems lists 50 of them and says how many there are', () => {
  const rules: Record<string, string> = { 'host-ipc': 'info' };
  for (let i = 0; i < 5000; i++) rules[`no-such-rule-${i}`] = 'error';
  const { settings, problems } = normalizeSettings({ rules }, RULE_IDS);
  assert.equal(problems.length, 51);
  assert.equal(problems[50], 'more problems (5,000 in all) are not listed: fix these first');
  assert.deepEqual(settings.rules, { 'host-ipc': 'info' });
});
