// Server settings: normalisation at one boundary, a per-URI cache invalidated on configuration change, problems logged once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_DIAGNOSTICS, MAX_DEBOUNCE_MS, resolveSettings, SettingsStore } from '../../../server/src/lsp/settings';
import { DEFAULT_SETTINGS, DEFAULT_TRUSTED_REGISTRIES } from '../../../server/src/engine/config/settings';
import { lintYaml } from '../../../server/src/engine';

test('defaults for a missing or null section', () => {
  for (const raw of [undefined, null, 'nonsense', []]) {
    const { settings, problems } = resolveSettings(raw);
    assert.deepEqual(problems, []);
    assert.equal(settings.enable, true);
    assert.equal(settings.debounceMs, DEFAULT_DEBOUNCE_MS);
    assert.equal(settings.engine.profile, 'restricted');
    assert.deepEqual(settings.engine.rules, {});
  }
});

test('valid values are kept', () => {
  const { settings, problems } = resolveSettings({ enable: false, profile: 'baseline', rules: { 'privileged-container': 'warning' }, debounceMs: 40, maxDiagnosticsPerFile: 250 });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, {
    enable: false,
    debounceMs: 40,
    maxDiagnosticsPerFile: 250,
    engine: { ...DEFAULT_SETTINGS, profile: 'baseline', rules: { 'privileged-container': 'warning' }, ruleOptions: {}, trustedRegistries: DEFAULT_TRUSTED_REGISTRIES },
  });
});

test('trustedRegistries from the editor replace the default list; bad values fall back with a problem', () => {
  assert.deepEqual(resolveSettings({}).settings.engine.trustedRegistries, DEFAULT_TRUSTED_REGISTRIES);
  const custom = resolveSettings({ trustedRegistries: [' ghcr.io/my-org/ ', '*.dkr.ecr.*.amazonaws.com'] });
  assert.deepEqual(custom.problems, []);
  assert.deepEqual(custom.settings.engine.trustedRegistries, ['ghcr.io/my-org/', '*.dkr.ecr.*.amazonaws.com']);
  assert.deepEqual(resolveSettings({ trustedRegistries: [] }).settings.engine.trustedRegistries, [], 'an empty list trusts nothing');
  for (const bad of ['ghcr.io', [42], [''], { a: 1 }]) {
    const { settings, problems } = resolveSettings({ trustedRegistries: bad });
    assert.deepEqual(settings.engine.trustedRegistries, DEFAULT_TRUSTED_REGISTRIES, JSON.stringify(bad));
    assert.equal(problems.length, 1, JSON.stringify(bad));
    assert.match(problems[0]!, /trustedRegistries/);
  }
});

test('trustedRegistries reach the engine: the same image is trusted or not depending on the setting', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: ghcr.io/my-org/app:1.0\n';
  const untrusted = (raw: unknown) => lintYaml(text, { settings: resolveSettings(raw).settings.engine }).filter((f) => f.ruleId === 'untrusted-registry').length;
  assert.equal(untrusted({}), 1);
  assert.equal(untrusted({ trustedRegistries: ['ghcr.io/my-org'] }), 0);
  assert.equal(untrusted({ trustedRegistries: ['ghcr.io/my-orgevil'] }), 1);
});

test('invalid values fall back with one problem each', () => {
  const { settings, problems } = resolveSettings({ enable: 'yes', profile: 'strict', rules: { 'no-such-rule': 'error', 'privileged-container': 'loud' }, debounceMs: -1 });
  assert.equal(settings.enable, true);
  assert.equal(settings.debounceMs, DEFAULT_DEBOUNCE_MS);
  assert.equal(settings.engine.profile, 'restricted');
  assert.deepEqual(settings.engine.rules, {});
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('no-such-rule')));
});

test('maxDiagnosticsPerFile: VS Code\'s 1,000 by default, 0 for no limit, anything but a whole number >= 0 falls back', () => {
  assert.equal(resolveSettings({}).settings.maxDiagnosticsPerFile, DEFAULT_MAX_DIAGNOSTICS);
  assert.equal(DEFAULT_MAX_DIAGNOSTICS, 1000);
  assert.equal(resolveSettings({ maxDiagnosticsPerFile: 0 }).settings.maxDiagnosticsPerFile, 0);
  for (const bad of [-1, 2.5, '100', Number.POSITIVE_INFINITY]) {
    const { settings, problems } = resolveSettings({ maxDiagnosticsPerFile: bad });
    assert.equal(settings.maxDiagnosticsPerFile, DEFAULT_MAX_DIAGNOSTICS, String(bad));
    assert.equal(problems.length, 1, String(bad));
    assert.match(problems[0]!, /maxDiagnosticsPerFile/);
  }
});

