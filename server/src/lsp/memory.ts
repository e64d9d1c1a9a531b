/**
 * The server's memory guard. Every edit of an open document replaces its
 * text, one string of the whole file, and the old one is dead at once; V8
 * frees such large strings only in a full collection. V8 starts one when the
 * old generation reaches a limit it sets after the last one at up to four
 * times what stayed alive: with a 10,000-document file (13 MB) open, a dozen
 * dead versions of its text and the garbage of a whole lint, well over 300 MB.
 *
 * - `limitHeapGrowth` sets that limit to what stayed alive plus 25%, so V8's
 *   own incremental, mostly concurrent collections run sooner (a 10,000-document
 *   file: a peak about 100 MB lower, with no pause in the edits).
 *   SHIPSHAPE_HEAP_GROWING_PERCENT sets another percentage.
 * - A close releases the document's text and lint cache (counted as three
 *   times its text) at once: the guard counts the text edits and closes
 *   released and, past a threshold, runs one full collection after the close,
 *   once no lint runs (CLOSE_COLLECTION_DELAY_MS, at most CLOSE_COLLECTION_MAX_WAIT_MS):
 *   not in the way of an open that often follows.
 *   `gc` comes from V8's `--expose-gc`, switched on at run time (`exposeGc`);
 *   without it the guard does nothing.
 *
 * SHIPSHAPE_NO_GC_GUARD turns both off (for comparisons).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Released text (UTF-16 code units) after which a close runs a full collection. */
export const DEFAULT_RELEASED_THRESHOLD = 48 * 1024 * 1024;

/** How long after a close its collection waits: the close is often right before another open, whose message and first diagnostics it would delay. */
export const CLOSE_COLLECTION_DELAY_MS = 500;
/** The longest a close's collection waits for the server to be idle (no lint running). */
export const CLOSE_COLLECTION_MAX_WAIT_MS = 5000;

export class MemoryGuard {
  private released = 0;
  /** Full collections the guard ran. */
  collections = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly gc: (() => void) | undefined,
    private readonly threshold = DEFAULT_RELEASED_THRESHOLD,
  ) {}

  /** A document text of `length` code units is no longer referenced (an edit replaced it, or the document closed). */
  release(length: number): void {
    this.released += length;
  }

  /** A document closed: collect if enough text was released since the last collection. True when it collected. */
  check(): boolean {
    if (!this.gc || this.released < this.threshold) return false;
    this.released = 0;
    this.gc();
    this.collections++;
    return true;
  }

  /**
   * `check` in `delayMs`, when `busy()` is false by then (no lint running), else `delayMs` later again, for at most
   * `maxWaitMs` in all. One pending check at a time.
   */
  checkSoon(busy: () => boolean = () => false, delayMs = CLOSE_COLLECTION_DELAY_MS, maxWaitMs = CLOSE_COLLECTION_MAX_WAIT_MS): void {
    if (this.timer !== undefined) return;
    const until = performance.now() + maxWaitMs;
    const fire = (): void => {
      this.timer = undefined;
      if (busy() && performance.now() < until) arm();
      else this.check();
    };
    const arm = (): void => {
      this.timer = setTimeout(fire, delayMs);
      this.timer.unref?.();
    };
    arm();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Growth of V8's old-generation limit after a full collection, in percent of what stayed alive. */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Make V8 start its (incremental, mostly concurrent) full collections sooner:
 * after each one the limit is what stayed alive plus HEAP_GROWING_PERCENT,
 * instead of V8's default factor of up to 4 for a fast collector. True when
 * the flag was set.
 */
export function limitHeapGrowth(percent = Number(process.env.SHIPSHAPE_HEAP_GROWING_PERCENT ?? HEAP_GROWING_PERCENT)): boolean {
  if (process.env.SHIPSHAPE_NO_GC_GUARD || !Number.isInteger(percent) || percent <= 0) return false;
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
    return true;
  } catch {
    return false;
  }
}

/** V8's `gc` function, exposed at run time; undefined where that is not possible. */
export function exposeGc(): (() => void) | undefined {
  if (process.env.SHIPSHAPE_NO_GC_GUARD) return undefined;
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
