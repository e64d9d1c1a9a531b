/** Reading `yaml` nodes for editing: keys, ranges, content ends, and whether a path can be edited safely. */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isMergeKey } from '../parse/yaml-merge';
import type { YamlEditor } from './yaml-editor';

export function keyOf(pair: Pair): string | undefined {
  if (!isScalar(pair.key)) return undefined;
  const v = pair.key.value;
  return typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v);
}

/**
 * The written pair for `key` (the last one, as decoding keeps it), or
 * undefined. `null` when the map cannot be edited: a complex key, a merge key
 * in a map the linter did not expand, or a written pair that a merge
 * overrides (editing it would change nothing).
 */
export function findPair(ed: YamlEditor, map: YAMLMap, key: string): Pair | undefined | null {
  const merges = ed.mergeRecord(map);
  let found: Pair | undefined;
  for (const item of ed.writtenItems(map)) {
    if (!isPair(item)) return null;
    if (isMergeKey(item.key)) {
      if (!merges) return null; // the effective value may come from elsewhere
      continue;
    }
    const k = keyOf(item);
    if (k === undefined) return null; // a complex or null key
    if (k === '<<') return null;
    if (isScalar(item.key) && item.key.anchor) return null;
    if (k === key) found = item;
  }
  if (found && merges?.merged.has(key)) return null;
  return found;
}

export function range(node: unknown): [number, number, number] | undefined {
  const r = node && typeof node === 'object' ? (node as { range?: [number, number, number] | null }).range : undefined;
  return r ?? undefined;
}

/** The offset just after the last character of a node's content (not its trailing comments or blank lines). */
export function contentEnd(ed: YamlEditor, node: unknown): number | undefined {
  const { text } = ed;
  if (isPair(node)) {
    const v = node.value as unknown;
    const hasValue = v !== null && v !== undefined && !(isScalar(v) && range(v) && range(v)![0] === range(v)![1]);
    return hasValue ? contentEnd(ed, v) : keyEnd(text, node);
  }
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const items = ed.writtenItems(node);
    const last = items[items.length - 1];
    return last === undefined ? undefined : contentEnd(ed, last);
  }
  const r = range(node);
  if (!r) return undefined;
  if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) {
    if (/^[|>][0-9]*\+/.test(text.slice(r[0], r[0] + 3))) return undefined; // keep chomping: trailing blank lines are content
    let end = r[1];
    while (end > r[0] && /\s/.test(text[end - 1]!)) end--;
    return end;
  }
  return r[1];
}

/** Offset just after the `:` of a block pair (the key's end when no colon is found on its line). */
export function keyEnd(text: string, pair: Pair): number | undefined {
  const r = range(pair.key);
  if (!r) return undefined;
  const colon = text.indexOf(':', r[1]);
  const nl = text.indexOf('\n', r[1]);
  return colon >= 0 && (nl < 0 || colon < nl) ? colon + 1 : r[1];
}

/** A flow collection that is safe to edit in place: one line, no comments. */
export function simpleFlow(text: string, node: YAMLMap | YAMLSeq): boolean {
  const r = range(node);
  if (!r) return false;
  const src = text.slice(r[0], r[1]);
  return !src.includes('\n') && !src.includes('#') && /^[{[]/.test(src) && /[}\]]$/.test(src);
}

/** True when the subtree holds an anchor (removing or replacing it would break an alias). */
export function hasAnchor(ed: YamlEditor, node: unknown, depth = 0): boolean {
  if (!node || typeof node !== 'object' || depth > 200) return false;
  if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) return true;
  if (isMap(node) || isSeq(node)) return ed.writtenItems(node).some((i) => hasAnchor(ed, i, depth + 1));
  if (isPair(node)) return hasAnchor(ed, node.key, depth + 1) || hasAnchor(ed, node.value, depth + 1);
  return false;
}

/** A null value written as nothing (`key:`), `~` or `null`: a place where a block can go. */
export function isNullValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return isScalar(value) && value.value === null && !value.anchor && !value.tag;
}

/**
 * Walk `path` from `map`. Returns the deepest existing editable map, the
 * pair of the last existing key and how many keys were found, or null when
 * the path cannot be edited safely.
 */
export function walk(ed: YamlEditor, map: YAMLMap, path: readonly string[]): { map: YAMLMap; found: number; pair?: Pair } | null {
  if (!ed.unanchoredChain(map)) return null;
  let cur = map;
  for (let i = 0; i < path.length; i++) {
    const pair = findPair(ed, cur, path[i]!);
    if (pair === null) return null;
    // A missing parent that a merge provides: creating it would hide the whole merged map.
    if (pair === undefined) return i < path.length - 1 && ed.mergeRecord(cur)?.merged.has(path[i]!) ? null : { map: cur, found: i };
    const v = pair.value as unknown;
    if (isAlias(v)) return null;
    if ((isMap(v) || isSeq(v) || isScalar(v)) && v.anchor) return null;
    if (i === path.length - 1) return { map: cur, found: i + 1, pair };
    if (isMap(v)) {
      cur = v;
      continue;
    }
    return { map: cur, found: i + 1, pair };
  }
  return { map: cur, found: 0 };
}
