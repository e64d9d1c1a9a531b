/**
 * Multi-document YAML parsing with source ranges.
 *
 * A file is split into document chunks before parsing: at `---` marker lines
 * (the marker starts the next chunk) and after `...` document end marker
 * lines (the marker ends its chunk; what follows is the next document, with
 * or without a `---`). In YAML a `---` or `...` at the start of a line
 * followed by white space or the end of the line always is a marker (it
 * cannot occur inside a scalar: the spec forbids it there), so the split is
 * exact and cheap. Each chunk is parsed on its own, which lets results be
 * cached per document: an edit re-parses only the chunks whose text changed.
 */
import { parseAllDocuments, visit, YAMLParseError } from 'yaml';
import type { Document } from 'yaml';
import { aliasProblem } from './yaml-aliases';
import { FAST_OPTIONS, parseFastDocument } from './yaml-fast';
import { YamlDocument } from './yaml-document';

export interface YamlChunk {
  /** Offset of the chunk in the file (always the start of a line). */
  offset: number;
  text: string;
}

/** Offset just past the line break at `i` (a CRLF counts as one), or -1 when `i` is not a line break. */
function pastBreak(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 10) return i + 1;
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  return -1;
}

/** Offset of the next line start after `i` (or the text's length). */
function nextLineStart(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  const r = text.indexOf('\r', i);
  if (n < 0 && r < 0) return text.length;
  const at = n < 0 ? r : r < 0 ? n : Math.min(n, r);
  return pastBreak(text, at);
}

/** A `---` or `...` marker at `at` (a line start): three marker characters, then a blank, a line break or the end. */
function isMarkerAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at + 3);
  return at + 3 === text.length || c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Line starts where a marker line (`---` or `...`) begins, in order. Found
 * with indexOf on the marker itself, then a look at the character before it,
 * which is much cheaper than visiting every line of a large file (and than
 * searching for the line break before the marker: V8 looks for a needle's
 * first character first, and every line has a break).
 */
function markerLines(text: string, marker: '---' | '...'): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 3)) {
    // A line start: the text's start, or after an LF (a CRLF too) or a lone CR.
    const before = i === 0 ? 10 : text.charCodeAt(i - 1);
    if ((before === 10 || before === 13) && isMarkerAt(text, i)) out.push(i);
  }
  return out;
}

/**
 * True when a chunk is only a prolog for the next document: every non-blank
 * line is a comment or a directive (`%YAML`, `%TAG`), and it holds a
 * directive or a `shipshape-disable` comment (which belongs to the document
 * that follows, as comments before `---` do in YAML). Stops at the first
 * line with content, so it is cheap for ordinary documents.
 */
function onlyProlog(text: string): boolean {
  let sawProlog = false;
  let i = 0;
  while (i < text.length) {
    let s = i;
    while (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9) s++;
    const c = text.charCodeAt(s);
    // Content other than a comment or a directive: decided before looking for the line's end.
    if (s < text.length && c !== 10 && c !== 13 && c !== 35 /* # */ && c !== 37 /* % */) return false;
    const end = nextLineStart(text, i);
    if (c === 35) {
      if (!sawProlog && text.slice(s, end).includes('shipshape-disable')) sawProlog = true;
    } else if (c === 37) sawProlog = true;
    i = end;
  }
  return sawProlog;
}

/**
 * Split a YAML file into document chunks that cover it exactly: a chunk
 * starts at offset 0, at every `---` marker line and after every `...`
 * marker line. A chunk holding only comments and directives before the next
 * document (a `%YAML` directive, a `# shipshape-disable` comment before
 * `---`) is joined with that document.
 */
export function splitYamlDocuments(text: string): YamlChunk[] {
  const dashes = markerLines(text, '---');
  let starts = dashes;
  if (text.includes('...')) {
    const ends = markerLines(text, '...').map((at) => nextLineStart(text, at + 3));
    if (ends.length > 0) starts = [...dashes, ...ends].sort((a, b) => a - b);
  }
  const chunks: YamlChunk[] = [];
  let prev = 0;
  for (const at of starts) {
    if (at <= prev || at >= text.length) continue;
    chunks.push({ offset: prev, text: text.slice(prev, at) });
    prev = at;
  }
  chunks.push({ offset: prev, text: text.slice(prev) });
  // Directives (and suppression comments before a `---`) belong to the document that follows them.
  for (let i = chunks.length - 2; i >= 0; i--) {
    if (onlyProlog(chunks[i]!.text)) {
      chunks[i] = { offset: chunks[i]!.offset, text: chunks[i]!.text + chunks[i + 1]!.text };
      chunks.splice(i + 1, 1);
    }
  }
  return chunks;
}

/** The offset of the `n`th `---` marker line at or before `at` (counting back), or 0 when there are fewer. */
function markerBefore(text: string, at: number, n: number): number {
  for (let i = text.lastIndexOf('---', at); i > 0; i = text.lastIndexOf('---', i - 1)) {
    const before = text.charCodeAt(i - 1);
    if ((before === 10 || before === 13) && isMarkerAt(text, i) && --n === 0) return i;
  }
  return 0;
}

/** The offset of the `n`th `---` marker line after `at`, or the text's length when there are fewer. */
function markerAfter(text: string, at: number, n: number): number {
  for (let i = text.indexOf('---', at + 1); i >= 0; i = text.indexOf('---', i + 1)) {
    const before = text.charCodeAt(i - 1);
    if ((before === 10 || before === 13) && isMarkerAt(text, i) && --n === 0) return i;
  }
  return text.length;
}

