/**
 * Minimal-edit builders for YAML documents: quick fixes change the original
 * text with a few `{start, end, text}` edits and never re-serialise the
 * document, so comments, quoting, key order and anchors stay as written.
 *
 * Every builder works on one parsed document (`yaml` 2 nodes with ranges) and
 * the text it was parsed from (for a rule: `ctx.text`, the document chunk),
 * and returns `TextEdit[]` with offsets into that text, or `undefined` when
 * the change cannot be made safely. Unsafe means: an anchor on the edited
 * node or any node above it (an alias elsewhere would change too), an alias
 * on the path, a merge key (`<<`) in a map the linter did not expand, a
 * removed subtree holding an anchor, a
 * flow collection spanning lines or holding comments, complex keys, block
 * scalars with keep chomping next to an insertion point.
 *
 * In a map whose merge keys the linter expanded (parse/yaml-merge.ts) the
 * builders edit the entries as written: a key the merge provides is set by
 * a new entry at the end of the merging map (a local override: only that
 * object changes, never the anchor); a parent map the merge provides, a
 * written key a merge overrides, and removing a key a merge also provides
 * are unsafe. Merged copies are not in the text and are never edited.
 *
 * Style is taken from the file: indentation unit (2, 4, ...), whether block
 * sequences are indented under their key (`key:\n  - a`) or not
 * (`key:\n- a`), and the line ending (LF or CRLF). New keys go at the
 * column of their siblings; keys of a sequence item map (`- name: web`)
 * align after the `- `. Inserted lines go after the last content line of the
 * map (or of a chosen sibling), so trailing comment lines stay where they are.
 *
 * The API (all functions are total and never throw):
 * - `setIn(doc, text, map, path, value, opts?)`: set `path` under `map` to a
 *   value, replacing an existing scalar or creating the missing keys and
 *   parent maps (`securityContext.capabilities.drop`).
 * - `setMapEntry(doc, text, map, pathToMap, key, value)`: the same, with the
 *   map path and the key apart (e.g. an annotation under `metadata.annotations`).
 * - `removeIn(doc, text, map, path)`: remove a key with its whole lines; a map
 *   left empty becomes `{}`.
 * - `addToSeq(doc, text, map, path, items)`: add items to a block or flow
 *   sequence (skipping ones already there), creating it when missing.
 * - `removeSeqItem(doc, text, seq, item)`: remove one item; a sequence left empty becomes `[]`.
 * - `replacePair(doc, text, map, path, key, value)`: replace `key: value`
 *   with another key and value at the same place (`value:` -> `valueFrom:`).
 * - `replaceNode(doc, text, node, value)`: replace a scalar node's text.
 *
 * Two fixes built from the same text may both create the same missing parent
 * (`securityContext:`), with insertions at the same offset: callers applying
 * several fixes must apply non-overlapping ones (treating equal insertion
 * points as overlapping) and re-lint.
 */
