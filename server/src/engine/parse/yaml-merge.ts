/**
 * YAML merge keys (`<<: *defaults`), expanded in place before a document is
 * linted, so that every map that merges an anchor holds the merged values
 * and every reader (views, rules, schema checks) judges each merging object
 * with them.
 *
 * Precedence follows the program that reads the file:
 * - `kubectl` (Kubernetes manifests; sigs.k8s.io/yaml, a go-yaml v2 fork):
 *   the map's entries apply in order, a `<<` at its place, so a key written
 *   after `<<` overrides the merged one and a key written before it is
 *   overridden; in `<<: [*a, *b]` the earlier source wins;
 * - `yaml11` (compose files; compose-go reads with go-yaml v4, as the YAML 1.1
 *   merge type says): the map's own keys win wherever they are written, then
 *   the sources in order (the earlier wins).
 * Both are checked in test/unit/engine/kubectl-scalars.test.ts (kubectl's
 * against test/fixtures/kubectl/scalars.json) and merge-keys.test.ts.
 *
 * A merged entry is a copy of the source's nodes whose ranges lie beyond the
 * document's text ("virtual" offsets). A report at such a span is moved by
 * `MergedSpans.translate` to the merging map's `<<` line, with the line
 * where the value is written as related information: each object that
 * merges an anchor gets its own finding on its own `<<` line. The edit
 * builders never edit a copy (its offsets are not in the text); they read a
 * merging map's written entries through the document's `writtenItems` and
 * ask its `mergeRecord` which keys the merge provides (the records are the
 * YamlDocument's, see parse/yaml-document.ts and fixes/yaml-edit.ts).
 *
 * Work is linear in the merged size, which the alias check at parse time
 * bounds (parse/yaml-aliases.ts counts a merge as the nodes it names): a
 * merge bomb is one parse finding and is never expanded.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../types';
import type { YamlDocument } from './yaml-document';

export type MergeDialect = 'kubectl' | 'yaml11';

/** `<<` written plain (a quoted "<<" is an ordinary key, for kubectl and compose-go alike). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && !key.tag && (key.value === '<<' || key.source === '<<');
}

function keyOf(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  return typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v);
}

interface VirtualEntry {
  start: number;
  end: number;
  /** The written node's range start and end (where the value is written). */
  origin: Span;
  /** The `<<` entry of the merging map. */
  merge: Span;
  /** `&name` of the source, or undefined for an inline map. */
  anchor?: string;
}

/** Where a report at a merged copy goes: the `<<` line, with the written value as related information. */
export interface Translated {
  span: Span;
  related: { span: Span; message: string };
}

/** The virtual offsets of one document's merged copies. */
export class MergedSpans {
  private readonly entries: VirtualEntry[] = [];
  private next: number;

  constructor(readonly base: number) {
    this.next = base;
  }

  /** A fresh virtual range for a copy of a node written at `origin`. */
  allocate(origin: Span, merge: Span, anchor: string | undefined): [number, number, number] {
    const start = this.next;
    const end = start + Math.max(0, origin.end - origin.start);
    this.next = end + 1;
    this.entries.push({ start, end, origin, merge, ...(anchor !== undefined ? { anchor } : {}) });
    return [start, end, end];
  }

  /** The written range of a virtual offset's node. */
  originOf(offset: number): Span | undefined {
    return this.find(offset)?.origin;
  }