/**
 * The chunks of splitYamlDocuments(text) that share a character with [from, to) (or hold `from` when the range is
 * empty), without splitting the whole file: a window from a few `---` marker lines before to a few after is split
 * alone. A `---` line starts a chunk in the whole file's split too, so the window's chunks are the file's, except its
 * first (documents before the window holding only a prolog would join it) and its last (when it holds only a prolog,
 * it joins the next document): while the range reaches either, the window grows.
 */
export function yamlDocumentsNear(text: string, from: number, to: number): YamlChunk[] {
  for (let reach = 2; ; reach *= 4) {
    const start = markerBefore(text, from, reach);
    const end = markerAfter(text, Math.max(to, from), reach);
    const window = splitYamlDocuments(start === 0 && end === text.length ? text : text.slice(start, end));
    const first = start === 0 ? 0 : 1;
    const last = end === text.length ? window.length : window.length - 1;
    const exact: YamlChunk[] = [];
    let covered = first < last && (start === 0 || start + window[first]!.offset <= from) && (end === text.length || start + window[last]!.offset >= to);
    for (let i = first; covered && i < last; i++) {
      const offset = start + window[i]!.offset;
      const chunkEnd = offset + window[i]!.text.length;
      // As lint-first.ts's `touches`: an empty range touches the chunk it is in.
      if (from < chunkEnd && to > offset - (from === to ? 1 : 0)) exact.push({ offset, text: window[i]!.text });
    }
    // The range lies in exact chunks (or the window is the whole file): done.
    if ((covered && exact.length > 0) || (start === 0 && end === text.length)) return covered ? exact : [];
  }
}

export interface ParsedChunk {
  /** The documents, each with what is derived from it (see YamlDocument). */
  docs: YamlDocument[];
  /** A parser crash (e.g. extreme nesting) turned into data; never thrown. */
  crash?: string;
}

export function parseChunk(text: string): ParsedChunk {
  // yaml records each problem as an Error; their stack traces are never read
  // and cost time and memory on hostile input (millions of errors).
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
    // uniqueKeys: the library's duplicate-key check is quadratic in a map's size, and duplicates are not reported.
    // Block-style manifests take the fast path (yaml-fast.ts: the same nodes, read straight from the text).
    const fast = parseFastDocument(text);
    const parsed = fast ? [fast] : (parseAllDocuments(text, FAST_OPTIONS) as Document.Parsed[]);
    const docs = parsed.map((doc) => new YamlDocument(doc));
    checkParsedDocuments(docs, text); // alias bombs, recursive aliases, nesting too deep (see yaml-aliases.ts)
    return { docs };
  } catch (e) {
    const message = e instanceof RangeError ? 'the document is nested too deeply to parse' : `the YAML parser failed (${e instanceof Error ? e.message : String(e)})`;
    return { docs: [], crash: message };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

const STACK_OVERFLOW = /^Maximum call stack size exceeded$/;

/**
 * Check freshly parsed documents against hostile structure, in place: an
 * alias bomb or a recursive alias becomes a RESOURCE_EXHAUSTION error at the
 * alias (the document then counts as not parsed), and the parser's own
 * stack overflow on deep nesting gets a message a user can act on. `text`
 * is the text the documents were parsed from.
 */
export function checkParsedDocuments(docs: readonly YamlDocument[], text: string): void {
  // Without a `*` there is no alias: nothing to measure.
  const aliases = text.includes('*');
  for (const parsed of docs) {
    const doc = parsed.yaml;
    for (const e of doc.errors) {
      if (e.code === 'RESOURCE_EXHAUSTION' && STACK_OVERFLOW.test(e.message)) {
        e.message = 'the document is nested too deeply to parse';
      }
    }
    if (!aliases || doc.errors.length > 0) continue;
    const problem = aliasProblem(doc, (table) => parsed.adoptAliases(table));
    if (problem) {
      const [start, end] = problem.alias.range ?? [0, 1];
      doc.errors.push(new YAMLParseError([start, Math.max(end, start + 1)], 'RESOURCE_EXHAUSTION', problem.message));
    }
  }
}

/**
 * Go template markers in structural positions: at the start of a line
 * (control structures, includes) or as an unquoted value (`key: {{ x }}`,
 * `- {{ x }}`). Quoted `"{{ }}"` does not match.
 */
const TEMPLATE_MARKER = /^[ \t]*(?:-[ \t]+)?\{\{|:[ \t]+\{\{/gm;

/** Offsets of structural template markers in `text` (at most `limit`). */
export function templateMarkers(text: string, limit = 64): number[] {
  if (!text.includes('{{')) return [];
  const out: number[] = [];
  TEMPLATE_MARKER.lastIndex = 0;
  for (let m = TEMPLATE_MARKER.exec(text); m && out.length < limit; m = TEMPLATE_MARKER.exec(text)) {
    out.push(m.index + m[0].indexOf('{{'));
  }
  return out;
}

const STRING_SCALAR_TYPES = new Set(['BLOCK_LITERAL', 'BLOCK_FOLDED', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']);

/**
 * True when a chunk is a Go/Helm template rather than YAML: some structural
 * marker lies outside every block or quoted string scalar (so `{{ }}` inside
 * an alerting template in a ConfigMap block scalar does not count).
 */
export function isTemplated(text: string, docs: readonly YamlDocument[]): boolean {
  const markers = templateMarkers(text);
  if (markers.length === 0) return false;
  const strings: Array<[number, number]> = [];
  for (const doc of docs) {
    visit(doc.yaml, {
      Scalar(_key, node) {
        if (node.range && STRING_SCALAR_TYPES.has(String(node.type))) strings.push([node.range[0], node.range[1]]);
      },
    });
  }
  return markers.some((m) => !strings.some(([s, e]) => m >= s && m < e));
}

/** Binary content: NUL bytes or many replacement characters (invalid UTF-8) near the start. */
export function looksBinary(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (head.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return head.length > 0 && bad / head.length > 0.1;
}
