/**
 * The server's memory guard. Every edit of an open document replaces its
 * text, one string of the whole file, and the old one is dead at once. V8
 * collects such large strings only in a full collection, which it starts
 * when the old generation reaches a limit set at a multiple of what was alive
 * after the last one: with a 10,000-document file (13 MB) open, a dozen dead
 * versions of its text, well over 100 MB. The guard counts the text that
 * edits and closes released (a close also releases the document's lint
 * cache, counted as three times its text) and, once it passes a threshold,
 * runs one full collection at a quiet point (after a publication, or at the
 * close): in a 13 MB file that is one collection (about 50 ms) per four
 * edits, and none at all for files of ordinary size.
 *
 * `gc` comes from V8's `--expose-gc`, switched on at run time
 * (`exposeGc`); without it the guard does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Released text (UTF-16 code units) after which a quiet point runs a full collection. */
export const DEFAULT_RELEASED_THRESHOLD = 48 * 1024 * 1024;

export class MemoryGuard {
  private released = 0;
  /** Full collections the guard ran. */
  collections = 0;

  constructor(
    private readonly gc: (() => void) | undefined,
    private readonly threshold = DEFAULT_RELEASED_THRESHOLD,
  ) {}

  /** A document text of `length` code units is no longer referenced (an edit replaced it, or the document closed). */
  release(length: number): void {
    this.released += length;
  }

  /** A quiet point: collect if enough text was released since the last collection. True when it collected. */
  check(): boolean {
    if (!this.gc || this.released < this.threshold) return false;
    this.released = 0;
    this.gc();
    this.collections++;
    return true;
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