  private find(offset: number): VirtualEntry | undefined {
    if (offset < this.base) return undefined;
    const e = this.entries;
    let lo = 0;
    let hi = e.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (e[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const entry = e[lo];
    return entry && entry.start <= offset && offset <= entry.end ? entry : undefined;
  }

  /** A span at a merged copy, moved to the `<<` entry that merged it; undefined for a span in the text. */
  translate(span: Span): Translated | undefined {
    const entry = this.find(span.start);
    if (!entry) return undefined;
    const from = entry.anchor !== undefined ? `&${entry.anchor}` : 'the map';
    const written = (e: VirtualEntry, offset: number): number => Math.min(e.origin.start + (offset - e.start), e.origin.end);
    const start = written(entry, span.start);
    // The span's end may lie in another copy (`key: value` is two nodes).
    const last = this.find(span.end) ?? this.find(span.end - 1);
    const end = last ? written(last, span.end) : entry.origin.end;
    return { span: entry.merge, related: { span: { start, end: end >= start ? end : entry.origin.end }, message: `The merged value, written in ${from}` } };
  }
}

/** Maps holding a plain `<<` key, children before parents, in document order (aliases not followed). */
function mergingMaps(root: unknown): YAMLMap[] {
  const out: YAMLMap[] = [];
  const stack: Array<{ node: unknown; done: boolean }> = [{ node: root, done: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const n = top.node;
    if (top.done) {
      if (isMap(n) && n.items.some((p) => isPair(p) && isMergeKey(p.key))) out.push(n);
      continue;
    }
    if (!isMap(n) && !isSeq(n)) continue;
    stack.push({ node: n, done: true });
    const kids: unknown[] = [];
    for (const item of n.items) {
      if (isPair(item)) kids.push(item.key, item.value);
      else kids.push(item);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], done: false });
  }
  return out;
}

function rangeOf(node: unknown): Span | undefined {
  const r = node && typeof node === 'object' ? (node as { range?: [number, number, number] | null }).range : undefined;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** The `<<: *a` entry as a span: the key through an alias or scalar value, else the key. */
function mergeEntrySpan(pair: Pair): Span {
  const k = rangeOf(pair.key)!;
  const v = isAlias(pair.value) || isScalar(pair.value) ? rangeOf(pair.value) : undefined;
  return v && v.end > k.start ? { start: k.start, end: v.end } : k;
}

/**
 * Expand every merge key of `doc` (parsed from `text`, free of errors) in
 * place; `doc` records each merging map's written entries. Returns the virtual spans of the copies, or undefined when the
 * document merges nothing.
 */
export function expandMerges(doc: YamlDocument, text: string, dialect: MergeDialect): MergedSpans | undefined {
  if (!text.includes('<<')) return undefined;
  const maps = mergingMaps(doc.contents);
  if (maps.length === 0) return undefined;
  const spans = new MergedSpans(text.length + 1);
  const deref = (n: unknown): unknown => {
    let cur = n;
    for (let i = 0; i < 8 && isAlias(cur); i++) cur = doc.resolveAlias(cur);
    return cur;
  };

  const copy = (node: unknown, merge: Span, anchor: string | undefined): unknown => {
    if (!node || typeof node !== 'object' || isAlias(node)) return node; // an alias keeps naming what it names
    const written = rangeOf(node);
    const origin = written && written.start >= spans.base ? spans.originOf(written.start) : written;
    let out: Scalar | YAMLMap | YAMLSeq;
    if (isScalar(node)) {
      const s = new Scalar(node.value);
      s.type = node.type;
      if (node.source !== undefined) s.source = node.source;
      if (node.tag) s.tag = node.tag;
      out = s;
    } else if (isMap(node) || isSeq(node)) {
      const c = isMap(node) ? new YAMLMap() : new YAMLSeq();
      c.flow = node.flow;
      for (const item of node.items) c.items.push((isPair(item) ? new Pair(copy(item.key, merge, anchor), copy(item.value, merge, anchor)) : copy(item, merge, anchor)) as never);
      out = c;
    } else return node;
    if (origin) out.range = spans.allocate(origin, merge, anchor);
    return out;
  };

  for (const map of maps) {
    const written = [...map.items];
    /** key -> the pair that wins it (a written pair, or a source pair to copy) and the merge entry that brought it. */
    const winner = new Map<string, { pair: Pair; via?: Pair; anchor?: string }>();
    const provided = new Set<string>();
    const sourcesOf = (mergePair: Pair): Array<{ map: YAMLMap; anchor?: string }> => {
      const v = mergePair.value;
      const list = isSeq(v) ? v.items : isAlias(v) && isSeq(deref(v)) ? (deref(v) as YAMLSeq).items : [v];
      const out: Array<{ map: YAMLMap; anchor?: string }> = [];
      for (const s of list) {
        const m = deref(s);
        if (isMap(m)) out.push({ map: m, ...(isAlias(s) ? { anchor: s.source } : {}) });
      }
      return out;
    };
    const offer = (mergePair: Pair, override: boolean, reverse: boolean): void => {
      const sources = sourcesOf(mergePair);
      if (reverse) sources.reverse();
      for (const { map: source, anchor } of sources) {
        for (const item of source.items) {
          if (!isPair(item)) continue;
          const k = keyOf(item.key);
          if (k === undefined) continue;
          provided.add(k);
          if (override || !winner.has(k)) winner.set(k, { pair: item, via: mergePair, ...(anchor !== undefined ? { anchor } : {}) });
        }
      }
    };
    if (dialect === 'kubectl') {
      // In order; a `<<` applies its sources last to first, so the earlier source wins.
      for (const item of written) {
        if (!isPair(item)) continue;
        if (isMergeKey(item.key)) offer(item, true, true);
        else {
          const k = keyOf(item.key);
          if (k !== undefined) winner.set(k, { pair: item });
        }
      }
    } else {
      for (const item of written) {
        if (!isPair(item) || isMergeKey(item.key)) continue;
        const k = keyOf(item.key);
        if (k !== undefined) winner.set(k, { pair: item });
      }
      for (const item of written) if (isPair(item) && isMergeKey(item.key)) offer(item, false, false);
    }
    const items: unknown[] = [];
    const merged = new Set<string>();
    for (const item of written) {
      if (!isPair(item)) {
        items.push(item);
        continue;
      }
      if (isMergeKey(item.key)) {
        // A `<<` that merges no map (kubectl and compose-go refuse the file) stays a key: the schema check reports it.
        if (sourcesOf(item).length === 0) {
          items.push(item);
          continue;
        }
        const at = mergeEntrySpan(item);
        for (const [k, w] of winner) {
          if (w.via !== item) continue;
          merged.add(k);
          items.push(new Pair(copy(w.pair.key, at, w.anchor), copy(w.pair.value, at, w.anchor)));
        }
        continue;
      }
      const k = keyOf(item.key);
      if (k === undefined || winner.get(k)?.pair === item) items.push(item);
    }
    doc.recordMerge(map, { items: written, merged, provided });
    map.items = items as typeof map.items;
  }
  return spans;
}
