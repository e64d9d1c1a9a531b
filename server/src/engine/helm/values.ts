/**
 * The values model of the Go template engine: Go values as JavaScript values, and values files read as Helm reads them.
 *
 * Representation (chosen so that rendering pays nothing for provenance):
 * - `undefined`: Go's invalid reflect.Value ("no value": what a pipeline yields for a missing map key).
 * - `null`: a nil interface (a YAML `null`, a missing key read inside a field chain, `nil`).
 * - `string`, `boolean`; `number` is float64 (every number in values files: Helm reads YAML through JSON);
 *   `bigint` is Go's `int` (template literals, `len`, `until`, `add`...), so `eq 1 .Values.n` fails as in Go.
 * - `GoMap` (`Map<string, GoValue>`) is `map[string]interface {}`; arrays are `[]interface {}` unless
 *   `sliceTypes` names another element type (`[]string` from `splitList`, `[]int` from `until`).
 * - `GoStruct` for Helm's structs (.Chart, .Capabilities, .Files): fields, methods and a Go type name.
 *
 * Positions: scalars are primitives and carry nothing. Each map or array read from a values file is a key in a
 * side table (`ValuePositions`, a WeakMap owned by whoever read the file) that gives the file, the container's own
 * offset and the offset of each entry's value. A later provenance pass asks "which line set `.a.b`" by looking up the
 * container and key it read from; rendering never touches the table.
 */
import { quoteGo } from './gostrings';
import { parseAllDocuments, isMap, isScalar, isSeq, isAlias, parseDocument, type Node as YamlNode, type Document } from 'yaml';

export type GoValue = undefined | null | string | number | bigint | boolean | GoMap | GoValue[] | GoStruct | GoFunc;
export type GoMap = Map<string, GoValue>;
/** A function value (a method bound to a struct). */
export interface GoFunc {
  kind: 'func';
  name: string;
  call(args: GoValue[]): GoValue;
}

export class GoStruct {
  constructor(
    /** Go type as `%T` prints it, e.g. `*chart.Metadata`. */
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
    readonly methods: ReadonlyMap<string, GoFunc> = new Map(),
    /** How `%v` prints it (a Stringer), when it is one. */
    readonly str?: string,
    readonly print?: {
      /** A String method on the pointer: what a template action prints for it (fmt prints the struct). */
      addrStr?: string;
      /** How fmt prints the struct when its fields map is not what Go prints (unexported fields, a slice type). */
      show?: (plus: boolean) => string;
    },
  ) {}
}

/** Element types of slices that are not `[]interface {}` (for `%T`, `kindOf`, `typeOf`). */
export const sliceTypes = new WeakMap<GoValue[], string>();
export function typedSlice<T extends GoValue>(items: T[], elem: string): T[] {
  sliceTypes.set(items, elem);
  return items;
}

/** Methods of named map types (Helm's `.Files`: Get, Glob, AsConfig...), looked up before keys as Go does. */
export const mapMethods = new WeakMap<GoMap, ReadonlyMap<string, GoFunc>>();

/** Named map types (Helm's `common.Values` for the top-level data and .Values), for `%T` and `typeOf`. */
export const mapTypes = new WeakMap<GoMap, string>();


/** Go's type name of a value as `%T` prints it. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return `[]${sliceTypes.get(v) ?? 'interface {}'}`;
  if (v instanceof Map) return mapTypes.get(v) ?? 'map[string]interface {}';
  if (v instanceof GoStruct) return v.typeName;
  return 'func';
}

/** reflect.Kind name (sprig's kindOf). */
export function kindName(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  if (v instanceof GoStruct) return v.typeName.startsWith('*') ? 'ptr' : 'struct';
  return 'func';
}

export interface SourcePos {
  file: string;
  /** UTF-16 offset of the node in the file. */
  offset: number;
}
export interface ContainerPos {
  self: SourcePos;
  /** Offset of each entry's value node (map key or array index). */
  entries: Map<string | number, SourcePos>;
}
export type ValuePositions = WeakMap<object, ContainerPos>;

export interface ReadValuesResult {
  value: GoMap;
  /** Parse or conversion error, as Helm would fail (the value is then empty). */
  error?: { message: string; offset: number };
}

/**
 * Reads a values file as Helm does (sigs.k8s.io/yaml: YAML 1.1 through go-yaml v2 to JSON, so `yes`/`on`/`y` are
 * booleans, every number is a float64, keys are strings). Records positions in `positions` when given.
 */
