/**
 * What the editors show of each open document (the client's
 * `shipshape/visibleRanges` notification), as text spans the lint job lints
 * first. Without the notification nothing is known and documents are linted
 * in file order, as always.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { VisibleRangesParams } from '../../../shared/lsp/protocol';
import type { Span } from '../engine';

/** Most ranges kept per document (split editors, folded regions): more are ignored. */
const MAX_RANGES = 32;

type Ranges = VisibleRangesParams['ranges'];

const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The params when they are what the notification carries, else undefined (a client's input is not trusted). */
export function visibleRangesParams(params: unknown): VisibleRangesParams | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const { uri, ranges } = params as Record<string, unknown>;
  if (typeof uri !== 'string' || !Array.isArray(ranges)) return undefined;
  const out: Ranges = [];
  for (const r of ranges.slice(0, MAX_RANGES)) {
    const start = (r as { start?: { line?: unknown } } | null)?.start?.line;
    const end = (r as { end?: { line?: unknown } } | null)?.end?.line;
    if (!isLine(start) || !isLine(end) || end < start) return undefined;
    out.push({ start: { line: start, character: 0 }, end: { line: end, character: 0 } });
  }
  return { uri, ranges: out };
}

export class VisibleRanges {
  private readonly byUri = new Map<string, { ranges: Ranges; seq: number }>();
  private seq = 0;

  /** The client's latest ranges for a document (an open one, or one about to open). */
  set(params: VisibleRangesParams): void {
    this.byUri.set(params.uri, { ranges: params.ranges, seq: ++this.seq });
  }

  /** A number that grows whenever `uri`'s ranges are set (0: never). */
  seqOf(uri: string): number {
    return this.byUri.get(uri)?.seq ?? 0;
  }

  /** The text spans of `doc` the editors show: whole lines, with their first line; undefined when unknown or nothing is shown. */
  spansOf(doc: TextDocument): (Span & { line: number })[] | undefined {
    const ranges = this.byUri.get(doc.uri)?.ranges;
    if (!ranges || ranges.length === 0) return undefined;
    const text = doc.getText();
    const lines = ranges.flatMap((r) => [r.start.line, r.end.line + 1]);
    const starts = countsLines(text) ? lineStarts(text, lines) : lines.map((line) => doc.offsetAt({ line, character: 0 }));
    return ranges.map((r, i) => ({ start: starts[2 * i]!, end: starts[2 * i + 1]!, line: r.start.line }));
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Whether lineStarts and linesAt count lines as LSP does in `text`: no carriage return alone ends a line. */
export function countsLines(text: string): boolean {
  // Most files have no carriage return at all: indexOf is a plain scan, many times faster than the regular expression.
  return text.indexOf('\r') < 0 || !/\r(?!\n)/.test(text);
}

/**
 * The offsets where the given lines start (past the end: the text's length), by one scan for line breaks up to the
 * last line asked for. Not the TextDocument's line index: building it for a large file (a character loop over all of
 * it) took longer than linting the shown documents.
 */
export function lineStarts(text: string, lines: readonly number[]): number[] {
  const order = lines.map((_, i) => i).sort((a, b) => lines[a]! - lines[b]!);
  const out = new Array<number>(lines.length);
  let line = 0;
  let at = 0;
  for (const i of order) {
    while (line < lines[i]! && at <= text.length) {
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length + 1 : nl + 1;
      line++;
    }
    out[i] = Math.min(at, text.length);
  }
  return out;
}

/** A line start whose line is known: where linesAt counts from. */
export interface LineAnchor {
  readonly offset: number;
  readonly line: number;
}

/**
 * The lines holding the given offsets (ascending or not), each counted from the nearest known line start: the text's
 * start, an `anchors` entry (the shown ranges' starts: the shown documents are near them, so a 14 MB file is not
 * scanned up to its middle), or the offset before it.
 */
export function linesAt(text: string, offsets: readonly number[], anchors: readonly LineAnchor[] = []): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  const out = new Array<number>(offsets.length);
  let previous: LineAnchor = { offset: 0, line: 0 };
  for (const i of order) {
    const at = offsets[i]!;
    let from = previous;
    for (const a of anchors) if (Math.abs(a.offset - at) < Math.abs(from.offset - at)) from = a;
    const line = at >= from.offset ? from.line + breaksIn(text, from.offset, at) : from.line - breaksIn(text, at, from.offset);
    out[i] = line;
    previous = { offset: at, line };
  }
  return out;
}

/** Line feeds in text[from, to). */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) n++;
  return n;
}
