/**
 * YAML aliases, in linear time and with bounded expansion.
 *
 * `Alias.resolve(doc)` in the `yaml` library walks the whole document on every
 * call, so reading N aliases of an N-node document costs N²: a manifest of
 * 20,000 `- *env` lines takes minutes. YamlDocument.resolveAlias answers
 * from a table built by one walk per document, which the YamlDocument keeps
 * (same meaning: the last node with that anchor before the alias, in
 * document order).
 *
 * Aliases can also make a small text mean a huge tree ("billion laughs": ten
 * anchors of ten aliases each are 10^10 nodes) or a cyclic one (an alias
 * inside the node its anchor names). Anything that walks values through
 * aliases (schema validation, rules) would then hang or exhaust memory.
 * `aliasProblem` measures the expanded size of each parsed document in one
 * pass (each anchored node's size is computed once) and records a problem as
 * a document error at the alias to blame, so the document is reported once
 * and not linted: Kubernetes (go-yaml) rejects both patterns too.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';

/** Expanded size (in nodes) a document may always reach, whatever its own size. */
export const MAX_EXPANDED_NODES = 100_000;
/** Beyond MAX_EXPANDED_NODES, aliases may multiply a document's own node count by at most this. */
export const MAX_EXPANSION_RATIO = 10;

type AnyDoc = Document | Document.Parsed;

/** How many nodes aliases may expand a document of `literal` nodes to. */
export function expansionLimit(literal: number): number {
  return Math.max(MAX_EXPANDED_NODES, MAX_EXPANSION_RATIO * literal);
}

export interface AliasTable {
  /** Alias -> the node it names (undefined: no such anchor before it). */
  targets: Map<Alias, Node | undefined>;
  /** Nodes the walk saw, aliases included (not expanded). */
  literal: number;
}

/** Child nodes of a node in document order (a pair's key, then its value). */
function children(node: unknown, out: unknown[]): void {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        if (item.key !== null && item.key !== undefined) out.push(item.key);
        if (item.value !== null && item.value !== undefined) out.push(item.value);
      } else if (item !== null && item !== undefined) out.push(item);
    }
  }
}

function anchorOf(node: unknown): string | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.anchor || undefined;
  return undefined;
}

interface Frame {
  node: unknown;
  kids: unknown[];
  next: number;
  size: number;
}

/**
 * One iterative pre-order walk (deeply nested documents do not overflow the
 * stack) that resolves every alias and, when `sizes` is given, computes each
 * node's expanded size in post-order. Returns the table and, for a cyclic
 * alias, that alias.
 */
function walk(doc: AnyDoc, sizes?: Map<unknown, number>): { table: AliasTable; cycle?: Alias; total: number } {
  const targets = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  const open = new Set<unknown>();
  let literal = 0;
  let cycle: Alias | undefined;
  let total = 0;
  const root = doc.contents;
  if (root === null || root === undefined) return { table: { targets, literal }, total };
  const stack: Frame[] = [];
  const enter = (node: unknown): number | undefined => {
    literal++;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      if (!sizes) return 1;
      if (target === undefined) return 1;
      const known = sizes.get(target);
      if (known !== undefined) return known;
      // The anchored node is still open: the alias lies inside it.
      if (open.has(target)) cycle ??= node;
      return 1;
    }
    const anchor = anchorOf(node);
    if (anchor !== undefined) anchors.set(anchor, node as Node);
    const kids: unknown[] = [];
    children(node, kids);
    if (kids.length === 0) {
      sizes?.set(node, 1);
      return 1;
    }
    stack.push({ node, kids, next: 0, size: 1 });
    open.add(node);
    return undefined;
  };
  const rootSize = enter(root);
  if (rootSize !== undefined) total = rootSize;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.kids.length) {
      const size = enter(frame.kids[frame.next++]);
      if (size !== undefined) frame.size += size;
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    sizes?.set(frame.node, frame.size);
    const parent = stack[stack.length - 1];
    if (parent) parent.size += frame.size;
    else total = frame.size;
  }
  return { table: { targets, literal }, ...(cycle ? { cycle } : {}), total };
}

/** The alias table of `doc` (one walk; a YamlDocument keeps it, see resolveAlias there). */
export function aliasTable(doc: AnyDoc): AliasTable {
  return walk(doc).table;
}

/** Why a document's aliases make it unsafe to read, and the alias to blame; undefined when they do not. `table`: receives the alias table the check built. */
export function aliasProblem(doc: AnyDoc, table?: (table: AliasTable) => void): { alias: Alias; message: string } | undefined {
  const sizes = new Map<unknown, number>();
  const walked = walk(doc, sizes);
  const { cycle, total } = walked;
  table?.(walked.table);
  return problemOf(walked.table, cycle, total, sizes);
}

function problemOf(table: AliasTable, cycle: Alias | undefined, total: number, sizes: Map<unknown, number>): { alias: Alias; message: string } | undefined {
  if (cycle) {
    return { alias: cycle, message: `the alias *${cycle.source} refers to a node that contains it (a recursive alias)` };
  }
  const limit = expansionLimit(table.literal);
  if (total <= limit) return undefined;
  // Blame the alias that stands for the most nodes (the first of equals).
  let worst: Alias | undefined;
  let worstSize = -1;
  for (const [alias, target] of table.targets) {
    const size = target === undefined ? 1 : (sizes.get(target) ?? 1);
    if (size > worstSize) {
      worst = alias;
      worstSize = size;
    }
  }
  if (!worst) return undefined;
  return {
    alias: worst,
    message: `excessive aliasing, the aliases expand this document to over ${limit.toLocaleString('en-US')} nodes (a "billion laughs" alias bomb)`,
  };
}
