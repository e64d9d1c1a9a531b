/**
 * How long a document waits after an edit before it is linted again: about
 * `COST_FACTOR` times what its last lint took, at least `MIN_DEBOUNCE_MS`
 * (a small file does not wait 150 ms to re-lint in 10 ms), at most the
 * `shipshape.debounceMs` setting. A document whose last lint took
 * `SLOW_LINT_MS` or more, a large one (`LARGE_TEXT` characters or more: its
 * lint time varies with the machine's load), or one not linted yet waits the
 * setting, as before: a large file gets no more lint runs per keystroke than
 * with a fixed debounce. While typing faster than the wait, no lint runs; a superseded run
 * stops at its next slice (see linting.ts), so a short wait costs little.
 */

export const MIN_DEBOUNCE_MS = 10;
export const COST_FACTOR = 2;
export const SLOW_LINT_MS = 50;
/** About 3,000 Kubernetes documents (the bench's 1,000-document file has 1.4 million characters, its 10,000-document one 14 million). */
export const LARGE_TEXT = 4_000_000;

export class AdaptiveDebounce {
  /** Per open document, what its last completed lint took (ms), or Infinity for a large one. */
  private readonly costs = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Start timing a lint of `uri`, a text of `length` characters: call the result when the lint completed (not when it was abandoned). */
  time(uri: string, length: number): () => void {
    const started = this.now();
    return () => void this.costs.set(uri, length >= LARGE_TEXT ? Infinity : this.now() - started);
  }

  /** The wait after an edit of `uri`, given the configured `debounceMs`. */
  delay(uri: string, debounceMs: number): number {
    const cost = this.costs.get(uri);
    if (cost === undefined || cost >= SLOW_LINT_MS) return debounceMs;
    return Math.min(debounceMs, Math.max(MIN_DEBOUNCE_MS, Math.ceil(COST_FACTOR * cost)));
  }

  forget(uri: string): void {
    this.costs.delete(uri);
  }
}
