/**
 * The JSON Schema of the editor settings (the `shipshape` section VS Code sends), built from the same
 * pieces as the `.shipshape.yaml` schema (config-schema.ts: `profile`, `rules` with every rule's
 * options schema, the boolean switches), so both are validated by ajv from one definition and their
 * problems read alike (schema-messages.ts). The keys only the editor has are added here; what a
 * schema cannot say (a quantity's syntax, a limit not below its request) is checked by settings.ts.
 * package.json's settings agree with it (test/unit/lsp/settings-contribution.test.ts).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { ruleMetas } from '../rules';
import type { RuleMeta } from '../types';
import { buildConfigSchema } from './config-schema';
import { pointerSegments, schemaErrorMessage, specificErrors } from './schema-messages';

type Schema = Record<string, unknown>;

const RESOURCE_KEYS = ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const;

/** The schema of the editor's `shipshape` section for the given rules (draft-07). */
export function buildSettingsSchema(rules: readonly RuleMeta[]): Schema {
  const config = buildConfigSchema(rules) as { definitions: Schema; properties: Record<string, Schema> };
  const shared = (key: string): Schema => config.properties[key]!;
  const quantity = (description: string): Schema => ({ type: ['string', 'number'], description });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Shipshape editor settings (the "shipshape" section)',
    type: 'object',
    // VS Code sends the whole section, client-only keys too (trace, kubeconfig).
    additionalProperties: true,
    definitions: config.definitions,
    properties: {
      enable: { type: 'boolean', description: 'Lint while you type.' },
      profile: shared('profile'),
      rules: shared('rules'),
      trustedRegistries: {
        type: 'array',
        items: { type: 'string', minLength: 1, pattern: '\\S' },
        description: 'Registries, repository prefixes or globs whose images untrusted-registry accepts; replaces the default list.',
      },
      schemaValidation: shared('schemaValidation'),
      allowAnnotationExemptions: shared('allowAnnotationExemptions'),
      allowInlineSuppressions: shared('allowInlineSuppressions'),
      fixes: {
        type: 'object',
        additionalProperties: false,
        properties: {
          defaultResources: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(RESOURCE_KEYS.map((k) => [k, quantity(`${k}: a Kubernetes quantity, e.g. 100m or 256Mi.`)])),
          },
        },
      },
      helm: editorHelm(shared('helm')),
      debounceMs: { type: 'number', minimum: 0, description: 'Longest wait in milliseconds after an edit before linting again (capped at 5000); a document that lints quickly waits less.' },
      maxDiagnosticsPerFile: { type: 'integer', minimum: 0, description: 'Most diagnostics shown for one file (0: no limit).' },
    },
  };
}

/**
 * The editor's `helm` settings: the `.shipshape.yaml` ones, and `valuesFiles` may also be an object mapping a chart
 * folder glob (relative to the workspace folder) to that chart's values files.
 */
function editorHelm(config: Schema): Schema {
  const props = config.properties as Record<string, Schema>;
  const list = props.valuesFiles!;
  return {
    ...config,
    properties: {
      ...props,
      // Empty: not set (the settings UI's empty field), the default v1.35.0.
      kubeVersion: { ...props.kubeVersion, pattern: `^(?:${String(props.kubeVersion!.pattern).slice(1, -1)})?$` },
      valuesFiles: {
        description: `${String(list.description)} Or an object: a chart folder glob, relative to the workspace folder (e.g. "charts/api", "charts/*"), to that chart's values files; the first key that matches the chart applies.`,
        if: { type: 'array' },
        then: { type: 'array', items: list.items },
        else: { type: 'object', propertyNames: { minLength: 1 }, additionalProperties: { type: 'array', items: list.items } },
      },
    },
  };
}

export interface SettingsCheck {
  /** One message per problem, naming its key path. */
  problems: string[];
  /** Whether the value at a key path, or anything in it, had a problem (then it is not used). */
  invalid(...path: string[]): boolean;
}

