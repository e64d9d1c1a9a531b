/**
 * The lint job the scheduler runs for one open document: read its settings,
 * lint its current text with the engine (reusing the document's per-YAML-
 * document cache), and publish, unless the work was superseded or the
 * document changed meanwhile.
 *
 * A YAML file is linted document by document (lintYamlSteps). After at most
 * `sliceMs` of linting the job yields to the event loop, so edits and other
 * requests are read while a large file is linted; when the document changed
 * or the job was cancelled by then, it stops there. The documents linted so
 * far stay in the cache, so the next run continues where this one stopped.
 */
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, fileKindOfText, lintText, type FileKind, type RuleHooks } from '../engine';
import { lintYamlSteps, type YamlLint } from '../engine/lint';
import { configFindings } from '../engine/config/config-file';
import type { ConfigResolver } from './config';
import type { DiagnosticConverter } from './diagnostics';
import type { CancelToken } from './scheduler';
import type { SettingsStore } from './settings';

export interface LintJobDeps {
  documents: { get(uri: string): TextDocument | undefined };
  settings: SettingsStore;
  converter: DiagnosticConverter;
  publish(params: PublishDiagnosticsParams): void;
  /** Builds the per-document engine cache (tests pass one they can inspect). */
  createCache?: () => DocumentCache;
  /** `.shipshape.yaml` lookup; without it, editor settings alone apply. */
  configs?: ConfigResolver;
  /** An applicable config file is invalid (called on every lint; the callee deduplicates). */
  onInvalidConfig?(configPath: string, firstProblem: string): void;
  /** Longest stretch of synchronous YAML linting before the job yields to the event loop (default 25 ms; 0: after every document linted). */
  sliceMs?: number;
  /** How the job yields (default: setImmediate, after pending I/O). Tests pass one they control. */
  yieldToEvents?: () => Promise<void>;
  /** The server's rule hooks, passed with every lint (see RuleHooks). */
  hooks?: RuleHooks;
}

/** Default for LintJobDeps.sliceMs. */
export const DEFAULT_SLICE_MS = 25;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The path part of a URI, for file-name based kind detection (e.g. `Dockerfile.prod`). */
export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** How Shipshape lints a document (by name and language id; a JSON document by whether it holds Kubernetes objects), or undefined. */
export function documentKind(uri: string, languageId: string, text: string): FileKind | undefined {
  return fileKindOfText(uriPath(uri), text, languageId);
}

export class DocumentLinter {
  /** One engine cache per open document, so an edit re-lints only the YAML documents that changed. */
  private readonly caches = new Map<string, DocumentCache>();
  /** Per open document, the cache of lints with fixes (fix-all), apart so they never evict the diagnostics' entries. */
  private readonly fixCaches = new Map<string, DocumentCache>();
  /** Per open YAML document: where it was last edited (the offset of the first YAML document that changed). */
  private readonly focus = new Map<string, number>();

  constructor(private readonly deps: LintJobDeps) {}

  /** Scheduler job: lint `uri` at its current version and publish if still current. */
  readonly run = async (uri: string, token: CancelToken): Promise<void> => {
    const { documents, settings: store, converter, publish } = this.deps;
    const opened = documents.get(uri);
    if (!opened) return;
    const version = opened.version;
    const settings = await store.get(uri);
    const doc = documents.get(uri);
    if (token.cancelled || !doc || doc.version !== version) return; // superseded while waiting
    const kind = documentKind(uri, doc.languageId, doc.getText());
    if (!settings.enable || kind === undefined) {
      this.caches.delete(uri);
      this.fixCaches.delete(uri);
      publish({ uri, version, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    const configs = this.deps.configs;
    if (configs?.isConfigDocument(uri)) {
      // A .shipshape.yaml is checked against the configuration schema, not as a manifest.
      publish({ uri, version, diagnostics: converter.convert(configFindings(text, settings.engine), text, version) });
      return;
    }
    let engine = settings.engine;
    if (configs) {
      const r = configs.resolve(uri, engine);
      if (r.ignored) {
        publish({ uri, version, diagnostics: [] });
        return;
      }
      if (r.invalid) this.deps.onInvalidConfig?.(r.invalid.path, r.invalid.parsed.problems[0]?.message ?? 'invalid configuration');
      engine = r.settings;
    }
    const fileName = uriPath(uri).split('/').pop();
    // Diagnostics need no fixes: a code action lints the documents it acts on again with them.
    const options = { ...this.deps.hooks, settings: engine, cache: this.cacheFor(uri), fileName, fixes: false };
    const stale = (): boolean => token.cancelled || documents.get(uri)?.version !== version;
    let diagnostics: Diagnostic[];
    const max = settings.maxDiagnosticsPerFile;
    if (kind === 'yaml') {
      const lint = await this.lintYaml(text, options, stale);
      if (!lint) return; // superseded while linting
      if (lint.changedAt !== undefined) this.focus.set(uri, lint.changedAt);
      diagnostics = converter.convertYaml(lint, text, version, { max, focus: this.focus.get(uri) }, uri);
    } else {
      diagnostics = converter.convert(lintText(text, kind, options), text, version, { max }, uri);
    }
    // Never publish for a stale version (a Dockerfile is linted synchronously; this also guards later changes).
    if (stale()) return;
    publish({ uri, version, diagnostics });
  };

  /** Lint YAML in slices; undefined when `stale()` turned true at a yield (the lint was abandoned). */
  private async lintYaml(text: string, options: Parameters<typeof lintYamlSteps>[1], stale: () => boolean): Promise<YamlLint | undefined> {
    const sliceMs = this.deps.sliceMs ?? DEFAULT_SLICE_MS;
    const yieldNow = this.deps.yieldToEvents ?? yieldToEventLoop;
    const steps = lintYamlSteps(text, options);
    let deadline = performance.now() + sliceMs;
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      if (performance.now() < deadline) continue;
      await yieldNow();
      if (stale()) {
        steps.return({ chunks: [] });
        return undefined;
      }
      deadline = performance.now() + sliceMs;
    }
  }

  /** Settings changed: cached results keyed by the old settings would only take memory. */
  reset(): void {
    this.caches.clear();
    this.fixCaches.clear();
  }

  /** A document closed: drop its cache. */
  forget(uri: string): void {
    this.caches.delete(uri);
    this.fixCaches.delete(uri);
    this.focus.delete(uri);
  }

  /** The document's engine cache for lints without fixes (diagnostics; code actions find their findings through it). */
  cacheFor(uri: string): DocumentCache {
    return this.cacheIn(this.caches, uri);
  }

  /** The document's engine cache for lints with fixes (fix-all, whose rounds re-lint the fixed text). */
  fixCacheFor(uri: string): DocumentCache {
    return this.cacheIn(this.fixCaches, uri);
  }

  private cacheIn(caches: Map<string, DocumentCache>, uri: string): DocumentCache {
    let cache = caches.get(uri);
    if (!cache) {
      cache = this.deps.createCache?.() ?? new DocumentCache();
      caches.set(uri, cache);
    }
    return cache;
  }
}
