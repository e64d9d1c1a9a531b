/**
 * A YAML file's lint as the engine returns it: its document chunks, each with
 * chunk-relative findings (so they can be cached and reused after edits
 * elsewhere in the file), and the helpers that turn them into file offsets.
 */
import type { ChunkResult } from './document-cache';
import type { Finding, Fix, LazyFixes } from './types';

/** File order: by offset, then rule id. */
export function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId);
}

/** The finding moved by `by` (span, related locations and fixes). */
export function shifted(f: Finding, by: number): Finding {
  return {
    ...f,
    span: { start: f.span.start + by, end: f.span.end + by },
    ...(f.related ? { related: f.related.map((r) => ({ ...r, span: { start: r.span.start + by, end: r.span.end + by } })) } : {}),
    ...(f.fixes ? { fixes: shiftedFixes(f.fixes, by) } : {}),
  };
}

/** Fixes whose edits are moved by `by`, built when asked (from the unshifted ones, which build once). */
function shiftedFixes(fixes: LazyFixes, by: number): LazyFixes {
  let built: readonly Fix[] | undefined;
  return () => (built ??= fixes().map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })));
}

/**
 * A text that starts with a byte-order mark (U+FEFF): an editor or client
 * that left it in. The CLI decodes files without it; here the text after it
 * is linted and the findings moved past it, so that comments, directives and
 * markers on the first line are read as they are without one.
 */
export function hasBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/** A lint of the text after a byte-order mark, as a lint of the whole text (the first chunk holds the mark). */
export function withBom(lint: YamlLint): YamlLint {
  const chunks = lint.chunks.map((c, i) =>
    i === 0 ? { offset: 0, text: '\ufeff' + c.text, result: { ...c.result, findings: c.result.findings.map((f) => shifted(f, 1)) } } : { ...c, offset: c.offset + 1 },
  );
  return {
    chunks,
    ...(lint.whole ? { whole: lint.whole.map((f) => shifted(f, 1)) } : {}),
    ...(lint.changedAt !== undefined ? { changedAt: lint.changedAt === 0 ? 0 : lint.changedAt + 1 } : {}),
  };
}

/** One YAML document chunk of a file with its (chunk-relative) result. */
export interface LintedChunk {
  /** Offset of the chunk in the file (the start of a line). */
  readonly offset: number;
  readonly text: string;
  readonly result: ChunkResult;
}

/** A YAML file's lint, document by document. */
export interface YamlLint {
  /** The file's document chunks in order; together they cover the text. */
  readonly chunks: readonly LintedChunk[];
  /**
   * When set, these findings (file offsets) replace the chunks' findings: the
   * file is binary, a Helm template, or the engine failed on it.
   */
  readonly whole?: readonly Finding[];
  /**
   * Offset of the first document that differs from the previous completed
   * lint through the same cache (where the file was edited); undefined on a
   * first lint, after a settings change, or when no document changed.
   */
  readonly changedAt?: number;
}

/**
 * A copy of `text` that does not keep the string it was sliced from alive:
 * cached results (and the scalar strings in their findings) then hold on to
 * their document's text only, not to the whole file of the version that
 * produced them.
 */
export function detach(text: string): string {
  return (' ' + text).slice(1);
}

/** The findings of a YAML lint with file offsets, in file order. */
export function yamlLintFindings(lint: YamlLint): Finding[] {
  if (lint.whole) return [...lint.whole];
  const all: Finding[] = [];
  for (const { offset, result } of lint.chunks) {
    for (const f of result.findings) all.push(offset === 0 ? f : shifted(f, offset));
  }
  // Each chunk's findings are sorted and chunks are in file order: this only settles ties at chunk boundaries.
  return all.sort(byPosition);
}

/**
 * The findings, with file offsets, of the YAML document of a lint that holds
 * offset `at` (all of them when the lint reports the file as a whole).
 */
export function yamlFindingsAt(lint: YamlLint, at: number): Finding[] {
  if (lint.whole) return [...lint.whole];
  if (lint.chunks.length === 0) return [];
  const { offset, result } = lint.chunks[chunkIndexAt(lint.chunks, at)]!;
  return result.findings.map((f) => (offset === 0 ? f : shifted(f, offset)));
}

/** Index of the chunk holding `at` (chunks start at ascending offsets, the first at 0). */
export function chunkIndexAt(chunks: readonly { offset: number }[], at: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]!.offset <= at) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