/** Most problems of one settings section that are described. */
const MAX_PROBLEMS = 50;

/**
 * Validators per set of known rule ids (in practice one: the registry's), then per the rule ids a section names: a
 * section is checked against the schema of the rules it sets, which gives the same problems as the schema of every rule
 * (the others' entries are absent; an unknown id is one either way) and compiles much faster: a section that sets no
 * rule, the usual one, compiles none of the rules' option schemas (about 60% of a first lint's start-up work before).
 */
const validators = new WeakMap<ReadonlySet<string>, Map<string, ValidateFunction>>();
/** Most validators kept per set of known rule ids (one per distinct set of rules the sections named). */
const MAX_VALIDATORS = 16;

function validatorFor(knownRuleIds: ReadonlySet<string>, raw: Record<string, unknown>): ValidateFunction {
  const rules = raw.rules;
  const named = rules === undefined ? [] : rules !== null && typeof rules === 'object' && !Array.isArray(rules) ? Object.keys(rules) : undefined;
  // Anything but a map of rules: the schema of every rule, whose problems name what `rules` should be.
  const ids = named ? named.filter((id) => knownRuleIds.has(id)).sort() : [...knownRuleIds].sort();
  const key = named ? ids.join(',') : '\u0000all';
  let byRules = validators.get(knownRuleIds);
  if (!byRules) validators.set(knownRuleIds, (byRules = new Map()));
  let validate = byRules.get(key);
  if (!validate) {
    // validateSchema: false: checking the schema against draft-07's meta-schema compiled that meta-schema first (about
    // 20 ms of a fresh server's work before its first publish); the schema is built from rule metadata, and
    // test/unit/engine/settings-schema-per-rules.test.ts checks the schema of every rule against the meta-schema.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, validateSchema: false, code: { optimize: false } });
    ajv.addVocabulary(['markdownDescription', 'defaultSnippets']);
    const wanted = new Set(ids);
    const schema = buildSettingsSchema(ruleMetas().filter((m) => wanted.has(m.id))) as { definitions: Record<string, Schema> };
    // A rule id where the schema names one (outside `rules`) is any known one, however few rules the section sets.
    const every = buildSettingsSchema(ruleMetas().filter((m) => knownRuleIds.has(m.id))) as { definitions: Record<string, Schema> };
    schema.definitions = { ...schema.definitions, ruleId: every.definitions.ruleId! };
    validate = ajv.compile(schema);
    if (byRules.size >= MAX_VALIDATORS) byRules.delete(byRules.keys().next().value!);
    byRules.set(key, validate);
  }
  return validate;
}

/** Check a raw settings section (an object) against the settings schema. Never throws. */
export function checkSettings(raw: Record<string, unknown>, knownRuleIds: ReadonlySet<string>): SettingsCheck {
  const validate = validatorFor(knownRuleIds, raw);
  if (validate(raw)) return { problems: [], invalid: () => false };
  const { specific, anyOfPaths } = specificErrors(validate.errors ?? []);
  const problems: string[] = [];
  const seen = new Set<string>();
  const bad: string[][] = [];
  for (const e of specific) {
    const segments = pointerSegments(e.instancePath);
    // An unknown key concerns the key itself (an unknown rule id: that rule's entry).
    if (e.keyword === 'additionalProperties') segments.push(String((e.params as { additionalProperty: string }).additionalProperty));
    bad.push(segments);
    // As for .shipshape.yaml, at most MAX_PROBLEMS are described (a message may look for the closest rule id).
    if (problems.length >= MAX_PROBLEMS) continue;
    const message = schemaErrorMessage(e, anyOfPaths, 'the settings');
    if (!seen.has(message)) problems.push(message);
    seen.add(message);
  }
  if (problems.length >= MAX_PROBLEMS && specific.length > seen.size) problems.push(`more problems (${specific.length.toLocaleString('en-US')} in all) are not listed: fix these first`);
  return { problems, invalid: (...path) => bad.some((b) => path.every((p, i) => b[i] === p)) };
}
