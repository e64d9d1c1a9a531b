/**
 * The per-file cache of YAML document results the engine keeps across edits
 * (see DocumentCache): one entry per document text and settings.
 */
import type { Finding } from './types';
import { DEFAULT_FIX_SOURCES, FixRetention, type FixScope } from './fixes/fix-scope';

/** Findings of one YAML document chunk with chunk-relative offsets. */
export interface ChunkResult {
  /** Sorted by offset (then rule id); offsets relative to the chunk's start. */
  readonly findings: readonly Finding[];
  /** The chunk failed to parse (used for Helm detection). */
  readonly parseError: boolean;
  /** The chunk holds Go/Helm template syntax in structural positions. */
  readonly templated: boolean;
  /** Where the findings' fixes come from (see FixScope), when they have any. */
  readonly fixes?: FixScope;
}

/** A cached chunk result (internal to the engine). */
export interface CacheEntry {
  result: ChunkResult;
  /** The document's text the result is for (a copy of its own, not a slice of the file). */
  text: string;
  /** The lint (cache generation) that last used the entry. */
  used: number;
}

/**
 * Per-document results keyed by (settings, document text), for one file
 * across its edits. Two levels:
 *
 * - the chunk list of the previous lint: a document whose text equals the
 *   one at the same index, or at the same distance from the end (documents
 *   were inserted or removed before it), is found by one string comparison,
 *   without hashing its text;
 * - a map by text for everything else (moved or duplicated documents, undo).
 *   Once it holds more than twice the file's documents, entries that neither
 *   of the last two lints used are dropped; it never holds more than
 *   `capacity` entries (the least recently used go first).
 *
 * Of the documents it linted last (at most `fixSources`), it keeps what their
 * findings' fixes are built from, the parsed documents (see FixScope); the
 * fixes of the others are built from a lint of their text again if asked for.
 */
export class DocumentCache {
  private readonly maps = new Map<string, Map<string, CacheEntry>>();
  private count = 0;
  private generation = 0;
  private previous: { key: string; texts: readonly string[]; entries: readonly CacheEntry[] } | undefined;
  private changed: number | undefined;
  /** Documents of the current lint at an index below this keep no parsed document (see begin). */
  private passBelow = 0;
  hits = 0;
  misses = 0;

  /** Which documents keep their parsed documents for their findings' fixes. */
  private readonly retention: FixRetention;

  constructor(
    private readonly capacity = 20000,
    fixSources = DEFAULT_FIX_SOURCES,
  ) {
    this.retention = new FixRetention(fixSources);
  }

  /**
   * On: keep the parsed documents of every document linted from now on, for
   * their fixes (fix-all's rounds build the fixes of what the round before
   * linted); off: back to the last `fixSources`.
   */
  keepFixSources(on: boolean): void {
    this.retention.keepAll(on);
  }

  /** Entries in the map. */
  get size(): number {
    return this.count;
  }

  /**
   * A lint of the file's `count` documents under the settings key `key`
   * starts (internal: used by lintYamlSteps). When it lints them all (a first
   * lint, or after a settings change), the parsed documents it ends up keeping
   * are those of the last `fixSources` documents; the others let theirs go as
   * soon as they are linted. (Held while the next `fixSources` documents are
   * linted and then released, as a lint of a few changed documents does, each
   * parsed document of a large file would be promoted to the old generation of
   * the heap: that doubled the garbage collector's time of a first lint.)
   */
  begin(key: string, count: number): void {
    this.generation++;
    this.changed = undefined;
    this.passBelow = this.previous?.key === key ? 0 : count - this.retention.limit;
  }

  /**
   * Index of the first chunk the current lint looked up that is not the
   * previous completed lint's chunk at the same place (same index, or same
   * distance from the end): where the file was edited. Undefined on a
   * first lint, after a settings change, or when nothing changed.
   */
  get firstChanged(): number | undefined {
    return this.changed;
  }

  /**
   * The cached entry for chunk `index` of `count`, text `text`, under the
   * settings key `key`: the previous lint's chunk at the same index or the
   * same distance from the end, else the map (internal).
   */
  lookup(key: string, text: string, index: number, count: number): CacheEntry | undefined {
    const prev = this.previous;
    if (prev && prev.key === key) {
      const at = prev.texts.length - count + index;
      for (const i of at === index ? [index] : [index, at]) {
        const t = prev.texts[i];
        if (t !== undefined && t.length === text.length && t === text) {
          const entry = prev.entries[i]!;
          entry.used = this.generation;
          this.hits++;
          return entry;
        }
      }
      this.changed ??= index;
    }
    const entry = this.maps.get(key)?.get(text);
    if (entry) {
      entry.used = this.generation;
      this.hits++;
      return entry;
    }
    this.misses++;
    return undefined;
  }

  /**
   * Whether chunk `index` of `count`, text `text`, has a result under `key`
   * (as `lookup` finds it), without counting it as used or as an edit (internal:
   * lintYamlDocumentsAt looks ahead of a lint).
   */
  peek(key: string, text: string, index: number, count: number): CacheEntry | undefined {
    const prev = this.previous;
    if (prev && prev.key === key) {
      const at = prev.texts.length - count + index;
      for (const i of at === index ? [index] : [index, at]) {
        const t = prev.texts[i];
        if (t !== undefined && t.length === text.length && t === text) return prev.entries[i];
      }
    }
    return this.maps.get(key)?.get(text);
  }

  /** Record the result of chunk `index` computed by the current lint (internal). */
  store(key: string, text: string, result: ChunkResult, index: number): CacheEntry {
    let map = this.maps.get(key);
    if (!map) {
      map = new Map();
      this.maps.set(key, map);
    }
    const entry: CacheEntry = { result, text, used: this.generation };
    if (result.fixes) {
      if (index < this.passBelow) this.retention.pass(result.fixes);
      else this.retention.hold(result.fixes);
    }
    const replaced = map.get(text);
    if (replaced) this.dropped(replaced);
    else this.count++;
    map.set(text, entry);
    if (this.count > this.capacity) this.evict(Math.max(1, this.count - Math.floor(this.capacity * 0.9)));
    return entry;
  }

  /**
   * The lint completed: its chunk list is the next lint's first guess, and
   * entries unused by this lint and the one before are dropped once the map
   * holds more than twice the file's documents (internal).
   */
  finish(key: string, texts: readonly string[], entries: readonly CacheEntry[]): void {
    this.previous = { key, texts, entries };
    if (this.count > 2 * texts.length + 16) this.sweep(this.generation - 1);
  }

  /** Drop the entries last used before generation `oldest`. */
  private sweep(oldest: number): void {
    for (const [key, map] of this.maps) {
      for (const [text, entry] of map) {
        if (entry.used < oldest) {
          map.delete(text);
          this.dropped(entry);
          this.count--;
        }
      }
      if (map.size === 0) this.maps.delete(key);
    }
  }

  /** An entry left the cache: its parsed document is not kept for it any more (a lint still using its result can build its fixes again). */
  private dropped(entry: CacheEntry): void {
    if (entry.result.fixes) this.retention.drop(entry.result.fixes);
  }

  /** Drop the `n` least recently used entries. */
  private evict(n: number): void {
    const all: Array<[Map<string, CacheEntry>, string, number]> = [];
    for (const map of this.maps.values()) for (const [text, entry] of map) all.push([map, text, entry.used]);
    all.sort((a, b) => a[2] - b[2]);
    for (let i = 0; i < n && i < all.length; i++) {
      const [map, text] = all[i]!;
      const entry = map.get(text);
      map.delete(text);
      if (entry) this.dropped(entry);
      this.count--;
    }
  }
}
