/**
 * The client's side of `shipshape/visibleRanges` (shared/lsp/protocol.ts):
 * what the editors show of each document, sent to the language server so it
 * lints and publishes those YAML documents first. No `vscode` import here (the
 * wiring is in visible-ranges-wiring.ts), so it is tested with a fake clock.
 *
 * The first report of a document (it was opened, or an editor switched to it)
 * goes out at once: the server's first lint of a large file is under way. Later
 * ones (scrolling) are debounced per document, the last one wins; a report
 * equal to the last one sent is not sent again.
 */
import type { VisibleRangesParams } from '../../shared/lsp/protocol';

export type LineRange = VisibleRangesParams['ranges'][number];

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Wait after a scroll before its ranges are sent. */
export const VISIBLE_RANGES_DEBOUNCE_MS = 100;

const realClock: Clock = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export class VisibleRangesSender {
  /** Per document: what was last sent (a key of its ranges). */
  private readonly sent = new Map<string, string>();
  private readonly pending = new Map<string, { timer: unknown; ranges: LineRange[] }>();

  constructor(
    private readonly send: (params: VisibleRangesParams) => void,
    private readonly clock: Clock = realClock,
    private readonly delayMs = VISIBLE_RANGES_DEBOUNCE_MS,
  ) {}

  /** The editors show `ranges` of `uri` (an empty list: none shows it any more). */
  update(uri: string, ranges: readonly LineRange[]): void {
    const copy = ranges.map((r) => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } }));
    const waiting = this.pending.get(uri);
    if (waiting) {
      waiting.ranges = copy;
      return;
    }
    if (!this.sent.has(uri)) {
      this.deliver(uri, copy);
      return;
    }
    const entry = { ranges: copy, timer: undefined as unknown };
    entry.timer = this.clock.setTimeout(() => {
      this.pending.delete(uri);
      this.deliver(uri, entry.ranges);
    }, this.delayMs);
    this.pending.set(uri, entry);
  }

  /** The document closed: the next report of it is a first one again. */
  forget(uri: string): void {
    const waiting = this.pending.get(uri);
    if (waiting) this.clock.clearTimeout(waiting.timer);
    this.pending.delete(uri);
    this.sent.delete(uri);
  }

  /** A new server: everything is reported to it as a first report. */
  reset(): void {
    for (const uri of [...this.pending.keys()]) this.forget(uri);
    this.sent.clear();
  }

  dispose(): void {
    this.reset();
  }

  private deliver(uri: string, ranges: LineRange[]): void {
    const key = JSON.stringify(ranges);
    if (this.sent.get(uri) === key) return;
    this.sent.set(uri, key);
    this.send({ uri, ranges });
  }
}
