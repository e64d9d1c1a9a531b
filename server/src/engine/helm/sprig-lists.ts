/** Sprig's list and dict functions (list.go, dict.go), with mergo's merge rules for merge/mergeOverwrite. */
import { def, FuncError, FuncPanic, type FuncDef } from './funcs-types';
import { strslice, strval } from './sprig-strings';
import { deepCopy, kindName, typedSlice, type GoMap, type GoValue } from './values';

/** sprig's empty (and mergo's isEmptyValue for interface values). */
export function isEmpty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
  }
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}

function asList(v: GoValue, fn: string): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) throw new FuncPanic(`Cannot ${fn} on type interface {}`);
  throw new FuncPanic(`Cannot ${fn} on type ${kindName(v)}`);
}

function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, x]) => b.has(k) && deepEqual(x, b.get(k)));
  return false;
}

function toInt(v: GoValue): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') return Number.parseInt(v, 10) || 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** mergo.Merge (override false) or with WithOverride, for map[string]interface{} values. */
export function mergeInto(dst: GoMap, src: GoMap, override: boolean, depth = 0): void {
  if (depth > 1000) throw new FuncError('merge: maps nested too deeply');
  for (const [k, s] of src) {
    const d = dst.get(k);
    if (d instanceof Map && s instanceof Map) {
      mergeInto(d, s, override, depth + 1);
      continue;
    }
    // Observed with Helm 4.1 (sprig v3.3, mergo v1): with override, any non-nil source value wins, false and "" too.
    if (!dst.has(k) || isEmpty(d) || (override && s !== null && s !== undefined)) dst.set(k, s);
  }
}

function dict(args: GoValue[]): GoMap {
  const m: GoMap = new Map();
  for (let i = 0; i < args.length; i += 2) m.set(strval(args[i]), i + 1 < args.length ? args[i + 1] : '');
  return m;
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new FuncPanic('dig needs at least three arguments');
  const m = args[args.length - 1];
  const dflt = args[args.length - 2];
  const keys = args.slice(0, -2);
  if (!(m instanceof Map)) throw new FuncPanic('dig: last argument must be a map');
  let cur: GoValue = m;
  for (let i = 0; i < keys.length; i++) {
    if (!(cur instanceof Map)) return dflt;
    const k = keys[i];
    if (typeof k !== 'string') throw new FuncPanic('dig: keys must be strings');
    if (!cur.has(k)) return dflt;
    cur = cur.get(k);
  }
  return cur;
}

function merge(args: GoValue[], override: boolean): GoValue {
  const dst = args[0];
  if (!(dst instanceof Map)) throw new FuncError('merge: destination must be a map');
  for (const s of args.slice(1)) if (s instanceof Map) mergeInto(dst, s, override);
  return dst;
}

