/**
 * A chart's values.schema.json checked against its final values, as `helm template` does before rendering (a values
 * file that does not meet the schema fails the render). Each problem is placed at the values line of the offending
 * value (the values positions), or the nearest map that holds it (a missing required key), else at the schema file.
 */
import Ajv, { type ErrorObject } from 'ajv';
import type { GoMap, GoValue, ValuePositions } from './values';

/** How a schema problem's message starts (Helm: "values don't meet the specifications of the schema(s) ..."). */
export const SCHEMA_PREFIX = "values don't meet the chart's values.schema.json: ";

export interface SchemaProblem {
  message: string;
  /** Helm's line for it, without the `- ` (`at '/age': minimum: got -5, want 0`), and the failed alternatives under it. */
  detail: string;
  /** The values file (as named in the positions) and offset; undefined file: the schema file itself. */
  file?: string;
  offset: number;
}

/** Values as JSON data (what Helm hands its schema validator). */
function toJson(v: GoValue, depth = 0): unknown {
  if (depth > 200) return null;
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, toJson(x, depth + 1)]));
  if (Array.isArray(v)) return v.map((x) => toJson(x, depth + 1));
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined || typeof v === 'object' || typeof v === 'function') return v === undefined ? null : v instanceof Map ? {} : null;
  return v;
}

const MAX_PROBLEMS = 50;

const schemaFileProblem = (message: string): SchemaProblem => ({ message, detail: message, offset: 0 });

/** Checks `values` against the schema text. A schema that is not JSON or does not compile is one problem at its start. */
export function checkValuesSchema(schemaText: string, values: GoMap, positions: ValuePositions): SchemaProblem[] {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (e) {
    return [schemaFileProblem(`values.schema.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`)];
  }
  if (typeof schema !== 'object' || schema === null) return [schemaFileProblem('values.schema.json is not a JSON schema object')];
  let errors: ErrorObject[];
  let data: unknown;
  try {
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, meta: false, logger: false });
    const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
    const validate = ajv.compile(rest);
    data = toJson(values);
    errors = validate(data) ? [] : (validate.errors ?? []);
  } catch (e) {
    return [schemaFileProblem(`values.schema.json cannot be used: ${e instanceof Error ? e.message : String(e)}`)];
  }
  // The alternatives of a failed oneOf/anyOf are told under it, as Helm nests them.
  const parents = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const under = (e: ErrorObject): ErrorObject | undefined => parents.find((p) => p !== e && e.schemaPath.startsWith(`${p.schemaPath}/`));
  return mergeByPath(errors.filter((e) => !under(e)))
    .slice(0, MAX_PROBLEMS)
    .map((err) => place(err, values, data, positions, errors.filter((e) => under(e) === err)));
}

/** Missing properties, and properties not allowed, at one place are one problem (as Helm's validator words them). */
function mergeByPath(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    const same = out.find((o) => o.keyword === e.keyword && o.instancePath === e.instancePath && (e.keyword === 'required' || e.keyword === 'additionalProperties'));
    const key = e.keyword === 'required' ? 'missingProperty' : 'additionalProperty';
    const name = String((e.params as Record<string, unknown>)[key]);
    if (same) (same.params as { names: string[] }).names.push(name);
    else out.push(e.keyword === 'required' || e.keyword === 'additionalProperties' ? { ...e, params: { ...e.params, names: [name] } } : e);
  }
  return out;
}

/** A JSON value as Helm's validator (santhosh-tekuri/jsonschema) quotes it in messages. */
function shown(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

function jsonTypeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v;
}

/** Helm's words for a schema problem (santhosh-tekuri/jsonschema v6, as helm v4.1.4 prints them); ajv's otherwise. */
function helmWords(err: ErrorObject, value: unknown): string {
  const p = err.params as Record<string, unknown>;
  const q = (names: unknown): string => (names as string[]).map((n) => `'${n}'`).join(', ');
  const size = (v: unknown): number => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0);
  switch (err.keyword) {
    case 'required': {
      const names = (p.names as string[] | undefined) ?? [String(p.missingProperty)];
      return names.length > 1 ? `missing properties ${q(names)}` : `missing property ${q(names)}`;
    }
    case 'additionalProperties':
      return `additional properties ${q((p.names as string[] | undefined) ?? [String(p.additionalProperty)])} not allowed`;
    case 'type': {
      const want = (Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',')).sort();
      return `got ${jsonTypeOf(value)}, want ${want.join(' or ')}`;
    }
    case 'enum':
      return `value must be one of ${(p.allowedValues as unknown[]).map(shown).join(', ')}`;
    case 'const':
      return `value must be ${shown(p.allowedValue)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${err.keyword}: got ${JSON.stringify(value)}, want ${JSON.stringify(p.limit)}`;
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return `${err.keyword}: got ${size(value)}, want ${JSON.stringify(p.limit)}`;
    case 'multipleOf':
      return `multipleOf: got ${JSON.stringify(value)}, want ${JSON.stringify(p.multipleOf)}`;
    case 'pattern':
      return `${shown(value)} does not match pattern ${shown(p.pattern)}`;
    case 'uniqueItems':
      return `items at ${String(p.j)} and ${String(p.i)} are equal`;
    case 'oneOf':
      return Array.isArray(p.passingSchemas) ? `'oneOf' failed, subschemas ${(p.passingSchemas as number[]).join(', ')} matched` : "'oneOf' failed, none matched";
    case 'anyOf':
      return "'anyOf' failed";
    case 'not':
      return "'not' failed";
  }
  return err.message ?? err.keyword;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const seg of instancePath.split('/').slice(1)) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return value;
}

function place(err: ErrorObject, values: GoMap, data: unknown, positions: ValuePositions, alternatives: ErrorObject[]): SchemaProblem {
  const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let container: GoValue = values;
  let best: { file: string; offset: number } | undefined = positions.get(values)?.self;
  for (const seg of path) {
    const key: string | number = Array.isArray(container) ? Number(seg) : seg;
    const at = container && typeof container === 'object' ? positions.get(container)?.entries.get(key) : undefined;
    if (at) best = at;
    container = container instanceof Map ? container.get(seg) : Array.isArray(container) ? container[Number(seg)] : undefined;
  }
  const line = `at '${err.instancePath}': ${helmWords(err, valueAt(data, err.instancePath))}`;
  const detail = line + alternatives.map((a) => `\n  - at '${a.instancePath}': ${helmWords(a, valueAt(data, a.instancePath))}`).join('');
  const message = `${SCHEMA_PREFIX}${line}`;
  return best ? { message, detail, file: best.file, offset: best.offset } : { message, detail, offset: 0 };
}
