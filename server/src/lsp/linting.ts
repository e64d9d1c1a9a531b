/**
 * The lint job the scheduler runs for one open document: read its settings,
 * lint its current text with the engine (reusing the document's per-YAML-
 * document cache), and publish, unless the work was superseded or the
 * document changed meanwhile.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, fileKindOf, lintText, type FileKind } from '../engine';
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
}

/** The path part of a URI, for file-name based kind detection (e.g. `Dockerfile.prod`). */
export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export function documentKind(uri: string, languageId: string): FileKind | undefined {
  return fileKindOf(uriPath(uri), languageId);
}

export class DocumentLinter {
  /** One engine cache per open document, so an edit re-lints only the YAML documents that changed. */
  private readonly caches = new Map<string, DocumentCache>();

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
    const kind = documentKind(uri, doc.languageId);
    if (!settings.enable || kind === undefined) {
      this.caches.delete(uri);
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
    const findings = lintText(text, kind, { settings: engine, cache: this.cacheFor(uri), fileName });
    // Never publish for a stale version (linting may become asynchronous, e.g. in a worker).
    if (token.cancelled || documents.get(uri)?.version !== version) return;
    publish({ uri, version, diagnostics: converter.convert(findings, text, version) });
  };

  /** Settings changed: cached results keyed by the old settings would only take memory. */
  reset(): void {
    this.caches.clear();
  }

  /** A document closed: drop its cache. */
  forget(uri: string): void {
    this.caches.delete(uri);
  }

  /** The document's engine cache (code actions re-lint through it too). */
  cacheFor(uri: string): DocumentCache {
    let cache = this.caches.get(uri);
    if (!cache) {
      cache = this.deps.createCache?.() ?? new DocumentCache();
      this.caches.set(uri, cache);
    }
    return cache;
  }
}