function uniq(list: GoValue[]): GoValue[] {
  const out: GoValue[] = [];
  for (const x of list) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function sliceList(list: GoValue, idx: GoValue[]): GoValue {
  const l = asList(list, 'slice');
  const a = idx.length > 0 ? toInt(idx[0]) : 0;
  const b = idx.length > 1 ? toInt(idx[1]) : l.length;
  if (a < 0 || b > l.length || a > b) throw new FuncPanic(`runtime error: slice bounds out of range [${a}:${b}]`);
  return l.slice(a, b);
}

export const sprigLists: [string, FuncDef][] = [
  ['list', def([], (a) => [...a], 'any')],
  ['tuple', def([], (a) => [...a], 'any')],
  ['dict', def([], dict, 'any')],
  ['first', def(['any'], ([l]) => (l === null ? null : asList(l, 'find first').length > 0 ? asList(l, 'first')[0] : null))],
  ['mustFirst', def(['any'], ([l]) => asList(l, 'find first')[0] ?? null)],
  ['last', def(['any'], ([l]) => (l === null ? null : (asList(l, 'find last').at(-1) ?? null)))],
  ['rest', def(['any'], ([l]) => (l === null ? null : asList(l, 'find rest').slice(1)))],
  ['initial', def(['any'], ([l]) => (l === null ? null : asList(l, 'find initial').slice(0, -1)))],
  ['append', def(['any', 'any'], ([l, v]) => [...asList(l, 'push'), v])],
  ['push', def(['any', 'any'], ([l, v]) => [...asList(l, 'push'), v])],
  ['mustAppend', def(['any', 'any'], ([l, v]) => [...asList(l, 'push'), v])],
  ['prepend', def(['any', 'any'], ([l, v]) => [v, ...asList(l, 'prepend')])],
  ['mustPrepend', def(['any', 'any'], ([l, v]) => [v, ...asList(l, 'prepend')])],
  ['concat', def([], (ls) => ls.flatMap((l) => (l === null ? [] : asList(l, 'concat'))), 'any')],
  ['reverse', def(['any'], ([l]) => [...asList(l, 'reverse')].reverse())],
  ['uniq', def(['any'], ([l]) => uniq(asList(l, 'uniq')))],
  ['mustUniq', def(['any'], ([l]) => uniq(asList(l, 'uniq')))],
  ['compact', def(['any'], ([l]) => asList(l, 'compact').filter((x) => !isEmpty(x)))],
  ['mustCompact', def(['any'], ([l]) => asList(l, 'compact').filter((x) => !isEmpty(x)))],
  ['without', def(['any'], ([l, ...omit]) => asList(l, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x))), 'any')],
  ['mustWithout', def(['any'], ([l, ...omit]) => asList(l, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x))), 'any')],
  ['has', def(['any', 'any'], ([n, l]) => (l === null ? false : asList(l, 'find has').some((x) => deepEqual(x, n))))],
  ['mustHas', def(['any', 'any'], ([n, l]) => (l === null ? false : asList(l, 'find has').some((x) => deepEqual(x, n))))],
  ['sortAlpha', def(['any'], ([l]) => typedSlice((Array.isArray(l) ? strslice(l) : [strval(l)]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'string'))],
  ['slice', def(['any'], ([l, ...ix]) => sliceList(l, ix), 'any')],
  ['chunk', def(['int', 'any'], ([n, l]) => {
    const size = Number(n);
    const src = asList(l, 'chunk');
    const out: GoValue[] = [];
    for (let i = 0; i < src.length && size > 0; i += size) out.push(src.slice(i, i + size));
    return out;
  })],
  ['get', def(['map', 'string'], ([m, k]) => ((m as GoMap | null)?.has(k as string) ? (m as GoMap).get(k as string) : ''))],
  ['set', def(['map', 'string', 'any'], ([m, k, v]) => ((m as GoMap).set(k as string, v), m))],
  ['unset', def(['map', 'string'], ([m, k]) => ((m as GoMap).delete(k as string), m))],
  ['hasKey', def(['map', 'string'], ([m, k]) => (m as GoMap | null)?.has(k as string) ?? false)],
  ['pluck', def(['string'], ([k, ...ms]) => ms.filter((m): m is GoMap => m instanceof Map && m.has(k as string)).map((m) => m.get(k as string)), 'map')],
  ['keys', def([], (ms) => typedSlice(ms.flatMap((m) => (m instanceof Map ? [...m.keys()] : [])).sort(), 'string'), 'map')],
  ['values', def(['map'], ([m]) => [...((m as GoMap | null)?.entries() ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v))],
  ['pick', def(['map'], ([m, ...ks]) => new Map([...((m as GoMap | null) ?? new Map())].filter(([k]) => ks.includes(k))), 'string')],
  ['omit', def(['map'], ([m, ...ks]) => new Map([...((m as GoMap | null) ?? new Map())].filter(([k]) => !ks.includes(k))), 'string')],
  ['merge', def(['map'], (a) => merge(a, false), 'map')],
  ['mustMerge', def(['map'], (a) => merge(a, false), 'map')],
  ['mergeOverwrite', def(['map'], (a) => merge(a, true), 'map')],
  ['mustMergeOverwrite', def(['map'], (a) => merge(a, true), 'map')],
  ['deepCopy', def(['any'], ([v]) => deepCopy(v))],
  ['mustDeepCopy', def(['any'], ([v]) => deepCopy(v))],
  ['dig', def(['any'], dig, 'any')],
];
