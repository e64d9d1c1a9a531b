/**
 * Small, total helpers over `yaml` AST nodes. They never throw: anything
 * unexpected (a sequence where a map belongs, an alias, a null) reads as
 * "absent". Aliases are resolved for reading, with a bounded depth.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Span } from '../types';
import type { YamlDocument } from '../parse/yaml-document';

/** Follow aliases (bounded) to the node they name. */
export function deref(node: unknown, doc?: YamlDocument): Node | undefined {
  let cur: unknown = node;
  for (let i = 0; i < 8 && isAlias(cur); i++) {
    if (!doc) return undefined;
    // Not cur.resolve(doc): it walks the whole document on every call (quadratic over many aliases).
    cur = doc.resolveAlias(cur);
  }
  if (isAlias(cur)) return undefined;
  return (cur ?? undefined) as Node | undefined;
}

export function asMap(node: unknown, doc?: YamlDocument): YAMLMap | undefined {
  const n = deref(node, doc);
  return isMap(n) ? n : undefined;
}

export function asSeq(node: unknown, doc?: YamlDocument): YAMLSeq | undefined {
  const n = deref(node, doc);
  return isSeq(n) ? n : undefined;
}

export function asScalar(node: unknown, doc?: YamlDocument): Scalar | undefined {
  const n = deref(node, doc);
  return isScalar(n) ? n : undefined;
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = key.value;
    return typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v);
  }
  return undefined;
}

/** The pair of `map` whose key is `key` (last one wins, like Kubernetes decoding). */
export function getPair(map: YAMLMap | undefined, key: string): Pair<Node, Node> | undefined {
  if (!map) return undefined;
  let found: Pair<Node, Node> | undefined;
  for (const item of map.items) {
    if (isPair(item) && keyString(item.key) === key) found = item as Pair<Node, Node>;
  }
  return found;
}

/** The value node under `key` (aliases not resolved). */
export function getNode(map: YAMLMap | undefined, key: string): Node | undefined {
  const p = getPair(map, key);
  return (p?.value ?? undefined) as Node | undefined;
}

/** Walk a path of map keys; returns undefined as soon as a step is missing or not a map. */
export function getPath(map: YAMLMap | undefined, path: readonly string[], doc?: YamlDocument): Node | undefined {
  let cur: Node | undefined = map;
  for (const key of path) {
    const m = asMap(cur, doc);
    if (!m) return undefined;
    cur = getNode(m, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Scalar value (string, number, boolean, null) of a node, aliases resolved. */
export function scalarValue(node: unknown, doc?: YamlDocument): unknown {
  const s = asScalar(node, doc);
  return s ? s.value : undefined;
}

export function stringValue(node: unknown, doc?: YamlDocument): string | undefined {
  const v = scalarValue(node, doc);
  return typeof v === 'string' ? v : undefined;
}

/** Span of a node as given by the parser (value end, excluding trailing comments). */
export function nodeSpan(node: unknown): Span | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

/** Span of a pair's key. */
export function keySpan(pair: Pair | undefined): Span | undefined {
  return pair ? nodeSpan(pair.key) : undefined;
}

/**
 * Span for a report about a pair: the key through the end of a scalar value
 * ("privileged: true"), or just the key when the value is a collection.
 */
export function pairSpan(pair: Pair | undefined): Span | undefined {
  if (!pair) return undefined;
  const k = nodeSpan(pair.key);
  if (!k) return nodeSpan(pair.value);
  const v = isScalar(pair.value) || isAlias(pair.value) ? nodeSpan(pair.value) : undefined;
  return v && v.end > k.start ? { start: k.start, end: v.end } : k;
}

/**
 * The deepest existing key along `path` starting at `map`, as a span (for
 * underlining a missing field at its nearest existing parent), or undefined
 * when not even the first key exists.
 */
export function nearestKeySpan(map: YAMLMap | undefined, path: readonly string[], doc?: YamlDocument): Span | undefined {
  let cur: YAMLMap | undefined = map;
  let best: Span | undefined;
  for (const key of path) {
    if (!cur) break;
    const p = getPair(cur, key);
    if (!p) break;
    best = keySpan(p) ?? best;
    cur = asMap(p.value, doc);
  }
  return best;
}

/** Items of a sequence node (aliases resolved per item for reading). */
export function seqItems(node: unknown, doc?: YamlDocument): Node[] {
  const s = asSeq(node, doc);
  if (!s) return [];
  return s.items.filter((i): i is Node => i !== null && i !== undefined && typeof i === 'object') as Node[];
}

/** Pairs of a map whose key is a scalar string. */
export function mapEntries(node: unknown, doc?: YamlDocument): Array<{ key: string; pair: Pair<Node, Node> }> {
  const m = asMap(node, doc);
  if (!m) return [];
  const out: Array<{ key: string; pair: Pair<Node, Node> }> = [];
  for (const item of m.items) {
    if (!isPair(item)) continue;
    const k = keyString(item.key);
    if (k !== undefined) out.push({ key: k, pair: item as Pair<Node, Node> });
  }
  return out;
}