test('debounce is rounded and capped', () => {
  assert.equal(resolveSettings({ debounceMs: 12.6 }).settings.debounceMs, 13);
  assert.equal(resolveSettings({ debounceMs: 1e9 }).settings.debounceMs, MAX_DEBOUNCE_MS);
  assert.equal(resolveSettings({ debounceMs: Number.NaN }).problems.length, 1);
});

function store(answer: (uri: string) => unknown | Promise<unknown>) {
  const fetched: string[] = [];
  const warnings: string[] = [];
  const s = new SettingsStore({
    fetch: (uri) => {
      fetched.push(uri);
      try {
        return Promise.resolve(answer(uri));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    warn: (m) => warnings.push(m),
  });
  return { s, fetched, warnings };
}

test('settings are pulled once per URI until the configuration changes', async () => {
  let profile = 'baseline';
  const { s, fetched } = store(() => ({ profile }));
  assert.equal(s.peek('file:///a.yaml'), undefined);
  assert.equal((await s.get('file:///a.yaml')).engine.profile, 'baseline');
  await s.get('file:///a.yaml');
  await s.get('file:///b.yaml');
  assert.deepEqual(fetched, ['file:///a.yaml', 'file:///b.yaml']);
  assert.equal(s.peek('file:///a.yaml')?.engine.profile, 'baseline');
  profile = 'restricted';
  s.invalidate({ shipshape: null });
  assert.equal(s.peek('file:///a.yaml'), undefined);
  assert.equal((await s.get('file:///a.yaml')).engine.profile, 'restricted');
  assert.equal(fetched.length, 3);
  s.forget('file:///a.yaml');
  await s.get('file:///a.yaml');
  assert.equal(fetched.length, 4);
});

test('problems are logged once per configuration, not per document or lint', async () => {
  const { s, warnings } = store(() => ({ rules: { 'no-such-rule': 'error' } }));
  await s.get('file:///a.yaml');
  await s.get('file:///b.yaml');
  s.forget('file:///a.yaml');
  await s.get('file:///a.yaml');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /unknown rule id "no-such-rule"/);
  s.invalidate();
  await s.get('file:///a.yaml');
  assert.equal(warnings.length, 2);
});

test('an answer that arrives after an invalidation does not enter the cache', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let profile = 'baseline';
  const { s } = store(async () => {
    const p = profile;
    await gate;
    return { profile: p };
  });
  const old = s.get('file:///a.yaml');
  profile = 'restricted';
  s.invalidate();
  const fresh = s.get('file:///a.yaml');
  release();
  assert.equal((await old).engine.profile, 'baseline');
  assert.equal((await fresh).engine.profile, 'restricted');
  assert.equal(s.peek('file:///a.yaml')?.engine.profile, 'restricted');
});

test('a failed pull uses defaults, is logged, and is asked again next time', async () => {
  let fail = true;
  const { s, warnings, fetched } = store(() => {
    if (fail) throw new Error('client went away');
    return { profile: 'baseline' };
  });
  assert.equal((await s.get('file:///a.yaml')).engine.profile, 'restricted');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /client went away/);
  fail = false;
  assert.equal((await s.get('file:///a.yaml')).engine.profile, 'baseline');
  assert.equal(fetched.length, 2);
});

test('without workspace/configuration the pushed section is used', async () => {
  const warnings: string[] = [];
  const s = new SettingsStore({ fetch: () => undefined, warn: (m) => warnings.push(m) });
  assert.equal((await s.get('file:///a.yaml')).engine.profile, 'restricted');
  s.invalidate({ shipshape: { profile: 'baseline', enable: false } });
  const got = await s.get('file:///a.yaml');
  assert.equal(got.engine.profile, 'baseline');
  assert.equal(got.enable, false);
  assert.deepEqual(warnings, []);
});
