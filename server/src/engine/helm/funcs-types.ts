/** The shape of template functions (Go builtins, Sprig, Helm) and the errors they raise. */
import { typeName, type GoValue } from './values';

/**
 * Parameter types, as Go checks arguments against a function's signature: `any` is interface{}, `map` is
 * map[string]interface {}, `list` is []interface {}, `strings` is []string.
 */
export type ParamType = 'any' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'map' | 'list' | 'strings';

export interface CallContext {
  /** Executes a named template with data (include). */
  include(name: string, data: GoValue): string;
  /** Parses and executes text as a template (tpl). */
  tpl(text: string, data: GoValue): string;
  /** Counts work against the execution budget (functions that build large values call it). */
  spend(n: number): void;
}

export interface FuncDef {
  params: ParamType[];
  /** Element type of a trailing variadic parameter. */
  variadic?: ParamType;
  fn(args: GoValue[], ctx: CallContext): GoValue;
}

export type FuncMap = ReadonlyMap<string, FuncDef>;

/** An error a function returns; the executor reports it as `error calling NAME: message`. */
export class FuncError extends Error {}

/** A Go panic inside a function (Helm reports these as rendering failures). */
export class FuncPanic extends Error {}

export function goTypeOfParam(p: ParamType): string {
  switch (p) {
    case 'any':
      return 'interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'list':
      return '[]interface {}';
    case 'strings':
      return '[]string';
    default:
      return p;
  }
}

/** Shorthand for a definition. */
export function def(params: ParamType[], fn: FuncDef['fn'], variadic?: ParamType): FuncDef {
  return variadic ? { params, fn, variadic } : { params, fn };
}

/**
 * Go's validateType for an argument of type `typ`: the value to pass, or Go's error message. `fromPipe`: the value
 * is a pipeline result (an invalid value rather than a nil interface read from a map).
 */
export function validateArg(v: GoValue, typ: ParamType, fromPipe: boolean): { value: GoValue } | { error: string } {
  if (typ === 'any') return { value: v === undefined ? null : v };
  const want = goTypeOfParam(typ);
  const nilable = typ === 'map' || typ === 'list' || typ === 'strings';
  if (v === undefined) return nilable ? { value: null } : { error: `invalid value; expected ${want}` };
  if (v === null) return fromPipe && nilable ? { value: null } : { error: `wrong type for value; expected ${want}; got interface {}` };
  const got = typeName(v);
  const ok =
    (typ === 'string' && typeof v === 'string') ||
    (typ === 'int' && typeof v === 'bigint') ||
    (typ === 'int64' && typeof v === 'bigint') ||
    (typ === 'float64' && typeof v === 'number') ||
    (typ === 'bool' && typeof v === 'boolean') ||
    (typ === 'map' && v instanceof Map) ||
    (typ === 'list' && Array.isArray(v) && got === '[]interface {}') ||
    (typ === 'strings' && Array.isArray(v) && got === '[]string');
  return ok ? { value: v } : { error: `wrong type for value; expected ${want}; got ${got}` };
}
