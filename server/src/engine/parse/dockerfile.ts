/**
 * Dockerfile parsing: the reader (parse/dockerfile-reader.ts) does the
 * Dockerfile grammar (parser directives, instruction boundaries, line
 * continuations, heredocs, ENV/ARG properties) in UTF-16 file offsets; this
 * module gives every instruction its arguments as one logical line
 * (continuations joined, as BuildKit joins them) that still knows,
 * character by character, where it came from.
 *
 * Nothing here throws for any input text; the caller (lint-dockerfile.ts)
 * still turns an exception into one finding.
 */
import type { LineIndex } from '../text';
import { readHeredocs } from './dockerfile-heredocs';
import { readProperties, type ReadProperty } from './dockerfile-properties';
import { readDockerfile } from './dockerfile-reader';
import type { Span } from '../types';

/**
 * Text assembled from pieces of the file (a logical line, a heredoc body, an
 * unquoted shell word), with the file offset of each of its characters.
 */
export interface LogicalText {
  readonly text: string;
  /** `offsets[i]` is the file offset of `text[i]`; same length as `text`. */
  readonly offsets: ArrayLike<number>;
}

/** File span of the logical range [start, end): from its first character to just after its last. */
export function sourceSpan(t: LogicalText, start: number, end: number): Span {
  if (t.text.length === 0) return { start: 0, end: 0 };
  const s = Math.max(0, Math.min(start, t.text.length - 1));
  const e = Math.max(s + 1, Math.min(end, t.text.length));
  return { start: t.offsets[s]!, end: end <= start ? t.offsets[s]! : t.offsets[e - 1]! + 1 };
}

/** A piece of a logical text: characters [start, end) with their offsets. */
export function sliceLogical(t: LogicalText, start: number, end: number): LogicalText {
  const offsets = t.offsets instanceof Int32Array ? t.offsets.subarray(start, end) : Array.prototype.slice.call(t.offsets, start, end);
  return { text: t.text.slice(start, end), offsets };
}

/** The file text [start, end) as a logical text (offsets are the identity). */
export function fileSlice(text: string, start: number, end: number): LogicalText {
  const offsets = new Int32Array(Math.max(0, end - start));
  for (let i = 0; i < offsets.length; i++) offsets[i] = start + i;
  return { text: text.slice(start, end), offsets };
}

/** `KEY=value` (or the legacy `ENV KEY value`) of an ENV or ARG instruction. */
export interface DockerProperty {
  name: string;
  nameSpan: Span;
  /** The value as Docker sees it (quotes and escapes removed); undefined for `ARG NAME`. */
  value?: string;
  valueSpan?: Span;
  /** From the name to the end of the value. */
  span: Span;
}

export interface DockerHeredoc {
  /** The delimiter word (`EOF` for `<<EOF`, `<<-"EOF"`). */
  name: string;
  /** The body (between the line after the operator and the delimiter line); undefined when empty or unterminated. */
  body?: LogicalText;
}

export interface DockerInstruction {
  /** Upper-cased keyword (`RUN` for `run`). Unknown keywords are kept as written, upper-cased. */
  keyword: string;
  keywordSpan: Span;
  /** The whole instruction, continuation lines and heredoc bodies included (may span lines). */
  span: Span;
  /** 0-based line of the keyword. */
  line: number;
  /** The arguments on the instruction's logical line, trimmed; flags (`--mount=...`) included. */
  args: LogicalText;
  heredocs: DockerHeredoc[];
  /** ENV and ARG only: the declared variables in order. */
  properties: DockerProperty[];
}

export interface ParserDirective {
  /** Lower-cased directive name (`escape`, `syntax`, `check`). */
  name: string;
  value: string;
  span: Span;
}

export interface ParsedDockerfile {
  text: string;
  lines: LineIndex;
  /** `\` unless an `# escape=` directive says otherwise. */
  escapeChar: string;
  directives: ParserDirective[];
  instructions: DockerInstruction[];
}

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isNewline = (c: number): boolean => c === 10 || c === 13;

