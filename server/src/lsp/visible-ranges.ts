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

  /** The text spans of `doc` the editors show: whole lines; undefined when unknown or nothing is shown. */
  spansOf(doc: TextDocument): Span[] | undefined {
    const ranges = this.byUri.get(doc.uri)?.ranges;
    if (!ranges || ranges.length === 0) return undefined;
    return ranges.map((r) => ({ start: doc.offsetAt({ line: r.start.line, character: 0 }), end: doc.offsetAt({ line: r.end.line + 1, character: 0 }) }));
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
