/**
 * A chart's values.schema.json checked against its final values, as `helm template` does before rendering (a values
 * file that does not meet the schema fails the render). Each problem is placed at the values line of the offending
 * value (the values positions), or the nearest map that holds it (a missing required key), else at the schema file.
 */
import Ajv, { type ErrorObject } from 'ajv';
import type { GoMap, GoValue, ValuePositions } from './values';

export interface SchemaProblem {
  message: string;
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

/** Checks `values` against the schema text. A schema that is not JSON or does not compile is one problem at its start. */
export function checkValuesSchema(schemaText: string, values: GoMap, positions: ValuePositions): SchemaProblem[] {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (e) {
    return [{ message: `values.schema.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, offset: 0 }];
  }
  if (typeof schema !== 'object' || schema === null) return [{ message: 'values.schema.json is not a JSON schema object', offset: 0 }];
  let errors: ErrorObject[];
  try {
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, meta: false });
    const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
    const validate = ajv.compile(rest);
    errors = validate(toJson(values)) ? [] : (validate.errors ?? []);
  } catch (e) {
    return [{ message: `values.schema.json cannot be used: ${e instanceof Error ? e.message : String(e)}`, offset: 0 }];
  }
  return errors.slice(0, MAX_PROBLEMS).map((err) => place(err, values, positions));
}

function place(err: ErrorObject, values: GoMap, positions: ValuePositions): SchemaProblem {
  const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let container: GoValue = values;
  let best: { file: string; offset: number } | undefined = positions.get(values)?.self;
  for (const seg of path) {
    const key: string | number = Array.isArray(container) ? Number(seg) : seg;
    const at = container && typeof container === 'object' ? positions.get(container)?.entries.get(key) : undefined;
    if (at) best = at;
    container = container instanceof Map ? container.get(seg) : Array.isArray(container) ? container[Number(seg)] : undefined;
  }
  const where = err.instancePath === '' ? '' : ` at '${err.instancePath}'`;
  const extra = err.keyword === 'enum' && Array.isArray((err.params as { allowedValues?: unknown[] }).allowedValues) ? `: ${JSON.stringify((err.params as { allowedValues: unknown[] }).allowedValues)}` : '';
  const message = `values do not meet the chart's values.schema.json${where}: ${err.message ?? err.keyword}${extra}`;
  return best ? { message, file: best.file, offset: best.offset } : { message, offset: 0 };
}