/** Offset just after the line break at `i` (a CRLF counts as one), or `i` when there is none. */
function skipNewline(text: string, i: number): number {
  if (text.charCodeAt(i) === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  return text.charCodeAt(i) === 10 ? i + 1 : i;
}

/**
 * The logical line that starts at `from`: the escape character followed by
 * optional blanks and a line break continues it on the next line, where
 * empty lines and comment lines are skipped (BuildKit's rules). Stops at the
 * first other line break or at `to`. Linear in the text it covers.
 * `pool`, when given, holds the offsets at its indexes [from, to) (one
 * array for the logical lines of a whole file, which do not overlap).
 */
export function logicalLine(text: string, from: number, to: number, escape: string, pool?: Int32Array): LogicalText {
  const esc = escape.charCodeAt(0);
  // The pieces of the text the line is made of, as [start, end) pairs.
  const pieces: number[] = [];
  let runStart = from;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === esc) {
      let j = i + 1;
      while (j < to && isBlank(text.charCodeAt(j))) j++;
      if (j >= to || isNewline(text.charCodeAt(j))) {
        if (i > runStart) pieces.push(runStart, i);
        i = skipNewline(text, j);
        // Continuation lines that are empty or comments do not count.
        for (;;) {
          let k = i;
          while (k < to && isBlank(text.charCodeAt(k))) k++;
          if (k < to && text.charCodeAt(k) === 35 /* # */) {
            while (k < to && !isNewline(text.charCodeAt(k))) k++;
            i = skipNewline(text, k);
          } else if (k < to && isNewline(text.charCodeAt(k))) {
            i = skipNewline(text, k);
          } else break;
          if (i >= to) break;
        }
        runStart = i;
        continue;
      }
    }
    i++;
  }
  const end = Math.min(i, to);
  if (end > runStart) pieces.push(runStart, end);
  const offsets = pool ?? new Int32Array(Math.max(0, to - from));
  const base = pool ? from : 0;
  let length = 0;
  for (let p = 0; p < pieces.length; p += 2) for (let k = pieces[p]!; k < pieces[p + 1]!; k++) offsets[base + length++] = k;
  // Trimmed: leading and trailing blanks dropped.
  let s = 0;
  let e = length;
  while (s < e && isSpaceAt(text, offsets[base + s]!)) s++;
  while (e > s && isSpaceAt(text, offsets[base + e - 1]!)) e--;
  return { text: piecesText(text, pieces, s, e), offsets: offsets.subarray(base + s, base + e) };
}

/** Characters [s, e) of the text made of `pieces` ([start, end) pairs of `text`), as one flat string. */
function piecesText(text: string, pieces: readonly number[], s: number, e: number): string {
  const parts: string[] = [];
  let at = 0; // characters before the current piece
  for (let p = 0; p < pieces.length && at < e; p += 2) {
    const start = pieces[p]!;
    const size = pieces[p + 1]! - start;
    const from = Math.max(s - at, 0);
    const to = Math.min(e - at, size);
    if (to > from) parts.push(text.slice(start + from, start + to));
    at += size;
  }
  return parts.length === 1 ? parts[0]! : parts.join('');
}

/** JavaScript's `\s` beyond ASCII (the ASCII ones are tested by code). */
const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Whether the character at `i` matches `/\s/` (without running a regular expression for ASCII). */
export function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && UNICODE_SPACE.test(s[i]!);
}

/** Drop leading and trailing blanks. */
export function trimLogical(t: LogicalText): LogicalText {
  let s = 0;
  let e = t.text.length;
  while (s < e && isSpaceAt(t.text, s)) s++;
  while (e > s && isSpaceAt(t.text, e - 1)) e--;
  return s === 0 && e === t.text.length ? t : sliceLogical(t, s, e);
}

/** Parse a Dockerfile. Never throws. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const read = readDockerfile(text);
  const { doc, escape: escapeChar } = read;
  const lines = doc.lines;
  const directives: ParserDirective[] = read.directives.map((d) => ({ name: d.name.toLowerCase(), value: d.value, span: { start: d.start, end: d.end } }));
  const raw = read.instructions;
  // The offsets of every instruction's logical line, each in its own stretch [from, to) of one array
  // (instructions follow each other; one that would not gets an array of its own).
  const pool = new Int32Array(text.length);
  let poolUsed = 0;
  const instructions: DockerInstruction[] = raw.map((ins, idx) => {
    const keywordSpan = { start: ins.start, end: ins.keywordEnd };
    const next = idx + 1 < raw.length ? raw[idx + 1]!.start : text.length;
    const keyword = ins.word.toUpperCase();
    const to = Math.max(keywordSpan.end, next);
    const inPool = keywordSpan.end >= poolUsed && to <= pool.length;
    if (inPool) poolUsed = to;
    const args = logicalLine(text, keywordSpan.end, to, escapeChar, inPool ? pool : undefined);
    const properties: DockerProperty[] = keyword === 'ENV' || keyword === 'ARG' ? readProperties(doc, escapeChar, ins).map(propertyOf) : [];
    // Heredocs start on the instruction's first logical line (`<<EOF`); reading them is costly otherwise.
    const heredocs: DockerHeredoc[] =
      (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') && args.text.includes('<<')
        ? readHeredocs(doc, escapeChar, ins).map((h) => {
            const body = h.content;
            return { name: h.name, ...(body && body.end > body.start ? { body: fileSlice(text, body.start, body.end) } : {}) };
          })
        : [];
    return {
      keyword,
      keywordSpan,
      span: { start: ins.start, end: ins.end },
      line: lines.position(ins.start).line,
      args,
      heredocs,
      properties,
    };
  });
  return { text, lines, escapeChar, directives, instructions };
}

function propertyOf(p: ReadProperty): DockerProperty {
  const nameSpan = { start: p.nameStart, end: p.nameEnd };
  const valueSpan = p.valueStart !== undefined && p.valueEnd !== undefined ? { start: p.valueStart, end: p.valueEnd } : undefined;
  return {
    name: p.name,
    nameSpan,
    ...(p.value !== null ? { value: p.value } : {}),
    ...(valueSpan ? { valueSpan } : {}),
    span: { start: nameSpan.start, end: valueSpan ? Math.max(valueSpan.end, nameSpan.end) : nameSpan.end },
  };
}