export function readValues(text: string, file: string, positions?: ValuePositions): ReadValuesResult {
  let doc: Document;
  try {
    doc = parseDocument(text, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    return { value: new Map(), error: { message: String(e), offset: 0 } };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    return { value: new Map(), error: { message: err.message, offset: err.pos[0] } };
  }
  let v: GoValue;
  try {
    v = convertNode(doc.contents as YamlNode | null, context(doc, text, file, positions), 0);
  } catch (e) {
    return { value: new Map(), error: { message: (e as Error).message, offset: 0 } };
  }
  if (v === null || v === undefined) return { value: new Map() };
  if (!(v instanceof Map)) return { value: new Map(), error: { message: 'values are not a map', offset: 0 } };
  return { value: v };
}

/** Converts one YAML text to a Go value (fromYaml/fromYamlArray/fromJson share it). Throws on a parse error. */
export function yamlToGo(text: string): GoValue {
  // go-yaml's Unmarshal reads the first document of a stream and ignores the rest (fromYaml of a multi-document include).
  const docs = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return null;
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  return convertNode(doc.contents as YamlNode | null, context(doc, text, '', undefined), 0);
}

const MAX_DEPTH = 1000;

interface ConvertContext {
  doc: Document;
  file: string;
  positions: ValuePositions | undefined;
  /** Nodes left to convert: aliases can make a small text expand exponentially (go-yaml refuses those too). */
  budget: number;
}

function context(doc: Document, text: string, file: string, positions: ValuePositions | undefined): ConvertContext {
  return { doc, file, positions, budget: 100_000 + 20 * text.length };
}

/** sigs.k8s.io/yaml's error for a null map key (`~:`, `null:`), with the entry's value as Go's %#v shows a scalar. */
export function nullKeyMessage(val: YamlNode | null): string {
  const v = isScalar(val) ? val.value : undefined;
  const shown = val === null || v === null ? '<nil>' : typeof v === 'string' ? quoteGo(v) : isScalar(val) ? String(v) : '';
  return `error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ${shown}`;
}

function convertNode(node: YamlNode | null, cx: ConvertContext, depth: number): GoValue {
  if (--cx.budget < 0) throw new Error('yaml: document contains excessive aliasing');
  if (node === null || node === undefined) return null;
  if (depth > MAX_DEPTH) throw new Error('values nested too deeply');
  if (isAlias(node)) return convertNode(node.resolve(cx.doc) as YamlNode | null, cx, depth + 1);
  if (isScalar(node)) return scalarValue(node.value, node.source, node.type === 'PLAIN');
  if (isMap(node)) {
    const out: GoMap = new Map();
    const entries = new Map<string | number, SourcePos>();
    for (const pair of node.items) {
      // go-yaml v2 has no empty keys (`: x`), the yaml library reads them as null keys.
      const key = pair.key as YamlNode | null;
      if (!key || (isScalar(key) && key.value === null && key.range?.[0] === key.range?.[1])) throw new Error('yaml: did not find expected key');
      // sigs.k8s.io/yaml cannot turn a null key (`~:`, `null:`) into a JSON key.
      if (isScalar(key) && key.value === null) throw new Error(nullKeyMessage(pair.value as YamlNode | null));
      const k = isScalar(pair.key) ? scalarKey(pair.key.value, pair.key.source) : String((pair.key as { toString(): string } | null) ?? '');
      if (k === '<<') continue; // resolved by the yaml library's merge option
      const val = pair.value as YamlNode | null;
      out.set(k, convertNode(val, cx, depth + 1));
      const at = val?.range?.[0] ?? (pair.key as YamlNode | null)?.range?.[0];
      if (at !== undefined) entries.set(k, { file: cx.file, offset: at });
    }
    cx.positions?.set(out, { self: { file: cx.file, offset: node.range?.[0] ?? 0 }, entries });
    return out;
  }
  if (isSeq(node)) {
    const out: GoValue[] = [];
    const entries = new Map<string | number, SourcePos>();
    node.items.forEach((item, i) => {
      out.push(convertNode(item as YamlNode | null, cx, depth + 1));
      const at = (item as YamlNode | null)?.range?.[0];
      if (at !== undefined) entries.set(i, { file: cx.file, offset: at });
    });
    cx.positions?.set(out, { self: { file: cx.file, offset: node.range?.[0] ?? 0 }, entries });
    return out;
  }
  return null;
}

/**
 * Where go-yaml v2 reads a plain scalar differently from the yaml library's YAML 1.1 schema: no sexagesimal numbers
 * (`12:30` stays a string), `0o17` is an integer, and `-0` is the integer 0.
 */
function scalarValue(v: unknown, source: unknown, plain: boolean): GoValue {
  if (v === null || v === undefined) return null;
  if (plain && typeof source === 'string') {
    if (typeof v === 'number' && source.includes(':')) return source;
    if (typeof v === 'string' && /^[-+]?0o[0-7_]+$/.test(source)) return Number.parseInt(source.replace(/0o|_/g, ''), 8);
    if (Object.is(v, -0) && !/[.eE]/.test(source)) return 0;
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return typeof source === 'string' ? source : v.toISOString();
  return String(v);
}

function scalarKey(v: unknown, source: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return goFloatKey(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return typeof source === 'string' ? source : v.toISOString();
  return String(v);
}

/** A number key goes through JSON as Go prints it there. */
function goFloatKey(n: number): string {
  return String(n);
}

/** Deep copy of maps and slices (sprig's deepCopy, merge inputs). */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    const t = sliceTypes.get(v);
    if (t) sliceTypes.set(out, t);
    return out;
  }
  if (v instanceof Map) {
    const out: GoMap = new Map();
    for (const [k, x] of v) out.set(k, deepCopy(x));
    return out;
  }
  return v;
}
