import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FIX_DEFAULTS, DEFAULT_SETTINGS, normalizeSettings, settingsKey } from '../../../server/src/engine/config/settings';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { resolveSettings } from '../../../server/src/lsp/settings';

test('fixes.defaultResources: defaults, partial overrides, numbers', () => {
  assert.deepEqual(DEFAULT_SETTINGS.fixDefaults, DEFAULT_FIX_DEFAULTS);
  const { settings, problems } = normalizeSettings({ fixes: { defaultResources: { cpuLimit: '1', memoryLimit: '512Mi', cpuRequest: 0.25 } } }, RULE_IDS);
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.fixDefaults.resources, { cpuRequest: '0.25', cpuLimit: '1', memoryRequest: '128Mi', memoryLimit: '512Mi' });
  assert.notEqual(settingsKey(settings), settingsKey(DEFAULT_SETTINGS), 'the cache key covers the defaults');
});

test('fixes.defaultResources: invalid input is reported and the defaults kept', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ fixes: 'x' }, /^fixes: must be a map, got "x"$/],
    [{ fixes: { defaultResources: [] } }, /^fixes\.defaultResources: must be a map, got \[\]$/],
    [{ fixes: { defaultResources: { cpuLimit: 'lots' } } }, /^fixes\.defaultResources\.cpuLimit: must be a positive Kubernetes quantity/],
    [{ fixes: { defaultResources: { memoryLimit: '0' } } }, /^fixes\.defaultResources\.memoryLimit: must be a positive/],
    [{ fixes: { defaultResources: { gpu: '1' } } }, /^fixes\.defaultResources: unknown key "gpu" \(expected one of cpuRequest, cpuLimit, memoryRequest, memoryLimit\)$/],
    [{ fixes: { defaultResources: { memoryRequest: '1Gi' } } }, /memoryLimit \(256Mi\) is lower than memoryRequest \(1Gi\)/],
  ];
  for (const [raw, message] of cases) {
    const { settings, problems } = normalizeSettings(raw, RULE_IDS);
    assert.equal(problems.length, 1, JSON.stringify(raw));
    assert.match(problems[0]!, message);
    assert.deepEqual(settings.fixDefaults, DEFAULT_FIX_DEFAULTS);
  }
});

test('the editor setting shipshape.fixes.defaultResources reaches the engine and matches the defaults', () => {
  const { settings, problems } = resolveSettings({ fixes: { defaultResources: { memoryRequest: '64Mi' } } });
  assert.deepEqual(problems, []);
  assert.equal(settings.engine.fixDefaults.resources.memoryRequest, '64Mi');
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const prop = pkg.contributes.configuration.properties['shipshape.fixes.defaultResources'];
  assert.deepEqual(prop.default, DEFAULT_FIX_DEFAULTS.resources);
  assert.deepEqual(Object.keys(prop.properties).sort(), Object.keys(DEFAULT_FIX_DEFAULTS.resources).sort());
});
