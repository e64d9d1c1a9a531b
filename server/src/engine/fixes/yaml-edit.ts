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
import { isAlias, isMap, isPair, isScalar, isSeq, parse as parseYaml, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { blockOpener } from './block-opener';
import { kubectlScalar } from '../parse/kubectl-scalars';
import { isMergeKey, mergeRecord, writtenItems } from '../parse/yaml-merge';
import type { TextEdit } from '../types';

/** A value to write: scalars, arrays and plain objects (key order kept). */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

export interface SetOptions {
  /** Insert a new key after the first of these existing siblings (default: after the last entry). */
  after?: readonly string[];
  /** When the key exists with a scalar value, keep it (return undefined) instead of replacing it. */
  keepExisting?: boolean;
}

type AnyDoc = Document.Parsed | Document;
type Parent = Node | Pair;

/** Per-document facts the builders need: parents of nodes, style of the file. */
class YamlEditor {
  private parents: Map<unknown, Parent | undefined> | undefined;
  private style: { unit: number; indentSeq: boolean } | undefined;
  readonly eol: string;

  constructor(
    readonly doc: AnyDoc,
    readonly text: string,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Indentation unit and sequence style of the file (computed once). */
  get unit(): number {
    return (this.style ??= detectStyle(this.text)).unit;
  }

  get indentSeq(): boolean {
    return (this.style ??= detectStyle(this.text)).indentSeq;
  }

  parentOf(node: unknown): Parent | undefined {
    if (!this.parents) {
      const parents = new Map<unknown, Parent | undefined>();
      const walk = (n: unknown, parent: Parent | undefined, depth: number): void => {
        if (!n || typeof n !== 'object' || depth > 200) return;
        parents.set(n, parent);
        // The entries as written: merged copies (parse/yaml-merge.ts) are not in the text and have no parent here.
        if (isMap(n) || isSeq(n)) for (const item of writtenItems(n)) walk(item, n, depth + 1);
        else if (isPair(n)) {
          walk(n.key, n, depth + 1);
          walk(n.value, n, depth + 1);
        }
      };
      walk(this.doc.contents, undefined, 0);
      this.parents = parents;
    }
    return this.parents.get(node);
  }

  /** The node and everything above it is free of anchors, and it is part of this document. */
  unanchoredChain(node: unknown): boolean {
    if (!this.parentOf(node) && node !== this.doc.contents) return false;
    for (let cur: unknown = node; cur; cur = this.parentOf(cur)) {
      if (isAlias(cur)) return false;
      if ((isMap(cur) || isSeq(cur) || isScalar(cur)) && cur.anchor) return false;
    }
    return true;
  }
}

const editors = new WeakMap<object, YamlEditor>();

function editorFor(doc: AnyDoc, text: string): YamlEditor {
  let e = editors.get(doc);
  if (!e || e.text !== text) {
    e = new YamlEditor(doc, text);
    editors.set(doc, e);
  }
  return e;
}

// ---------------------------------------------------------------------------
// Text helpers

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line that holds `offset` (text length at the last line). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

const spaces = (n: number): string => ' '.repeat(n);

/** The rest of the line after `offset` is blank or a comment. */
function restIsTrivia(text: string, offset: number): boolean {
  const end = text.indexOf('\n', offset);
  return /^[ \t]*(#.*)?\r?$/.test(text.slice(offset, end < 0 ? text.length : end));
}

/**
 * Detect the indentation unit and the block sequence style from lines that
 * open a block (`key:` alone on its line) and the first content line after them.
 */
function detectStyle(text: string): { unit: number; indentSeq: boolean } {
  const lines = text.split('\n');
  const units = new Map<number, number>();
  let indented = 0;
  let flat = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = blockOpener(lines[i]!); // `key:` alone on its line (linear; see block-opener.ts)
    if (!m) continue;
    const keyCol = m.indent + m.markers;
    let j = i + 1;
    while (j < lines.length && /^[ \t]*(#.*)?\r?$/.test(lines[j]!)) j++;
    if (j >= lines.length) break;
    const next = lines[j]!;
    const col = next.length - next.trimStart().length;
    const isSeqLine = /^ *-(?:[ \t]|\r?$)/.test(next);
    if (isSeqLine) {
      if (col === keyCol) flat++;
      else if (col > keyCol) {
        indented++;
        units.set(col - keyCol, (units.get(col - keyCol) ?? 0) + 1);
      }
    } else if (col > keyCol && col - keyCol <= 8) {
      units.set(col - keyCol, (units.get(col - keyCol) ?? 0) + 1);
    }
  }
  let unit = 2;
  let best = 0;
  for (const [u, n] of units) if (n > best || (n === best && u < unit)) [unit, best] = [u, n];
  return { unit, indentSeq: indented >= flat };
}

// ---------------------------------------------------------------------------
// Serialisation of new values

/** A scalar as YAML text: plain when it reads back as the same value, else double-quoted. */
export function formatScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return String(value);
  let formatted = FORMATTED.get(value);
  if (formatted === undefined) {
    formatted = formatString(value);
    // Fixes are built for every finding while linting and reuse a few keys and values
    // (securityContext, runAsNonRoot, cpu...): parsing each again is most of a fix's cost.
    if (value.length <= 64) {
      if (FORMATTED.size >= 4096) FORMATTED.clear();
      FORMATTED.set(value, formatted);
    }
  }
  return formatted;
}

/** formatScalar of short strings, memoised. */
const FORMATTED = new Map<string, string>();

function formatString(value: string): string {
  if (value !== '' && value === value.trim() && !/[\n\r\t#{}[\],&*!|>'"%@`]/.test(value) && !/^[-?:](\s|$)/.test(value) && !value.includes(': ')) {
    try {
      // A string both readings take as a string: YAML 1.2 and kubectl's YAML 1.1 (`on`, `0755` are not).
      if (parseYaml(value) === value && kubectlScalar(value) === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}

function isScalarValue(v: YamlValue): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

function isArray(v: YamlValue): v is readonly YamlValue[] {
  return Array.isArray(v);
}

/** Flow-style text of a value (`{type: RuntimeDefault}`, `[ALL]`). */
export function flowValue(v: YamlValue): string {
  if (isScalarValue(v)) return formatScalar(v);
  if (isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  const entries = Object.entries(v as Record<string, YamlValue>);
  return `{${entries.map(([k, x]) => `${formatScalar(k)}: ${flowValue(x)}`).join(', ')}}`;
}

/** Block-style lines of `key: value` with the key at `col`. */
function blockEntry(ed: YamlEditor, key: string, value: YamlValue, col: number): string[] {
  const head = `${spaces(col)}${formatScalar(key)}:`;
  if (isScalarValue(value)) return [`${head} ${formatScalar(value)}`];
  if (isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    const itemCol = ed.indentSeq ? col + ed.unit : col;
    return [head, ...value.flatMap((item) => seqItemLines(ed, item, itemCol))];
  }
  const entries = Object.entries(value as Record<string, YamlValue>);
  if (entries.length === 0) return [`${head} {}`];
  return [head, ...entries.flatMap(([k, x]) => blockEntry(ed, k, x, col + ed.unit))];
}

/** Block-style lines of one sequence item with its dash at `col`. */
function seqItemLines(ed: YamlEditor, item: YamlValue, col: number): string[] {
  if (isScalarValue(item) || isArray(item)) return [`${spaces(col)}- ${flowValue(item)}`];
  const entries = Object.entries(item as Record<string, YamlValue>);
  if (entries.length === 0) return [`${spaces(col)}- {}`];
  const lines = entries.flatMap(([k, x]) => blockEntry(ed, k, x, col + 2));
  lines[0] = `${spaces(col)}- ${lines[0]!.slice(col + 2)}`;
  return lines;
}

/** A nested value for the remaining keys of a path (`['a','b'], v` -> `{a: {b: v}}`). */
function nest(path: readonly string[], value: YamlValue): YamlValue {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]!]: v };
  return v;
}

// ---------------------------------------------------------------------------
// Reading nodes for editing

function keyOf(pair: Pair): string | undefined {
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
function findPair(map: YAMLMap, key: string): Pair | undefined | null {
  const merges = mergeRecord(map);
  let found: Pair | undefined;
  for (const item of writtenItems(map)) {
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

function range(node: unknown): [number, number, number] | undefined {
  const r = node && typeof node === 'object' ? (node as { range?: [number, number, number] | null }).range : undefined;
  return r ?? undefined;
}

/** The offset just after the last character of a node's content (not its trailing comments or blank lines). */
function contentEnd(text: string, node: unknown): number | undefined {
  if (isPair(node)) {
    const v = node.value as unknown;
    const hasValue = v !== null && v !== undefined && !(isScalar(v) && range(v) && range(v)![0] === range(v)![1]);
    return hasValue ? contentEnd(text, v) : keyEnd(text, node);
  }
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const items = writtenItems(node);
    const last = items[items.length - 1];
    return last === undefined ? undefined : contentEnd(text, last);
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
function keyEnd(text: string, pair: Pair): number | undefined {
  const r = range(pair.key);
  if (!r) return undefined;
  const colon = text.indexOf(':', r[1]);
  const nl = text.indexOf('\n', r[1]);
  return colon >= 0 && (nl < 0 || colon < nl) ? colon + 1 : r[1];
}

/** A flow collection that is safe to edit in place: one line, no comments. */
function simpleFlow(text: string, node: YAMLMap | YAMLSeq): boolean {
  const r = range(node);
  if (!r) return false;
  const src = text.slice(r[0], r[1]);
  return !src.includes('\n') && !src.includes('#') && /^[{[]/.test(src) && /[}\]]$/.test(src);
}

/** True when the subtree holds an anchor (removing or replacing it would break an alias). */
function hasAnchor(node: unknown, depth = 0): boolean {
  if (!node || typeof node !== 'object' || depth > 200) return false;
  if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) return true;
  if (isMap(node) || isSeq(node)) return writtenItems(node).some((i) => hasAnchor(i, depth + 1));
  if (isPair(node)) return hasAnchor(node.key, depth + 1) || hasAnchor(node.value, depth + 1);
  return false;
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

/** A null value written as nothing (`key:`), `~` or `null`: a place where a block can go. */
function isNullValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return isScalar(value) && value.value === null && !value.anchor && !value.tag;
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
  const items = writtenItems(map);
  if (map.flow) {
    if (!simpleFlow(text, map)) return undefined;
    const r = range(map)!;
    const close = text.lastIndexOf('}', r[1] - 1);
    if (close < r[0]) return undefined;
    const entry = `${formatScalar(first)}: ${flowValue(newValue)}`;
    if (items.length === 0) return [{ start: r[0] + 1, end: close, text: entry }];
    const lastEnd = contentEnd(text, items[items.length - 1]);
    if (lastEnd === undefined) return undefined;
    return [{ start: lastEnd, end: lastEnd, text: `, ${entry}` }];
  }
  const firstItem = items[0];
  const keyRange = isPair(firstItem) ? range(firstItem.key) : undefined;
  if (!keyRange) return undefined;
  const col = column(text, keyRange[0]);
  let anchorItem = items[items.length - 1];
  // In a merging map a new key goes last, after every `<<` (kubectl applies entries in order).
  for (const sibling of mergeRecord(map) ? [] : (opts.after ?? [])) {
    const p = findPair(map, sibling);
    if (p) {
      anchorItem = p;
      break;
    }
  }
  const end = contentEnd(text, anchorItem);
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
 * Walk `path` from `map`. Returns the deepest existing editable map, the
 * pair of the last existing key and how many keys were found, or null when
 * the path cannot be edited safely.
 */
function walk(ed: YamlEditor, map: YAMLMap, path: readonly string[]): { map: YAMLMap; found: number; pair?: Pair } | null {
  if (!ed.unanchoredChain(map)) return null;
  let cur = map;
  for (let i = 0; i < path.length; i++) {
    const pair = findPair(cur, path[i]!);
    if (pair === null) return null;
    // A missing parent that a merge provides: creating it would hide the whole merged map.
    if (pair === undefined) return i < path.length - 1 && mergeRecord(cur)?.merged.has(path[i]!) ? null : { map: cur, found: i };
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
  if (opts.keepExisting && missing.length === 1 && mergeRecord(w.map)?.merged.has(missing[0]!)) return [];
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
 * Remove the key at `path` under `map`, with its whole lines (a trailing
 * comment on the same line goes with it; comment lines above or below stay).
 * A block map left empty becomes `{}` after its key.
 */
export function removeIn(doc: AnyDoc, text: string, map: YAMLMap, path: readonly string[]): TextEdit[] | undefined {
  try {
    if (path.length === 0) return undefined;
    const ed = editorFor(doc, text);
    const w = walk(ed, map, path);
    if (!w || w.found !== path.length || !w.pair) return undefined;
    // Removing a key that a merge also provides would bring the merged value in.
    if (mergeRecord(w.map)?.provided.has(path[path.length - 1]!)) return undefined;
    return removePairEdits(ed, w.map, w.pair);
  } catch {
    return undefined;
  }
}

function removePairEdits(ed: YamlEditor, map: YAMLMap, pair: Pair): TextEdit[] | undefined {
  const { text } = ed;
  if (hasAnchor(pair)) return undefined;
  const items = writtenItems(map);
  const kr = range(pair.key);
  const end = contentEnd(text, pair);
  if (!kr || end === undefined) return undefined;
  const index = items.indexOf(pair);
  if (index < 0) return undefined;
  if (map.flow) {
    if (!simpleFlow(text, map)) return undefined;
    if (items.length === 1) {
      const r = range(map)!;
      return [{ start: r[0], end: r[1], text: '{}' }];
    }
    if (index < items.length - 1) {
      const next = range((items[index + 1] as Pair).key);
      return next ? [{ start: kr[0], end: next[0], text: '' }] : undefined;
    }
    const prevEnd = contentEnd(text, items[index - 1]);
    return prevEnd === undefined ? undefined : [{ start: prevEnd, end, text: '' }];
  }
  const ls = lineStart(text, kr[0]);
  const before = text.slice(ls, kr[0]);
  const lineEnd = nextLineStart(text, end);
  if (!restIsTrivia(text, end)) return undefined;
  if (items.length === 1) return emptyMapEdits(ed, map, pair, ls, kr[0], end, lineEnd);
  if (/^ *$/.test(before)) return [{ start: ls, end: lineEnd, text: '' }];
  if (/^ *(- +)+$/.test(before) && index === 0) {
    // First key of a sequence item (`- hostPort: 80`): the next key moves up after the dash.
    const next = range((items[1] as Pair).key);
    if (!next || text.slice(lineEnd, next[0]).trim() !== '' || column(text, next[0]) !== column(text, kr[0])) return undefined;
    return [{ start: kr[0], end: next[0], text: '' }];
  }
  return undefined;
}

/** Removing the only entry of a block map: the map becomes `{}`. */
function emptyMapEdits(ed: YamlEditor, map: YAMLMap, pair: Pair, ls: number, keyStart: number, end: number, lineEnd: number): TextEdit[] | undefined {
  const { text } = ed;
  const parent = ed.parentOf(map);
  if (isPair(parent)) {
    // `securityContext:\n  procMount: Unmasked` -> `securityContext: {}`
    const after = keyEnd(text, parent);
    if (after === undefined || !restIsTrivia(text, after) || text.slice(ls, keyStart).trim() !== '') return undefined;
    const between = text.slice(nextLineStart(text, after), ls);
    if (between.trim() !== '' && !/^(\s*#.*\n)*\s*$/.test(between)) return undefined;
    return [
      { start: after, end: after, text: ' {}' },
      { start: ls, end: lineEnd, text: '' },
    ];
  }
  // A sequence item or the document's root: `{}` in place of the entry.
  if (!isPair(pair)) return undefined;
  return [{ start: keyStart, end, text: '{}' }];
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
    const lastEnd = contentEnd(text, seq.items[seq.items.length - 1]);
    return lastEnd === undefined ? undefined : [{ start: lastEnd, end: lastEnd, text: `, ${body}` }];
  }
  const last = seq.items[seq.items.length - 1];
  const lr = range(last);
  const end = contentEnd(text, last);
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

/** Remove one item of a sequence (its whole lines; a sequence left empty becomes `[]`). */
export function removeSeqItem(doc: AnyDoc, text: string, seq: YAMLSeq, item: unknown): TextEdit[] | undefined {
  try {
    const ed = editorFor(doc, text);
    if (!ed.unanchoredChain(seq) || hasAnchor(item)) return undefined;
    const index = seq.items.indexOf(item as never);
    const r = range(item);
    const end = contentEnd(text, item);
    if (index < 0 || !r || end === undefined) return undefined;
    if (seq.flow) {
      if (!simpleFlow(text, seq)) return undefined;
      if (seq.items.length === 1) {
        const sr = range(seq)!;
        return [{ start: sr[0], end: sr[1], text: '[]' }];
      }
      if (index < seq.items.length - 1) {
        const next = range(seq.items[index + 1]);
        return next ? [{ start: r[0], end: next[0], text: '' }] : undefined;
      }
      const prevEnd = contentEnd(text, seq.items[index - 1]);
      return prevEnd === undefined ? undefined : [{ start: prevEnd, end, text: '' }];
    }
    const ls = lineStart(text, r[0]);
    if (!/^ *- +$/.test(text.slice(ls, r[0])) || !restIsTrivia(text, end)) return undefined;
    const lineEnd = nextLineStart(text, end);
    if (seq.items.length > 1) return [{ start: ls, end: lineEnd, text: '' }];
    const parent = ed.parentOf(seq);
    if (!isPair(parent)) return undefined;
    const after = keyEnd(text, parent);
    if (after === undefined || !restIsTrivia(text, after)) return undefined;
    const between = text.slice(nextLineStart(text, after), ls);
    if (between.trim() !== '' && !/^(\s*#.*\n)*\s*$/.test(between)) return undefined;
    return [
      { start: after, end: after, text: ' []' },
      { start: ls, end: lineEnd, text: '' },
    ];
  } catch {
    return undefined;
  }
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
    if (!w || w.found !== path.length || !w.pair || hasAnchor(w.pair)) return undefined;
    if (findPair(w.map, newKey) && newKey !== path[path.length - 1]) return undefined; // would duplicate a key
    const merges = mergeRecord(w.map);
    if (merges && (merges.provided.has(path[path.length - 1]!) || merges.provided.has(newKey))) return undefined; // a merged value would come in or win
    const kr = range(w.pair.key);
    const end = contentEnd(text, w.pair);
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

/** Style facts of a text (for callers that write new text of their own, e.g. suppression comments). */
export function yamlStyle(text: string): { unit: number; indentSequences: boolean; eol: string } {
  const s = detectStyle(text);
  return { unit: s.unit, indentSequences: s.indentSeq, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
