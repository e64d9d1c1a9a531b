// package.json contributions match the code: settings vs the rule registry and the server's defaults,
// commands vs the client's command table, activation never on `*`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleMetas, DEFAULT_SETTINGS, SEVERITY_SETTINGS } from '../../../server/src/engine';
import { DEFAULT_TRUSTED_REGISTRIES } from '../../../server/src/engine/config/settings';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_DIAGNOSTICS, MAX_DEBOUNCE_MS, SECTION } from '../../../server/src/lsp/settings';
import { COMMANDS } from '../../../client/src/commands';
import { LANGUAGES, SECTION as CLIENT_SECTION } from '../../../client/src/language-client-config';
import { DEFAULT_PROTECTED_CONTEXTS } from '../../../client/src/kubeconfig/tree-model';
import { SETTING_PATH as KUBECONFIG_SETTING_PATH, SETTING_PROTECTED as KUBECONFIG_SETTING_PROTECTED } from '../../../client/src/kubeconfig/settings';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const props: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;
const SYNC = 'run `npx tsx scripts/sync-package.ts`';

test('every setting is in the shipshape section and has a markdown description', () => {
  assert.equal(CLIENT_SECTION, SECTION, 'the client synchronises the section the server reads');
  assert.deepEqual(Object.keys(props).sort(), ['enable', 'profile', 'rules', 'trustedRegistries', 'allowAnnotationExemptions', 'allowInlineSuppressions', 'schemaValidation', 'helm.enabled', 'helm.valuesFiles', 'helm.kubeVersion', 'fixes.defaultResources', 'debounceMs', 'maxDiagnosticsPerFile', 'trace.server', 'kubeconfig.path', 'kubeconfig.protectedContexts'].map((k) => `${SECTION}.${k}`).sort());
  for (const [key, p] of Object.entries(props)) {
    assert.equal(typeof p.markdownDescription, 'string', key);
    assert.ok((p.markdownDescription as string).length > 30, key);
  }
});

test('setting defaults match the server defaults', () => {
  assert.equal(props['shipshape.enable']!.default, true);
  assert.equal(props['shipshape.profile']!.default, DEFAULT_SETTINGS.profile);
  assert.deepEqual(props['shipshape.profile']!.enum, ['baseline', 'restricted']);
  assert.equal((props['shipshape.profile']!.enumDescriptions as string[]).length, 2);
  assert.equal(props['shipshape.debounceMs']!.default, DEFAULT_DEBOUNCE_MS);
  assert.equal(props['shipshape.debounceMs']!.maximum, MAX_DEBOUNCE_MS);
  assert.equal(props['shipshape.maxDiagnosticsPerFile']!.default, DEFAULT_MAX_DIAGNOSTICS);
  assert.equal(props['shipshape.maxDiagnosticsPerFile']!.minimum, 0);
  assert.deepEqual(props['shipshape.trace.server']!.enum, ['off', 'messages', 'verbose']);
  assert.deepEqual(props['shipshape.kubeconfig.protectedContexts']!.default, [...DEFAULT_PROTECTED_CONTEXTS]);
  assert.equal(props['shipshape.kubeconfig.path']!.default, '');
  assert.equal(`${SECTION}.${KUBECONFIG_SETTING_PATH}`, 'shipshape.kubeconfig.path');
  assert.equal(`${SECTION}.${KUBECONFIG_SETTING_PROTECTED}`, 'shipshape.kubeconfig.protectedContexts');
  assert.deepEqual(props['shipshape.trustedRegistries']!.default, [...DEFAULT_TRUSTED_REGISTRIES]);
  assert.deepEqual(props['shipshape.trustedRegistries']!.items, { type: 'string', minLength: 1 });
  for (const entry of DEFAULT_TRUSTED_REGISTRIES) {
    assert.ok((props['shipshape.trustedRegistries']!.markdownDescription as string).includes(`\`${entry}\``), `the description lists ${entry}`);
  }
});

test('workspace settings that could silence rules are restricted in untrusted workspaces', () => {
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of ['enable', 'profile', 'rules', 'trustedRegistries', 'helm.enabled', 'helm.valuesFiles', 'helm.kubeVersion']) assert.ok(restricted.includes(`${SECTION}.${key}`), key);
});

test(`shipshape.rules lists exactly the registry's rules with their titles (${SYNC})`, () => {
  const rules = props['shipshape.rules']!;
  assert.equal(rules.type, 'object');
  assert.equal(rules.additionalProperties, false);
  const listed = rules.properties as Record<string, { type: string; enum?: string[]; anyOf?: { enum?: string[]; properties?: { options?: unknown } }[]; description: string; markdownDescription: string }>;
  assert.deepEqual(Object.keys(listed).sort(), ruleMetas().map((m) => m.id).sort(), `rule ids differ: ${SYNC}`);
  for (const meta of ruleMetas()) {
    const p = listed[meta.id]!;
    assert.equal(p.description, meta.title, `${meta.id}: description is not the title: ${SYNC}`);
    if (meta.optionsSchema) {
      // A severity, or { severity, options } with the rule's own options schema.
      assert.deepEqual(p.anyOf?.[0]?.enum, [...SEVERITY_SETTINGS], meta.id);
      assert.deepEqual(p.anyOf?.[1]?.properties?.options, meta.optionsSchema, meta.id);
    } else assert.deepEqual(p.enum, [...SEVERITY_SETTINGS], meta.id);
    assert.ok(p.markdownDescription.includes(meta.description), `${meta.id}: markdownDescription is stale: ${SYNC}`);
  }
});

test('commands in package.json are exactly the client command table', () => {
  const contributed = (pkg.contributes.commands as { command: string; title: string; category: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.keys(COMMANDS).sort());
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'Shipshape');
});

test('activates on the served languages only, never on *', () => {
  assert.deepEqual([...pkg.activationEvents].sort(), LANGUAGES.map((l) => `onLanguage:${l}`).sort());
  assert.equal(pkg.main, './dist/extension.js');
});

test('schemas/shipshape-config.schema.json is generated from the registry and contributed for .shipshape.yaml/.yml (run `npx tsx scripts/sync-package.ts`)', async () => {
  const { configSchemaText, CONFIG_SCHEMA_PATH } = await import('../../../scripts/sync-package');
  const root = join(__dirname, '..', '..', '..');
  assert.equal(CONFIG_SCHEMA_PATH, join(root, 'schemas', 'shipshape-config.schema.json'));
  assert.equal(readFileSync(CONFIG_SCHEMA_PATH, 'utf8'), configSchemaText(), `the config schema is stale: ${SYNC}`);
  const contributed = (pkg.contributes.yamlValidation as { fileMatch: string[]; url: string }[]).filter((v) => v.url === './schemas/shipshape-config.schema.json');
  assert.equal(contributed.length, 1);
  assert.deepEqual([...contributed[0]!.fileMatch].sort(), ['.shipshape.yaml', '.shipshape.yml']);
});
