/**
 * The server's side of the `shipshape/openPreview` request (shared/lsp/protocol.ts):
 * the client sends the text around what the editor will show right before a
 * document's didOpen, which waits for the answer (given after the publication). Reading and parsing a 14 MB didOpen takes longer than
 * linting a screen, so the YAML documents the preview holds whole are linted
 * at once (through the document's cache, where the whole lint finds them)
 * and published in file coordinates for the version the didOpen will bring.
 * The didOpen's lint (visible first, then the whole file) replaces them.
 *
 * A preview is dropped when its document is already open (it is stale: the
 * open text is newer), when the document would not be linted document by
 * document alone (not YAML by its language id, disabled, ignored or the
 * `.shipshape.yaml` itself, read by a kustomize build or part of a Helm
 * chart: the project pass needs the whole text), or when the window is not
 * plain YAML (a lone carriage return, a byte-order mark, `{{`, binary).
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenPreviewParams } from '../../../shared/lsp/protocol';
import type { DocumentCache, EngineSettings, RuleHooks } from '../engine';
import { lintYamlWindow } from '../engine/lint-first';
import type { ConfigResolver } from './config';
import type { DiagnosticConverter } from './diagnostics';
import { documentKind, uriPath } from './linting';
import { projectPathOf, type ProjectIndex } from './project-index';
import type { WorkspaceRelations } from './project-relations';
import { resolveSettings, type ServerSettings, type SettingsStore } from './settings';
import { countsLines, lineStarts, linesAt, visibleRangesParams, type VisibleRanges } from './visible-ranges';

/** The longest preview text the server lints (the client sends at most 512 K characters). */
export const MAX_PREVIEW_CHARS = 1024 * 1024;
/** Previews whose document has not opened yet whose caches are kept (a didOpen follows each at once). */
const MAX_PENDING = 4;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The params when they are what the notification carries (coherent offsets, bounded text), else undefined: a client's input is not trusted. */
export function openPreviewParams(params: unknown): OpenPreviewParams | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const { textDocument, offset, line, text, length, ranges, settings } = params as Record<string, unknown>;
  if (typeof textDocument !== 'object' || textDocument === null) return undefined;
  const { uri, languageId, version } = textDocument as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof languageId !== 'string' || typeof version !== 'number' || !Number.isSafeInteger(version)) return undefined;
  if (typeof text !== 'string' || text.length > MAX_PREVIEW_CHARS || !isCount(offset) || !isCount(line) || !isCount(length) || offset + text.length > length) return undefined;
  const visible = visibleRangesParams({ uri, ranges });
  if (!visible) return undefined;
  return { textDocument: { uri, languageId, version }, offset, line, text, length, ranges: visible.ranges, ...(settings !== undefined ? { settings } : {}) };
}

export interface OpenPreviewDeps {
  documents: { get(uri: string): TextDocument | undefined };
  settings: Pick<SettingsStore, 'get'>;
  configs?: Pick<ConfigResolver, 'isConfigDocument' | 'resolve'>;
  project?: Pick<ProjectIndex, 'rootsOf'>;
  relations?: Pick<WorkspaceRelations, 'workloads'>;
  hooks?: RuleHooks;
  /** The document's engine cache (DocumentLinter.cacheFor): the whole lint reuses what the preview linted. */
  cacheFor(uri: string): DocumentCache;
  /** Drop what a preview whose didOpen never came left (DocumentLinter.forget, VisibleRanges.forget). */
  forget(uri: string): void;
  visible: Pick<VisibleRanges, 'set'>;
  converter: Pick<DiagnosticConverter, 'convertYamlDocuments'>;
  publish(params: PublishDiagnosticsParams): void;
}

export class OpenPreviews {
  /** Previewed documents not opened yet, oldest first. */
  private readonly pending: string[] = [];

  constructor(private readonly deps: OpenPreviewDeps) {}

  /** Handle a preview request: true when diagnostics were published. Never throws. */
  async preview(raw: unknown): Promise<boolean> {
    const p = openPreviewParams(raw);
    if (!p) return false;
    const { uri } = p.textDocument;
    if (this.deps.documents.get(uri)) return false; // open already: its text is newer than this preview
    try {
      const settings = p.settings !== undefined ? resolveSettings(p.settings).settings : await this.deps.settings.get(uri);
      // The didOpen may have come while the settings were pulled: its lint takes over.
      const engine = this.deps.documents.get(uri) ? undefined : this.engineSettings(uri, p, settings);
      if (!engine) return false;
      this.deps.visible.set({ uri, ranges: p.ranges });
      return this.lintAndPublish(p, engine, settings.maxDiagnosticsPerFile);
    } catch {
      return false;
    }
  }

  /** The document opened: its cache is the linter's now. */
  opened(uri: string): void {
    const i = this.pending.indexOf(uri);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** The settings the document is linted with (as DocumentLinter's plan), or undefined when the preview is not linted. */
  private engineSettings(uri: string, p: OpenPreviewParams, settings: ServerSettings): EngineSettings | undefined {
    if (!settings.enable || p.textDocument.languageId !== 'yaml' || documentKind(uri, 'yaml', p.text) !== 'yaml' || !countsLines(p.text)) return undefined;
    const path = projectPathOf(uri);
    if (path !== undefined && (this.deps.project?.rootsOf(path).length ?? 0) > 0) return undefined;
    const configs = this.deps.configs;
    if (!configs) return settings.engine;
    if (configs.isConfigDocument(uri)) return undefined;
    const r = configs.resolve(uri, settings.engine);
    return r.ignored ? undefined : r.settings;
  }

  private lintAndPublish(p: OpenPreviewParams, engine: EngineSettings, max: number): boolean {
    const { uri, version } = p.textDocument;
    const workloads = this.deps.relations?.workloads();
    const options = { ...this.deps.hooks, settings: engine, cache: this.keepCache(uri), fileName: uriPath(uri).split('/').pop(), ...(workloads ? { workloads } : {}) };
    // The shown lines as window offsets (clipped to the window).
    const lines = p.ranges.flatMap((r) => [r.start.line, r.end.line + 1].map((l) => Math.max(0, l - p.line)));
    const at = lineStarts(p.text, lines);
    const spans = p.ranges.map((_, i) => ({ start: at[2 * i]!, end: at[2 * i + 1]! })).filter((s) => s.end > s.start);
    const chunks = lintYamlWindow(p.text, { atStart: p.offset === 0, atEnd: p.offset + p.text.length === p.length }, options, spans);
    if (!chunks || chunks.length === 0) return false;
    const starts = linesAt(p.text, chunks.map((c) => c.offset));
    const lineOf = new Map(chunks.map((c, i) => [p.offset + c.offset, p.line + starts[i]!]));
    const inFile = chunks.map((c) => ({ ...c, offset: p.offset + c.offset }));
    this.deps.publish({ uri, version, diagnostics: this.deps.converter.convertYamlDocuments(inFile, (o) => lineOf.get(o)!, version, max, uri) });
    return true;
  }

  /** The document's cache, remembered as pending; the oldest pending previews that never opened lose theirs. */
  private keepCache(uri: string): DocumentCache {
    this.opened(uri);
    this.pending.push(uri);
    while (this.pending.length > MAX_PENDING) {
      const old = this.pending.shift()!;
      if (!this.deps.documents.get(old)) this.deps.forget(old);
    }
    return this.deps.cacheFor(uri);
  }
}
