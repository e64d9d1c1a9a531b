/** Small helpers over YAML nodes shared by the patch appliers (strategic merge, JSON 6902, targets). */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Provenance } from '../types';

/** Missing, or a null scalar (`key:`, `key: null`, `key: ~`). */
export function isNullNode(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && node.value === null);
}

/** The string a scalar stands for (as kyaml compares merge keys and map keys), or undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

export function findPair(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  for (const item of map.items) if (isPair(item) && scalarText(item.key) === key) return item;
  return undefined;
}

export function field(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  return (findPair(node, key)?.value ?? undefined) as Node | undefined;
}

/** The string at a path of maps (["metadata", "name"]), or undefined. */
export function textAt(node: unknown, ...path: string[]): string | undefined {
  let at: unknown = node;
  for (const key of path) at = field(at, key);
  return scalarText(at);
}

/** Removes `key` from the map; true when it was there. */
export function removeField(map: YAMLMap, key: string): boolean {
  const i = map.items.findIndex((p) => isPair(p) && scalarText(p.key) === key);
  if (i < 0) return false;
  map.items.splice(i, 1);
  return true;
}

/** Calls fn for the node and every node below it (map keys included). */
export function walkNodes(node: unknown, fn: (n: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  fn(node as Node);
  if (isMap(node)) {
    for (const p of node.items) {
      if (!isPair(p)) continue;
      walkNodes(p.key, fn);
      walkNodes(p.value, fn);
    }
  } else if (isSeq(node)) for (const item of node.items) walkNodes(item, fn);
}

/** A deep copy of a node of one provenance (a patch) for another (a built object); every copied node keeps its origin. */
export function transplant<N extends Node>(node: N, from: Provenance, to: Provenance): N {
  const copy = from.copy(node);
  walkNodes(copy, (n) => {
    const origin = from.get(n);
    if (origin) to.set(n, origin);
  });
  return copy;
}

/** A JSON-like value of a node, for comparisons (JSON 6902 `test`). */
export function plainValue(node: unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.items) if (isPair(p)) out[scalarText(p.key) ?? ''] = plainValue(p.value);
    return out;
  }
  if (isSeq(node)) return node.items.map(plainValue);
  if (isScalar(node)) return node.value ?? null;
  return null;
}
