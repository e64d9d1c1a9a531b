/**
 * One readable message per schema error, for everything Shipshape validates against its settings
 * schemas: `.shipshape.yaml` (config-file.ts, which adds the place in the file) and the editor
 * settings (settings-schema.ts). Messages name the key path (`exemptions[0].reason: must not be empty`).
 */
import type { ErrorObject } from 'ajv';
import { RULE_IDS } from '../rules';
import { closestMatch } from '../suggest';

/** JSON pointer -> key path segments. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `exemptions[0].reason` from segments. */
export function displayPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

const TYPE_NAMES: Record<string, string> = { string: 'a string', boolean: 'true or false', array: 'a list', object: 'a map', number: 'a number', integer: 'a whole number' };

/** The errors worth a message: those about the branches of `if`/`anyOf` repeat the real cause, which is kept. */
export function specificErrors(errors: readonly ErrorObject[]): { specific: ErrorObject[]; anyOfPaths: ReadonlySet<string> } {
  return {
    specific: errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf'),
    anyOfPaths: new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath)),
  };
}

/**
 * The message for one error (of `specificErrors`); `whole` names the validated value when the error is
 * about it as a whole (`the file`). Needs ajv's `verbose` option (the error's data and parent schema).
 */
export function schemaErrorMessage(e: ErrorObject, anyOfPaths: ReadonlySet<string>, whole: string): string {
  const segments = pointerSegments(e.instancePath);
  const path = displayPath(segments);
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    if (segments.length === 2 && segments[0] === 'rules' && key === 'options') return `${path}: this rule takes no options`;
    if (segments.length === 1 && segments[0] === 'rules') {
      const best = closestMatch(key, RULE_IDS);
      return `rules: unknown rule id ${JSON.stringify(key)}${best ? ` (did you mean "${best}"?)` : ''}`;
    }
    const allowed = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
    const best = closestMatch(key, allowed);
    return `${path ? `${path}: ` : ''}unknown key ${JSON.stringify(key)}${best ? ` (did you mean "${best}"?)` : allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}`;
  }
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty: string }).missingProperty);
    return `${path || whole}: missing required key "${missing}"${missing === 'reason' ? ' (every exemption says why it is justified)' : ''}`;
  }
  if (e.keyword === 'enum' || e.keyword === 'const') {
    const value = e.data;
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    if (anyOfPaths.has(e.instancePath) || (allowed && allowed.length > 10)) {
      // A rule id in an exemption.
      const best = typeof value === 'string' ? closestMatch(value, RULE_IDS) : undefined;
      return `${path}: unknown rule id ${JSON.stringify(value)}${best ? ` (did you mean "${best}"?)` : ''}; use a rule id or "*"`;
    }
    return `${path}: must be one of ${(allowed ?? []).join(', ')}, got ${JSON.stringify(value)}`;
  }
  if (e.keyword === 'type') {
    const expected = String((e.params as { type: string }).type)
      .split(',')
      .map((t) => TYPE_NAMES[t] ?? t)
      .join(' or ');
    return `${path || whole}: must be ${expected}, got ${JSON.stringify(e.data)}`;
  }
  if (e.keyword === 'minLength' || (e.keyword === 'pattern' && (e.params as { pattern?: string }).pattern === '\\S')) return `${path}: must not be empty`;
  if (e.keyword === 'pattern') return `${path}: must match ${(e.params as { pattern?: string }).pattern}, got ${JSON.stringify(e.data)}`;
  if (e.keyword === 'minItems') return `${path}: must list at least one entry`;
  if (e.keyword === 'minimum' || e.keyword === 'maximum') return `${path}: ${e.message ?? 'is out of range'}, got ${JSON.stringify(e.data)}`;
  return `${path || whole}: ${e.message ?? 'is invalid'}`;
}
