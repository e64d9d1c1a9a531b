// Regenerates the per-rule entries of the `shipshape.rules` setting in package.json from the rule
// registry, so the settings UI lists every rule with its title and default severity, and the
// configuration file schema schemas/shipshape-config.schema.json (rule ids, options schemas).
//   npx tsx scripts/sync-package.ts           rewrite package.json if it is out of date
//   npx tsx scripts/sync-package.ts --check   exit 1 if it is out of date (for CI)
// test/unit/lsp/settings-contribution.test.ts fails when the lists drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleMetas, SEVERITY_SETTINGS, type RuleMeta } from '../server/src/engine';
import { buildConfigSchema } from '../server/src/engine/config/config-schema';

const PACKAGE_JSON = join(__dirname, '..', 'package.json');
export const CONFIG_SCHEMA_PATH = join(__dirname, '..', 'schemas', 'shipshape-config.schema.json');

/** The committed text of schemas/shipshape-config.schema.json. */
export function configSchemaText(): string {
  return JSON.stringify(buildConfigSchema(ruleMetas()), null, 2) + '\n';
}

function ruleProperty(meta: RuleMeta): Record<string, unknown> {
  const enabled = meta.enabledByDefault === false ? 'off unless turned on here' : `\`${meta.defaultSeverity}\``;
  const level = meta.level ? ` Part of the Pod Security Standards **${meta.level}** profile.` : '';
  if (meta.optionsSchema) {
    return {
      type: ['string', 'object'],
      anyOf: [
        { type: 'string', enum: [...SEVERITY_SETTINGS] },
        { type: 'object', additionalProperties: false, properties: { severity: { type: 'string', enum: [...SEVERITY_SETTINGS] }, options: meta.optionsSchema } },
      ],
      description: meta.title,
      markdownDescription: `**${meta.title}**: ${meta.description} Default: ${enabled}.${level} A severity, or \`{ "severity": ..., "options": {...} }\`.`,
    };
  }
  return {
    type: 'string',
    enum: [...SEVERITY_SETTINGS],
    description: meta.title,
    markdownDescription: `**${meta.title}**: ${meta.description} Default: ${enabled}.${level}`,
  };
}

/** The `properties` of the `shipshape.rules` setting, in registry order. */
export function rulesSettingProperties(): Record<string, unknown> {
  return Object.fromEntries(ruleMetas().map((m) => [m.id, ruleProperty(m)]));
}

function main(): void {
  const check = process.argv.includes('--check');
  const original = readFileSync(PACKAGE_JSON, 'utf8');
  const pkg = JSON.parse(original);
  const rules = pkg?.contributes?.configuration?.properties?.['shipshape.rules'];
  if (!rules || typeof rules !== 'object') {
    console.error('package.json: contributes.configuration.properties["shipshape.rules"] is missing');
    process.exit(2);
  }
  rules.properties = rulesSettingProperties();
  const updated = JSON.stringify(pkg, null, 2) + '\n';
  const schema = configSchemaText();
  let schemaOriginal = '';
  try {
    schemaOriginal = readFileSync(CONFIG_SCHEMA_PATH, 'utf8');
  } catch {
    // missing: written below
  }
  if (updated === original && schema === schemaOriginal) {
    console.log('package.json and the config schema are in sync with the rule registry.');
    return;
  }
  if (check) {
    console.error('package.json or schemas/shipshape-config.schema.json is out of date: run `npx tsx scripts/sync-package.ts`.');
    process.exit(1);
  }
  if (updated !== original) writeFileSync(PACKAGE_JSON, updated);
  if (schema !== schemaOriginal) writeFileSync(CONFIG_SCHEMA_PATH, schema);
  console.log(`package.json: shipshape.rules lists ${Object.keys(rules.properties).length} rules; ${CONFIG_SCHEMA_PATH} written.`);
}

if (require.main === module) main();
