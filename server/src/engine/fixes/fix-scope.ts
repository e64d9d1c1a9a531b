/**
 * The fixes of one YAML document's findings (see LazyFixes), and how long
 * the parsed document they are built from stays in memory.
 *
 * A finding's fixes are built from the parsed document of the lint that
 * reported them. Kept for every document of a large file, those parsed
 * documents would take about ten times the text. So the findings of a
 * document reach their fix builders through a scope, which the per-file
 * cache releases once the document is no longer among the most recently
 * linted ones (DocumentCache `fixSources`): a fix asked for after that is
 * built from a lint of that one document's text again (deterministic: the
 * same findings in the same order), which the scope then holds until it is
 * released again. A fix, once built, is kept by its finding.
 */
import type { Finding, Fix, LazyFixes } from '../types';

export class FixScope {
  private sources: ReadonlyArray<LazyFixes | undefined> | undefined;
  /** Called when a released scope holds a parsed document again (the cache counts it as recent). */
  onAcquire: (() => void) | undefined;

  /** `relint`: the document's findings from a lint of its text again, fixes not yet adopted by a scope. */
  constructor(private readonly relint: () => readonly Finding[]) {}

  /** Route the fixes of `findings` (a document's findings, in their final order) through this scope. */
  adopt(findings: Finding[]): void {
    this.sources = findings.map((f) => f.fixes);
    findings.forEach((f, i) => {
      if (f.fixes) f.fixes = this.fixesAt(i);
    });
  }

  /** Let go of the parsed document (the fix builders that close over it). */
  release(): void {
    this.sources = undefined;
  }

  private fixesAt(i: number): LazyFixes {
    let built: readonly Fix[] | undefined;
    return () => (built ??= this.build(i));
  }

  private build(i: number): readonly Fix[] {
    let sources = this.sources;
    if (!sources) {
      sources = this.relint().map((f) => f.fixes);
      this.sources = sources;
      this.onAcquire?.(); // which may release it again at once (a lint that keeps none)
    }
    return sources[i]?.() ?? [];
  }
}

/** The most recently linted scopes that keep their parsed documents (at most `limit`); older ones release theirs. */
export class FixRetention {
  /** Least recently linted first. */
  private readonly live = new Set<FixScope>();

  private keeping = false;

  /** `limit`: how many scopes stay held (the most recently linted). */
  constructor(readonly limit: number) {}

  /**
   * On: every scope held stays held, beyond the limit (fix-all's rounds
   * build the fixes of what the round before linted). Off: those beyond
   * the limit are released again.
   */
  keepAll(on: boolean): void {
    this.keeping = on;
    if (!on) this.trim();
  }

  /** `scope` holds its parsed document now (linted, or built its fixes again after a release). */
  hold(scope: FixScope): void {
    scope.onAcquire = () => this.hold(scope);
    this.live.delete(scope);
    this.live.add(scope);
    this.trim();
  }

  /**
   * `scope` is not among those a lint of every document keeps (see
   * DocumentCache.begin): it lets its parsed document go at once, unless every
   * scope is kept, and is held again, as the most recent, if its fixes are
   * built after all.
   */
  pass(scope: FixScope): void {
    if (this.keeping) return this.hold(scope);
    scope.onAcquire = () => this.hold(scope);
    scope.release();
  }

  /** Release the least recently linted scopes beyond the limit. */
  private trim(): void {
    if (this.keeping) return;
    for (const oldest of this.live) {
      if (this.live.size <= this.limit) break;
      this.live.delete(oldest);
      oldest.release();
    }
  }

  /** `scope` is no longer kept anywhere: let its parsed document go. */
  drop(scope: FixScope): void {
    this.live.delete(scope);
    scope.onAcquire = undefined;
    scope.release();
  }
}

/**
 * Of how many YAML documents, the last linted, a file's cache keeps the parsed
 * documents for their fixes by default: the documents being edited, where code
 * actions are asked for. (Kept longer, a parsed document reaches the old
 * generation of the heap: a lint keeping even 100 of them peaks 25% higher.)
 */
export const DEFAULT_FIX_SOURCES = 100;