import { isMap, isPair, isScalar, isSeq, Scalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { column, lineStart, nextLineStart, restIsTrivia, spaces } from './text-lines';
import { editorFor, type AnyDoc, type YamlEditor } from './yaml-editor';
import { blockEntry, flowValue, formatScalar, isArray, isScalarValue, nest, seqItemLines, type YamlValue } from './yaml-format';
import { contentEnd, findPair, hasAnchor, isNullValue, keyEnd, range, simpleFlow, walk } from './yaml-nodes';
import type { TextEdit } from '../types';

export interface SetOptions {
  /** Insert a new key after the first of these existing siblings (default: after the last entry). */
  after?: readonly string[];
  /** When the key exists with a scalar value, keep it (return undefined) instead of replacing it. */
  keepExisting?: boolean;
}

/**
 * Replace text[start, end) of a one-line scalar with `value`, keeping an
 * aligned trailing comment in its column when the padding allows.
 */
function scalarEdit(text: string, start: number, end: number, value: string): TextEdit {
  const delta = value.length - (end - start);
  const m = /^( +)#/.exec(text.slice(end, end + 200));
  if (m && delta !== 0) {
    const pad = m[1]!.length;
    if (delta > 0 && pad - delta >= 1) return { start, end: end + delta, text: value };
    if (delta < 0 && pad > 1) return { start, end, text: value + spaces(-delta) };
  }
  return { start, end, text: value };
}

/** Edits that insert `lines` after the line holding `offset`. */
function insertLinesAfter(ed: YamlEditor, offset: number, lines: string[]): TextEdit {
  const { text, eol } = ed;
  const at = nextLineStart(text, offset);
  const body = lines.join(eol);
  if (at === text.length && !text.endsWith('\n')) return { start: at, end: at, text: eol + body };
  return { start: at, end: at, text: body + eol };
}

// ---------------------------------------------------------------------------
// Builders

/**
 * Insert `key: value` (and any missing parents) into `map`, which must be an
 * editable map on an anchor-free chain. `path` holds the keys still missing
 * below `map`, ending with the key to set.
 */
function insertInto(ed: YamlEditor, map: YAMLMap, path: readonly string[], value: YamlValue, opts: SetOptions): TextEdit[] | undefined {
  const { text } = ed;
  const [first, ...rest] = path;
  if (first === undefined) return undefined;
  const newValue = nest(rest, value);
  const items = ed.writtenItems(map);
  if (map.flow) {
    if (!simpleFlow(text, map)) return undefined;
    const r = range(map)!;
    const close = text.lastIndexOf('}', r[1] - 1);
    if (close < r[0]) return undefined;
    const entry = `${formatScalar(first)}: ${flowValue(newValue)}`;
    if (items.length === 0) return [{ start: r[0] + 1, end: close, text: entry }];
    const lastEnd = contentEnd(ed, items[items.length - 1]);
    if (lastEnd === undefined) return undefined;
    return [{ start: lastEnd, end: lastEnd, text: `, ${entry}` }];
  }
  const firstItem = items[0];
  const keyRange = isPair(firstItem) ? range(firstItem.key) : undefined;
  if (!keyRange) return undefined;
  const col = column(text, keyRange[0]);
  let anchorItem = items[items.length - 1];
  // In a merging map a new key goes last, after every `<<` (kubectl applies entries in order).
  for (const sibling of ed.mergeRecord(map) ? [] : (opts.after ?? [])) {
    const p = findPair(ed, map, sibling);
    if (p) {
      anchorItem = p;
      break;
    }
  }
  const end = contentEnd(ed, anchorItem);
  if (end === undefined) return undefined;
  return [insertLinesAfter(ed, end, blockEntry(ed, first, newValue, col))];
}

/** Put block entries as the value of a pair whose value is null (`key:`, `key: ~`). */
function fillNullPair(ed: YamlEditor, pair: Pair, entries: ReadonlyArray<readonly [string, YamlValue]>): TextEdit[] | undefined {
  if (entries.length === 0) return undefined;
  return fillNull(ed, pair, (col) => entries.flatMap(([k, v]) => blockEntry(ed, k, v, col)));
}

/** Write the lines `linesAt(key column + unit)` under a pair whose value is null. */
function fillNull(ed: YamlEditor, pair: Pair, linesAt: (col: number) => string[]): TextEdit[] | undefined {
  const { text } = ed;
  const kr = range(pair.key);
  const after = keyEnd(text, pair);
  if (!kr || after === undefined) return undefined;
  const edits: TextEdit[] = [];
  const vr = range(pair.value);
  let restFrom = after;
  if (vr && vr[1] > vr[0]) {
    // `key: ~` / `key: null`: drop the explicit null.
    if (text.slice(after, vr[0]).trim() !== '' || text.slice(vr[0], vr[1]).includes('\n')) return undefined;
    edits.push({ start: after, end: vr[1], text: '' });
    restFrom = vr[1];
  }
  if (!restIsTrivia(text, restFrom)) return undefined;
  // Flow context (a null inside `{a: }`) cannot take a block.
  const parent = ed.parentOf(pair);
  if ((isMap(parent) || isSeq(parent)) && parent.flow) return undefined;
  edits.push(insertLinesAfter(ed, restFrom, linesAt(column(text, kr[0]) + ed.unit)));
  return edits;
}

/** Replace a scalar value node with `value` (block value lines when the value is a collection in block context). */
function replaceScalarValue(ed: YamlEditor, pair: Pair, value: YamlValue): TextEdit[] | undefined {
  const node = pair.value;
  const r = range(node);
  if (!isScalar(node) || !r || node.anchor || node.tag) return undefined;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return undefined;
  if (text(ed, r[0], r[1]).includes('\n')) return undefined;
  if (isScalarValue(value)) return [scalarEdit(ed.text, r[0], r[1], formatScalar(value))];
  const parent = ed.parentOf(pair);
  if ((isMap(parent) || isSeq(parent)) && parent.flow) return [{ start: r[0], end: r[1], text: flowValue(value) }];
  return undefined;
}

function text(ed: YamlEditor, start: number, end: number): string {
  return ed.text.slice(start, end);
}

/**
 * Set `path` under `map` to `value`: replace the existing scalar, or create
 * the missing keys (and parent maps) at the siblings' indentation. Undefined
 * when unsafe, or when the value is already there.
 */
export function setIn(doc: AnyDoc, text: string, map: YAMLMap, path: readonly string[], value: YamlValue, opts: SetOptions = {}): TextEdit[] | undefined {
  try {
    const edits = setCore(editorFor(doc, text), map, path, value, opts);
    return edits && edits.length > 0 ? edits : undefined;
  } catch {
    return undefined;
  }
}

/** `setIn` with `[]` for "nothing to change" and undefined for "unsafe" (so merges can tell them apart). */
function setCore(ed: YamlEditor, map: YAMLMap, path: readonly string[], value: YamlValue, opts: SetOptions): TextEdit[] | undefined {
  const { text } = ed;
  if (path.length === 0) return undefined;
  const w = walk(ed, map, path);
  if (!w) return undefined;
  if (w.found === path.length) {
    const pair = w.pair!;
    if (isScalarValue(value) && isScalar(pair.value) && pair.value.value === value) return [];
    if (isNullValue(pair.value) && !isScalarValue(value) && !isArray(value)) {
      // `securityContext:` with nothing: fill in the block.
      const entries = Object.entries(value as Record<string, YamlValue>);
      return entries.length ? fillNullPair(ed, pair, entries) : replaceScalarValue(ed, pair, value);
    }
    if (isNullValue(pair.value) && isArray(value) && value.length > 0) {
      // `drop:` with nothing: the items go where a new key's block sequence would, indented or not as the file does.
      return fillNull(ed, pair, (col) => blockEntry(ed, 'x', value, col - ed.unit).slice(1));
    }
    if (isMap(pair.value) && !isScalarValue(value) && !isArray(value)) {
      // Merge an object into an existing map, key by key; one unsafe key makes the whole edit unsafe.
      const edits: TextEdit[] = [];
      for (const [k, x] of Object.entries(value as Record<string, YamlValue>)) {
        const e = setCore(ed, pair.value, [k], x, opts);
        if (!e) return undefined;
        edits.push(...e);
      }
      return mergeSamePoint(edits);
    }
    if (isSeq(pair.value) && isArray(value)) return seqAppend(ed, pair.value, value); // merged, no duplicates
    if (opts.keepExisting && !isNullValue(pair.value)) return [];
    if (isNullValue(pair.value) && isScalar(pair.value) && range(pair.value) && range(pair.value)![0] === range(pair.value)![1]) {
      const at = range(pair.value)![0];
      return restIsTrivia(text, at) && isScalarValue(value) ? [{ start: at, end: at, text: ' ' + formatScalar(value) }] : undefined;
    }
    return replaceScalarValue(ed, pair, value);
  }
  const missing = path.slice(w.found);
  // A key a merge provides, written here: a local override of this map only (the anchor stays as it is).
  if (opts.keepExisting && missing.length === 1 && ed.mergeRecord(w.map)?.merged.has(missing[0]!)) return [];
  if (w.pair) {
    // An existing key on the path whose value is not a map.
    if (isNullValue(w.pair.value)) return fillNullPair(ed, w.pair, [[missing[0]!, nest(missing.slice(1), value)]]);
    return undefined;
  }
  return insertInto(ed, w.map, missing, value, opts);
}

/** Set `key` in the map at `pathToMap` under `map`, creating the map (and its parents) when missing. */
export function setMapEntry(
  doc: AnyDoc,
  text: string,
  map: YAMLMap,
  pathToMap: readonly string[],
  key: string,
  value: YamlValue,
  opts: SetOptions = {},
): TextEdit[] | undefined {
  return setIn(doc, text, map, [...pathToMap, key], value, opts);
}

/** Several insertions at one offset (from merging an object) become one edit. */
function mergeSamePoint(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && last.start === last.end && e.start === e.end && last.start === e.start) last.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

/**
 * Add `items` to the sequence at `path` under `map` (block: one `- item` line
 * each after the last item, with its dash column; flow: before `]`). Items
 * already present are skipped; a missing sequence is created. Undefined when
 * there is nothing to add or it is unsafe.
 */
export function addToSeq(doc: AnyDoc, text: string, map: YAMLMap, path: readonly string[], items: readonly YamlValue[]): TextEdit[] | undefined {
  try {
    if (path.length === 0) return undefined;
    const ed = editorFor(doc, text);
    const w = walk(ed, map, path);
    if (!w) return undefined;
    if (w.found < path.length || !w.pair || isNullValue(w.pair.value)) return setIn(doc, text, map, path, items);
    const seq = w.pair.value;
    if (!isSeq(seq)) return undefined;
    const edits = seqAppend(ed, seq, items);
    return edits && edits.length > 0 ? edits : undefined;
  } catch {
    return undefined;
  }
}

/** Append the items not already in `seq` (`[]`: nothing to add; undefined: unsafe). */
function seqAppend(ed: YamlEditor, seq: YAMLSeq, items: readonly YamlValue[]): TextEdit[] | undefined {
  const { text } = ed;
  if (seq.anchor) return undefined;
  const existing = new Set(seq.items.map((i) => (isScalar(i) ? JSON.stringify(i.value) : undefined)).filter((x) => x !== undefined));
  const toAdd = items.filter((i) => !(isScalarValue(i) && existing.has(JSON.stringify(i))));
  if (toAdd.length === 0) return [];
  if (seq.flow) {
    if (!simpleFlow(text, seq)) return undefined;
    const r = range(seq)!;
    const close = text.lastIndexOf(']', r[1] - 1);
    if (close < r[0]) return undefined;
    const body = toAdd.map((i) => itemLikeSiblings(seq, i)).join(', ');
    if (seq.items.length === 0) return [{ start: r[0] + 1, end: close, text: body }];
    const lastEnd = contentEnd(ed, seq.items[seq.items.length - 1]);
    return lastEnd === undefined ? undefined : [{ start: lastEnd, end: lastEnd, text: `, ${body}` }];
  }
  const last = seq.items[seq.items.length - 1];
  const lr = range(last);
  const end = contentEnd(ed, last);
  if (!lr || end === undefined) return undefined;
  const prefix = text.slice(lineStart(text, lr[0]), lr[0]);
  const m = /^( *)- +$/.exec(prefix);
  if (!m) return undefined;
  const col = m[1]!.length;
  const lines = toAdd.flatMap((i) => (isScalarValue(i) ? [`${spaces(col)}- ${itemLikeSiblings(seq, i)}`] : seqItemLines(ed, i, col)));
  return [insertLinesAfter(ed, end, lines)];
}

/** A new item's flow text, a string quoted like the sequence's last item (`["NET_RAW", "ALL"]`). */
function itemLikeSiblings(seq: YAMLSeq, item: YamlValue): string {
  const last = seq.items[seq.items.length - 1];
  if (typeof item === 'string' && isScalar(last)) {
    if (last.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(item);
    if (last.type === Scalar.QUOTE_SINGLE) return `'${item.replace(/'/g, "''")}'`;
  }
  return flowValue(item);
}

/**
 * Replace the pair at `path` under `map` with `newKey: value` at the same
 * place and column (e.g. `value: s3cr3t` -> `valueFrom:` with a nested
 * block). A trailing comment on the last line of the old pair stays.
 */
export function replacePair(doc: AnyDoc, text: string, map: YAMLMap, path: readonly string[], newKey: string, value: YamlValue): TextEdit[] | undefined {
  try {
    if (path.length === 0) return undefined;
    const ed = editorFor(doc, text);
    const w = walk(ed, map, path);
    if (!w || w.found !== path.length || !w.pair || hasAnchor(ed, w.pair)) return undefined;
    if (findPair(ed, w.map, newKey) && newKey !== path[path.length - 1]) return undefined; // would duplicate a key
    const merges = ed.mergeRecord(w.map);
    if (merges && (merges.provided.has(path[path.length - 1]!) || merges.provided.has(newKey))) return undefined; // a merged value would come in or win
    const kr = range(w.pair.key);
    const end = contentEnd(ed, w.pair);
    if (!kr || end === undefined) return undefined;
    if (w.map.flow) {
      if (!simpleFlow(text, w.map)) return undefined;
      return [{ start: kr[0], end, text: `${formatScalar(newKey)}: ${flowValue(value)}` }];
    }
    const col = column(text, kr[0]);
    const lines = blockEntry(ed, newKey, value, col);
    lines[0] = lines[0]!.slice(col);
    return [{ start: kr[0], end, text: lines.join(ed.eol) }];
  } catch {
    return undefined;
  }
}

/** Replace a scalar node's text with `value` (the node must be a single-line scalar without anchor or tag). */
export function replaceNode(doc: AnyDoc, text: string, node: unknown, value: string | number | boolean | null): TextEdit[] | undefined {
  try {
    const ed = editorFor(doc, text);
    const r = range(node);
    if (!isScalar(node) || !r || node.anchor || node.tag || !ed.unanchoredChain(node)) return undefined;
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED || text.slice(r[0], r[1]).includes('\n')) return undefined;
    if (node.value === value) return undefined;
    return [scalarEdit(text, r[0], r[1], formatScalar(value))];
  } catch {
    return undefined;
  }
}

export { removeIn, removeSeqItem } from './yaml-remove';
export type { YamlValue } from './yaml-format';
