/**
 * The YAML documents of a file that hold given spans (what the editor
 * shows), linted ahead of a lint of the whole file: the language server
 * publishes their findings first, then lints the rest (lintYamlSteps). The
 * results go into the file's DocumentCache, where the whole lint finds them,
 * so no document is linted twice.
 *
 * A file whose findings may not be the sum of its documents' (binary, one
 * with `{{`, which may be a Helm template, a byte-order mark) gets no
 * look-ahead: undefined, and the whole lint alone reports it.
 */
import { DEFAULT_SETTINGS } from './config/settings';
import { looksBinary, splitYamlDocuments, yamlDocumentsNear, type YamlChunk } from './parse/yaml';
import { activeRules } from './run-rule';
import { isComposeFileName } from './views/compose';
import type { Span } from './types';
import { cacheKey, chunkContext, lintChunk, type LintOptions } from './lint';
import { detach, hasBom, type LintedChunk } from './yaml-lint-result';

export interface DocumentsAt {
  /** The documents holding some of the spans, in file order, with file offsets. */
  readonly chunks: readonly LintedChunk[];
  /** Documents of the file that the cache has no result for (counted before linting the chunks above), at most `countUpTo`. */
  readonly misses: number;
}

/** Whether [start, end) and the span share a character, or the span is empty and inside it. */
function touches(start: number, end: number, span: Span): boolean {
  return span.start < end && span.end > start - (span.start === span.end ? 1 : 0);
}

/**
 * Lint the documents of `text` that intersect `spans` through `options.cache`
 * (required: without one nothing would be reused). `countUpTo`: how many
 * missing documents of the whole file to count at most (the caller's measure
 * of how much the whole lint has left to do). Never throws.
 */
export function lintYamlDocumentsAt(text: string, options: LintOptions, spans: readonly Span[], countUpTo = Infinity): DocumentsAt | undefined {
  const cache = options.cache;
  if (!cache || spans.length === 0 || hasBom(text)) return undefined;
  try {
    // A file with `{{` may be a Helm template, which the whole lint reports as one finding.
    if (looksBinary(text) || text.includes('{{')) return undefined;
    const settings = options.settings ?? DEFAULT_SETTINGS;
    const composeNamed = isComposeFileName(options.fileName);
    const how = chunkContext(options, composeNamed);
    const key = cacheKey(settings, how);
    let misses = 0;
    // Documents to count (an edit may have left little to lint): the whole file's split. Else only the documents
    // around the spans are found (yamlDocumentsNear), not the 10,000 boundaries of a large file before its first publish.
    const split = countUpTo > 0 ? splitYamlDocuments(text) : undefined;
    if (split) for (let i = 0; i < split.length && misses < countUpTo; i++) if (!cache.peek(key, split[i]!.text, i, split.length)) misses++;
    const shown: { chunk: YamlChunk; index: number }[] = [];
    if (split) {
      split.forEach((chunk, index) => {
        if (spans.some((s) => touches(chunk.offset, chunk.offset + chunk.text.length, s))) shown.push({ chunk, index });
      });
    } else {
      const byOffset = new Map<number, YamlChunk>();
      for (const s of spans) for (const chunk of yamlDocumentsNear(text, s.start, s.end)) byOffset.set(chunk.offset, chunk);
      // Their index in the file is not known: -1 (the cache finds a document by its text; the index is a hint).
      for (const chunk of [...byOffset.values()].sort((a, b) => a.offset - b.offset)) shown.push({ chunk, index: -1 });
    }
    const chunks = lintThrough(shown, options, key, how, split?.length ?? 0);
    if (!chunks) return undefined;
    return { chunks, misses };
  } catch {
    return undefined;
  }
}

/** Lint the chunks through the cache (results stored there); undefined when one is a template. `count`: the file's documents (0: unknown). */
function lintThrough(shown: readonly { chunk: YamlChunk; index: number }[], options: LintOptions, key: string, how: ReturnType<typeof chunkContext>, count: number): LintedChunk[] | undefined {
  const cache = options.cache!;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  let rules: ReturnType<typeof activeRules> | undefined;
  const chunks: LintedChunk[] = [];
  for (const { chunk, index } of shown) {
    let result = cache.peek(key, chunk.text, index, count)?.result;
    if (!result) {
      const own = detach(chunk.text);
      result = lintChunk(own, settings, (rules ??= activeRules(settings, options)), how);
      cache.store(key, own, result, index < 0 ? Number.MAX_SAFE_INTEGER : index);
    }
    if (result.templated) return undefined;
    chunks.push({ offset: chunk.offset, text: chunk.text, result });
  }
  return chunks;
}

/**
 * Lint the documents of a window of a file (the client's open preview: lines of a file whose whole text is not
 * here yet) that touch `spans` (window offsets), through `options.cache`. Only documents the window holds whole
 * count: its first one is dropped unless the window starts the file (`atStart`), its last one unless it ends it
 * (`atEnd`), as either may be cut. Undefined when the window may not be linted document by document (binary, `{{`,
 * a byte-order mark) or a document is a template; offsets are the window's. Never throws.
 */
export function lintYamlWindow(window: string, edges: { atStart: boolean; atEnd: boolean }, options: LintOptions, spans: readonly Span[]): LintedChunk[] | undefined {
  if (!options.cache || spans.length === 0 || hasBom(window) || looksBinary(window) || window.includes('{{')) return undefined;
  try {
    const how = chunkContext(options, isComposeFileName(options.fileName));
    const key = cacheKey(options.settings ?? DEFAULT_SETTINGS, how);
    const split = splitYamlDocuments(window);
    const whole = split.slice(edges.atStart ? 0 : 1, edges.atEnd ? split.length : split.length - 1);
    const shown = whole.filter((chunk) => spans.some((s) => touches(chunk.offset, chunk.offset + chunk.text.length, s))).map((chunk) => ({ chunk, index: -1 }));
    return lintThrough(shown, options, key, how, 0);
  } catch {
    return undefined;
  }
}
