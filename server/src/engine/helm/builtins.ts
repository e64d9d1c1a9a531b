/** Go text/template's builtin functions (text/template/funcs.go) with Go's type rules and error messages. */
import { def, FuncError, type FuncDef } from './funcs-types';
import { sprint, sprintf, sprintln } from './gofmt';
import { byteLength, bytesToString, isGoPrint, utf8Bytes } from './gostrings';
import { typeName, type GoValue } from './values';

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';
function basicKind(v: GoValue): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return 'other';
}

const BAD_COMPARISON = 'incompatible types for comparison';
const BAD_COMPARISON_TYPE = 'invalid type for comparison';

export function goEq(a: GoValue, ...bs: GoValue[]): boolean {
  if (bs.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of bs) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new FuncError(`${BAD_COMPARISON}: ${typeName(a)} and ${typeName(b)}`);
    } else if (k1 === 'other') {
      if (Array.isArray(a) || a instanceof Map || Array.isArray(b) || b instanceof Map)
        throw new FuncError(`non-comparable types ${a === null ? '<nil>' : typeName(a)}: ${typeName(a)}, ${typeName(b)}: ${typeName(b)}`);
      truth = a === b;
    } else if (k1 === 'invalid') {
      truth = true;
    } else {
      truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

export function goLt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new FuncError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) throw new FuncError(`${BAD_COMPARISON}: ${typeName(a)} and ${typeName(b)}`);
  if (k1 === 'bool') throw new FuncError(BAD_COMPARISON_TYPE);
  return (a as number | bigint | string) < (b as number | bigint | string);
}

function toIndex(v: GoValue, cap: number): number {
  if (typeof v === 'bigint') {
    if (v < 0n || v > BigInt(cap)) throw new FuncError(`index out of range: ${v}`);
    return Number(v);
  }
  if (v === undefined || v === null) throw new FuncError('cannot index slice/array with nil');
  throw new FuncError(`cannot index slice/array with type ${typeName(v)}`);
}

function goIndex(item: GoValue, ...indexes: GoValue[]): GoValue {
  let v = item;
  if (v === undefined || v === null) throw new FuncError('index of untyped nil');
  for (const ix of indexes) {
    if (v === null || v === undefined) throw new FuncError('index of nil pointer');
    if (typeof v === 'string') {
      const bytes = utf8Bytes(v);
      const i = toIndex(ix, bytes.length - 1);
      if (i >= bytes.length) throw new FuncError(`index out of range: ${i}`);
      v = BigInt(bytes[i]!);
    } else if (Array.isArray(v)) {
      const i = toIndex(ix, v.length - 1);
      if (i >= v.length) throw new FuncError(`index out of range: ${i}`);
      v = v[i];
    } else if (v instanceof Map) {
      if (typeof ix !== 'string') {
        if (ix === null || ix === undefined) throw new FuncError('value is nil; should be of type string');
        throw new FuncError(`value has type ${typeName(ix)}; should be string`);
      }
      const x = v.get(ix);
      v = x === undefined ? null : x;
    } else {
      throw new FuncError(`can't index item of type ${typeName(v)}`);
    }
  }
  return v;
}

function goSlice(item: GoValue, ...idx: GoValue[]): GoValue {
  if (item === undefined || item === null) throw new FuncError('slice of untyped nil');
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (idx.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = byteLength(item);
  } else if (Array.isArray(item)) len = item.length;
  else throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const ix = [0, len];
  idx.forEach((x, i) => (ix[i] = toIndex(x, len)));
  if (ix[0]! > ix[1]!) throw new FuncError(`invalid slice index: ${ix[0]} > ${ix[1]}`);
  if (typeof item === 'string') return bytesToString(utf8Bytes(item).slice(ix[0], ix[1]));
  return item.slice(ix[0], ix[1]);
}

function goLen(v: GoValue): bigint {
  if (typeof v === 'string') return BigInt(byteLength(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  if (v === null || v === undefined) throw new FuncError('len of nil pointer');
  throw new FuncError(`len of type ${typeName(v)}`);
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

export const builtins: ReadonlyMap<string, FuncDef> = new Map<string, FuncDef>([
  ['and', def(['any'], () => undefined, 'any')],
  ['or', def(['any'], () => undefined, 'any')],
  ['not', def(['any'], ([v]) => !truthy(v))],
  ['len', def(['any'], ([v]) => goLen(v))],
  ['index', def(['any'], ([v, ...ix]) => goIndex(v, ...ix), 'any')],
  ['slice', def(['any'], ([v, ...ix]) => goSlice(v, ...ix), 'any')],
  ['print', def([], (a) => sprint(a), 'any')],
  ['printf', def(['string'], ([f, ...a]) => sprintf(f as string, a), 'any')],
  ['println', def([], (a) => sprintln(a), 'any')],
  ['eq', def(['any'], ([a, ...b]) => goEq(a, ...b), 'any')],
  ['ne', def(['any', 'any'], ([a, b]) => !goEq(a, b))],
  ['lt', def(['any', 'any'], ([a, b]) => goLt(a, b))],
  ['le', def(['any', 'any'], ([a, b]) => goLt(a, b) || goEq(a, b))],
  ['gt', def(['any', 'any'], ([a, b]) => !goLt(a, b) && !goEq(a, b))],
  ['ge', def(['any', 'any'], ([a, b]) => !goLt(a, b))],
  ['html', def([], (a) => escapeHtml(sprint(a)), 'any')],
  ['urlquery', def([], (a) => encodeURIComponent(sprint(a)).replace(/%20/g, '+'), 'any')],
  ['js', def([], (a) => jsEscape(sprint(a)), 'any')],
  [
    'call',
    def(
      ['any'],
      ([f, ...a]) => {
        if (f && typeof f === 'object' && 'call' in f && typeof f.call === 'function') return f.call(a);
        throw new FuncError(`non-function of type ${typeName(f)}`);
      },
      'any',
    ),
  ],
]);

/** text/template's JSEscapeString. */
function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'" || ch === '"') out += '\\' + ch;
    else if (ch === '<' || ch === '>' || ch === '&' || ch === '=' || cp < 0x20 || !isGoPrint(cp)) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function truthy(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'boolean') return v;
  return true;
}
