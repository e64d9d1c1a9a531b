// invalid-config: the diagnostic for a .shipshape.yaml that does not parse or match its schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFindings } from '../../../server/src/engine/config/config-file';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { getRule } from '../../../server/src/engine/rules';
import { assertFindings } from '../../helpers/rule-tester';

test('metadata: an error in the syntax category with one message', () => {
  const meta = getRule('invalid-config')!.meta;
  assert.equal(meta.defaultSeverity, 'error');
  assert.equal(meta.category, 'syntax');
  assert.deepEqual(Object.keys(meta.messages), ['invalid']);
});

test('a valid config gives no finding', () => {
  assert.deepEqual(configFindings('profile: baseline\nrules:\n  host-network: warning\n'), []);
  assert.deepEqual(configFindings(''), []);
});

test('invalid: one finding per problem, on the offending key or value', () => {
  const text = 'profile: strict\nrules:\n  host-netwrok: off\nexemptions:\n  - rules: [host-pid]\n    reason: ""\n';
  const found = configFindings(text);
  assertFindings(text, found, [
    { at: 'strict', message: 'profile: must be one of baseline, restricted, got "strict"' },
    { at: 'host-netwrok', message: 'rules: unknown rule id "host-netwrok" (did you mean "host-network"?)' },
    { at: '""', message: 'exemptions[0].reason: must not be empty' },
  ]);
  for (const f of found) {
    assert.equal(f.ruleId, 'invalid-config');
    assert.equal(f.severity, 'error');
  }
});

test('invalid: a YAML syntax error', () => {
  const text = 'rules:\n  host-network: warning\n host-pid: off\n';
  const found = configFindings(text);
  assert.ok(found.length >= 1);
  assert.ok(found.every((f) => f.ruleId === 'invalid-config' && f.span.end > f.span.start && f.span.end <= text.length));
});

test('its severity follows the settings, and off silences it', () => {
  const text = 'profil: baseline\n';
  assert.equal(configFindings(text, { ...DEFAULT_SETTINGS, rules: { 'invalid-config': 'warning' } })[0]!.severity, 'warning');
  assert.deepEqual(configFindings(text, { ...DEFAULT_SETTINGS, rules: { 'invalid-config': 'off' } }), []);
});
