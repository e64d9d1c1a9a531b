/**
 * Validation of a rule's `options` (from editor settings) against the rule's
 * `optionsSchema`. `.shipshape.yaml` is validated as a whole by its schema,
 * which embeds the same per-rule schemas (config-schema.ts).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { getRule } from '../rules';

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/** undefined when the options are valid for the rule, else a one-line problem. */
export function ruleOptionsProblem(ruleId: string, options: unknown): string | undefined {
  const schema = getRule(ruleId)?.meta.optionsSchema;
  if (!schema) return `rule "${ruleId}" takes no options`;
  let validate = validators.get(ruleId);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: false, strict: true });
    validate = ajv.compile(schema);
    validators.set(ruleId, validate);
  }
  if (validate(options)) return undefined;
  const e = validate.errors?.[0];
  return `rule "${ruleId}": options${e?.instancePath ? e.instancePath.replace(/\//g, '.') : ''} ${e?.message ?? 'are invalid'}`;
}
