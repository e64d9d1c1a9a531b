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
 *
 * The completed lint of a document's current version is kept (see
 * DocumentLint): it is what the diagnostics were made from, and code actions
 * take their findings and (lazily built) fixes from it instead of linting
 * again. Settings and `.shipshape.yaml` are resolved here, once per lint.
 */
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, fileKindOfText, lintText, type EngineSettings, type FileKind, type Finding, type RuleHooks, LineIndex } from '../engine';
import { lintYamlChunks, lintYamlSteps, type LintOptions } from '../engine/lint';
import { yamlLintFindings, type YamlLint } from '../engine/yaml-lint-result';
import { settingsKey } from '../engine/config/settings';
import type { RelationResult } from '../engine/project/relations';
import type { CustomWorkloads } from '../engine/views/workloads';
import { touches, withJudgement, type WorkspaceRelations } from './project-relations';
import { configFindings } from '../engine/config/config-file';
import type { ConfigResolver } from './config';
import { projectPathOf, type ProjectIndex } from './project-index';
import { fromProjectPath } from '../io/disk-project-host';
import { pathToFileURL } from 'node:url';
import type { DiagnosticConverter, OtherFile } from './diagnostics';
import type { CancelToken } from './scheduler';
import type { ServerLog } from './server-log';
import type { SettingsStore } from './settings';
import { countsLines, linesAt, type VisibleRanges } from './visible-ranges';
import type { AdaptiveDebounce } from './debounce';
import { lintYamlDocumentsAt } from '../engine/lint-first';
import type { Span } from '../engine';

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
  /** Longest stretch of synchronous YAML linting before the job yields to the event loop (default DEFAULT_SLICE_MS; 0: after every document linted). */
  sliceMs?: number;
  /** How the job yields (default: setImmediate, after pending I/O). Tests pass one they control. */
  yieldToEvents?: () => Promise<void>;
  /** The server's rule hooks, passed with every lint (see RuleHooks). */
  hooks?: RuleHooks;
  /** The output channel's log: settings in effect per document, slow lints. */
  log?: Pick<ServerLog, 'settings' | 'lintTook'>;
  /** The workspace's kustomize builds: a file a root build reads is linted with the project. */
  project?: Pick<ProjectIndex, 'rootsOf' | 'lint' | 'host' | 'openUri'>;
  /** What the editors show of each document: those YAML documents are linted and published first (see VisibleRanges). */
  visible?: Pick<VisibleRanges, 'spansOf' | 'seqOf'>;
  /** Times each completed lint, for the next edit's wait (see AdaptiveDebounce). */
  debounce?: Pick<AdaptiveDebounce, 'time'>;
  /** The workspace's relation judgement (relation rules over the whole project), applied to YAML files. */
  relations?: Pick<WorkspaceRelations, 'judge' | 'reset' | 'forget' | 'workloads' | 'renderedChart'>;
}

/**
 * A YAML lint that has more documents than this left to lint (not in the
 * document's cache) publishes the visible documents' findings first: on open,
 * after a settings change, or an edit that changed many documents.
 */
export const VISIBLE_FIRST_MIN_MISSES = 32;

/**
 * Default for LintJobDeps.sliceMs. A message that comes during a long lint (an edit, the next file's open preview)
 * waits up to this long; about 350 yields for a 10,000-document file cost well under 1% of its lint.
 */
export const DEFAULT_SLICE_MS = 10;

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

/**
 * One version of a document as the linter linted it: the one source of its
 * diagnostics and of its code actions' findings and fixes.
 */
export interface DocumentLint {
  readonly uri: string;
  readonly version: number;
  readonly kind: FileKind;
  /** The editor settings with the applicable `.shipshape.yaml` applied. */
  readonly settings: EngineSettings;
  readonly fileName?: string;
  /** The workspace's custom workloads the file was linted with (fix-all lints again with them). */
  readonly workloads?: CustomWorkloads;
  /** A YAML file's lint, document by document (chunk-relative findings). */
  readonly yaml?: YamlLint;
  /** A Dockerfile's findings, or a file's findings from the project (a file a kustomize build reads). */
  readonly findings?: readonly Finding[];
}

/** How a document is to be linted at one version, read once from settings and `.shipshape.yaml`. */
type Plan =
  | { readonly state: 'off' } // not linted: disabled, not a kind Shipshape lints, or ignored by a config
  | { readonly state: 'config'; readonly text: string; readonly settings: EngineSettings } // a .shipshape.yaml
  | { readonly state: 'lint'; readonly text: string; readonly kind: FileKind; readonly options: LintOptions & { settings: EngineSettings }; readonly max: number; readonly editor: EngineSettings };

export class DocumentLinter {
  /** One engine cache per open document, so an edit re-lints only the YAML documents that changed. */
  private readonly caches = new Map<string, DocumentCache>();
  /** Per open document, its last completed lint (see DocumentLint). */
  private readonly lints = new Map<string, DocumentLint>();
  /** Per open YAML document: where it was last edited (the offset of the first YAML document that changed). */
  private readonly focus = new Map<string, number>();
  /** Open documents whose whole diagnostics were published since they opened (or since settings changed). */
  private readonly published = new Set<string>();

  constructor(private readonly deps: LintJobDeps) {}

  /**
   * How to lint `uri` at `version`: its settings (awaited) with the applicable
   * `.shipshape.yaml`; undefined when the document closed or changed meanwhile.
   */
  private async plan(uri: string, version: number): Promise<Plan | undefined> {
    const { documents, settings: store } = this.deps;
    const settings = await store.get(uri);
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return undefined; // superseded while waiting
    const text = doc.getText();
    const kind = documentKind(uri, doc.languageId, text);
    if (kind === undefined) return { state: 'off' };
    const log = this.deps.log;
    if (!settings.enable) {
      log?.settings(uri, { notLinted: 'disabled' });
      return { state: 'off' };
    }
    const configs = this.deps.configs;
    // A .shipshape.yaml is checked against the configuration schema, not as a manifest.
    if (configs?.isConfigDocument(uri)) return { state: 'config', text, settings: settings.engine };
    let engine = settings.engine;
    let config: string | undefined;
    if (configs) {
      const r = configs.resolve(uri, engine);
      if (r.ignored) {
        log?.settings(uri, { notLinted: 'ignored', ...(r.config ? { config: r.config } : {}) });
        return { state: 'off' };
      }
      if (r.invalid) this.deps.onInvalidConfig?.(r.invalid.path, r.invalid.parsed.problems[0]?.message ?? 'invalid configuration');
      engine = r.settings;
      config = r.config;
    }
    log?.settings(uri, { engine, ...(config ? { config } : {}) });
    const fileName = uriPath(uri).split('/').pop();
    return { state: 'lint', text, kind, options: { ...this.deps.hooks, settings: engine, cache: this.cacheFor(uri), fileName }, max: settings.maxDiagnosticsPerFile, editor: settings.engine };
  }

  /**
   * The findings of a YAML file some root kustomize build reads, judged with
   * the project (ProjectIndex.lint); undefined for any other file (linted alone).
   */
  private projectFindings(uri: string, plan: Plan & { state: 'lint' }, judged: RelationResult | undefined): Finding[] | undefined {
    const project = this.deps.project;
    const path = project && plan.kind === 'yaml' ? projectPathOf(uri) : undefined;
    const roots = path !== undefined ? project!.rootsOf(path) : [];
    if (roots.length === 0) return undefined;
    const relations = this.deps.relations;
    const workloads = relations?.workloads();
    // A chart the judgement just rendered as the files are now is not rendered again.
    const renderedChart = relations && ((dir: string) => relations.renderedChart(dir));
    return project!.lint(path!, roots, plan.options.settings, this.settingsFor(plan), { ...this.deps.hooks, ...(workloads ? { workloads } : {}), ...(renderedChart ? { renderedChart } : {}) }, judged);
  }

  /** The plan's lint options with the workspace's custom workloads (CRDs whose schema embeds a pod), once judged. */
  private withWorkloads(plan: Plan & { state: 'lint' }): LintOptions & { settings: EngineSettings } {
    const workloads = plan.kind === 'yaml' ? this.deps.relations?.workloads() : undefined;
    return workloads ? { ...plan.options, workloads } : plan.options;
  }

  /** Other files' settings, as the document's editor settings and their `.shipshape.yaml` make them (undefined: ignored). */
  private settingsFor(plan: Plan & { state: 'lint' }): (path: string) => EngineSettings | undefined {
    const configs = this.deps.configs;
    return (p) => {
      if (!configs) return plan.editor;
      const r = configs.resolve(pathToFileURL(fromProjectPath(p)).href, plan.editor);
      return r.ignored ? undefined : r.settings;
    };
  }

  /** The workspace's relation judgement for a YAML document (undefined: none yet, or not YAML). */
  private judge(uri: string, plan: Plan & { state: 'lint' }): RelationResult | undefined {
    const relations = this.deps.relations;
    if (!relations || plan.kind !== 'yaml' || projectPathOf(uri) === undefined) return undefined;
    return relations.judge(uri, { settingsFor: this.settingsFor(plan), projectSettings: plan.editor, hooks: this.deps.hooks ?? {}, key: settingsKey(plan.editor) });
  }

  /** A plain YAML file's findings with the judgement applied, when it touches the file (else undefined: the lint's own findings stand). */
  private judged(uri: string, lint: YamlLint, text: string, settings: EngineSettings, judged: RelationResult | undefined): Finding[] | undefined {
    const path = projectPathOf(uri);
    if (!judged || path === undefined || !touches(judged, path)) return undefined;
    return withJudgement(judged, path, text, yamlLintFindings(lint), settings);
  }

  /** Related locations of project findings in other files: the open document's URI, else the file's; read as the builds read it. */
  private otherFile(): OtherFile {
    const project = this.deps.project;
    const indexes = new Map<string, { uri: string; index: LineIndex } | undefined>();
    return (file) => {
      if (!project) return undefined;
      if (!indexes.has(file)) {
        const text = project.host.readFile(file);
        indexes.set(file, text === undefined ? undefined : { uri: project.openUri(file) ?? pathToFileURL(fromProjectPath(file)).href, index: new LineIndex(text) });
      }
      return indexes.get(file);
    };
  }

  /** Scheduler job: lint `uri` at its current version and publish if still current. */
  readonly run = async (uri: string, token: CancelToken): Promise<void> => {
    const { documents, converter, publish } = this.deps;
    const opened = documents.get(uri);
    if (!opened) return;
    const version = opened.version;
    if (this.lints.get(uri)?.version !== version) this.lints.delete(uri); // an older version's lint is of no use now
    const plan = await this.plan(uri, version);
    if (token.cancelled || !plan) return; // superseded while waiting
    if (plan.state === 'off') {
      this.caches.delete(uri);
      this.lints.delete(uri);
      publish({ uri, version, diagnostics: [] });
      return;
    }
    if (plan.state === 'config') {
      publish({ uri, version, diagnostics: converter.convert(configFindings(plan.text, plan.settings), plan.text, version) });
      return;
    }
    const { text, kind, max } = plan;
    const stale = (): boolean => token.cancelled || documents.get(uri)?.version !== version;
    const started = performance.now();
    const timed = this.deps.debounce?.time(uri, text.length);
    let diagnostics: Diagnostic[];
    let found: number;
    const judged = this.judge(uri, plan);
    const options = this.withWorkloads(plan);
    const inProject = this.projectFindings(uri, plan, judged);
    if (inProject) {
      this.keep({ uri, version, kind, settings: options.settings, fileName: options.fileName, workloads: options.workloads, findings: inProject });
      diagnostics = converter.convert(inProject, text, version, { max }, uri, this.otherFile());
      found = inProject.length;
    } else if (kind === 'yaml') {
      const ahead = this.visibleFirst(uri, version, text, options, max);
      const lint = await this.lintYaml(text, options, stale, ahead);
      if (!lint) return; // superseded while linting
      if (lint.changedAt !== undefined) this.focus.set(uri, lint.changedAt);
      // Judged before the lint's own findings are published: a finding the judgement replaces is never shown alone.
      const withRelations = this.judged(uri, lint, text, options.settings, judged);
      if (withRelations) {
        this.keep({ uri, version, kind, settings: options.settings, fileName: options.fileName, workloads: options.workloads, findings: withRelations });
        diagnostics = converter.convert(withRelations, text, version, { max, focus: this.focus.get(uri) }, uri, this.otherFile());
        found = withRelations.length;
      } else {
        this.keep({ uri, version, kind, settings: options.settings, fileName: options.fileName, workloads: options.workloads, yaml: lint });
        diagnostics = converter.convertYaml(lint, text, version, { max, focus: this.focus.get(uri) }, uri);
        found = lint.whole ? lint.whole.length : lint.chunks.reduce((n, c) => n + c.result.findings.length, 0);
      }
    } else {
      const findings = lintText(text, kind, options);
      this.keep({ uri, version, kind, settings: options.settings, fileName: options.fileName, workloads: options.workloads, findings });
      diagnostics = converter.convert(findings, text, version, { max }, uri);
      found = findings.length;
    }
    this.deps.log?.lintTook(uri, performance.now() - started, text.length, found);
    // Never publish for a stale version (a Dockerfile is linted synchronously; this also guards later changes).
    if (stale()) return;
    timed?.();
    publish({ uri, version, diagnostics });
    this.published.add(uri);
  };

  /**
   * Visible first: lint the YAML documents the editors show of `uri` and
   * publish their findings, when the whole lint has much to do (more than
   * VISIBLE_FIRST_MIN_MISSES documents to lint) or nothing was published for
   * the document yet. Returns what the lint calls before it starts and at each
   * of its yields (true when it published): when the shown ranges changed
   * meanwhile (the client's notification came after didOpen, or the user
   * scrolled) and the lint is such a long one, the documents shown then are
   * linted and published too.
   */
  private visibleFirst(uri: string, version: number, text: string, options: LintOptions, max: number): (() => boolean) | undefined {
    const visible = this.deps.visible;
    if (!visible) return undefined;
    let seq = 0;
    let long = !this.published.has(uri);
    const spans: (Span & { line: number })[] = [];
    return () => {
      const now = visible.seqOf(uri);
      const doc = this.deps.documents.get(uri);
      if (now === seq || !doc || doc.version !== version) return false;
      seq = now;
      const shown = visible.spansOf(doc);
      if (!shown) return false;
      spans.push(...shown);
      const at = lintYamlDocumentsAt(text, options, spans, long ? 0 : VISIBLE_FIRST_MIN_MISSES + 1);
      if (!at || (!long && at.misses <= VISIBLE_FIRST_MIN_MISSES)) return false;
      long = true;
      const offsets = at.chunks.map((c) => c.offset);
      // Counted from the shown lines' starts: not a scan of the file up to them, nor the TextDocument's line index.
      const lines = countsLines(text) ? linesAt(text, offsets, spans.map((s) => ({ offset: s.start, line: s.line }))) : offsets.map((o) => doc.positionAt(o).line);
      const lineOf = new Map(at.chunks.map((c, i) => [c.offset, lines[i]!]));
      this.deps.publish({ uri, version, diagnostics: this.deps.converter.convertYamlDocuments(at.chunks, (o) => lineOf.get(o)!, version, max, uri) });
      return true;
    };
  }

  /**
   * The lint of the document's current version, for code actions: the one
   * the diagnostics came from when it is done, else (a code action on save
   * before the debounced lint ran) the lint done now, through the same cache
   * and kept for the diagnostics job. Undefined when Shipshape does not lint
   * the document, or it changed meanwhile.
   */
  async lintOf(uri: string): Promise<DocumentLint | undefined> {
    const doc = this.deps.documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const kept = this.lints.get(uri);
    if (kept?.version === version) return kept;
    const plan = await this.plan(uri, version);
    if (!plan || plan.state !== 'lint') return undefined;
    const again = this.lints.get(uri); // the diagnostics job may have finished meanwhile
    if (again?.version === version) return again;
    const { text, kind } = plan;
    const judged = this.judge(uri, plan);
    const options = this.withWorkloads(plan);
    const base = { uri, version, kind, settings: options.settings, fileName: options.fileName, workloads: options.workloads };
    const inProject = this.projectFindings(uri, plan, judged);
    if (inProject) return this.keep({ ...base, findings: inProject });
    if (kind !== 'yaml') return this.keep({ ...base, findings: lintText(text, kind, options) });
    const yaml = lintYamlChunks(text, options);
    const withRelations = this.judged(uri, yaml, text, options.settings, judged);
    return this.keep(withRelations ? { ...base, findings: withRelations } : { ...base, yaml });
  }

  private keep(lint: DocumentLint): DocumentLint {
    if (this.deps.documents.get(lint.uri)?.version === lint.version) this.lints.set(lint.uri, lint);
    return lint;
  }

  /** Lint YAML in slices; undefined when `stale()` turned true at a yield (the lint was abandoned). */
  private async lintYaml(text: string, options: LintOptions, stale: () => boolean, ahead?: () => boolean): Promise<YamlLint | undefined> {
    const sliceMs = this.deps.sliceMs ?? DEFAULT_SLICE_MS;
    const yieldNow = this.deps.yieldToEvents ?? yieldToEventLoop;
    // What `ahead` published goes out before the rest is linted.
    if (ahead?.()) {
      await yieldNow();
      if (stale()) return undefined;
    }
    const steps = lintYamlSteps(text, options);
    let deadline = performance.now() + sliceMs;
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      if (performance.now() < deadline) continue;
      await yieldNow();
      if (!stale() && ahead?.()) await yieldNow();
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
    this.lints.clear();
    this.published.clear();
    this.deps.relations?.reset();
  }

  /** A `.shipshape.yaml` changed: the kept lints were made with the settings it gave. */
  invalidate(): void {
    this.lints.clear();
    this.deps.relations?.reset();
  }

  /** A document closed: drop its cache and lint. */
  forget(uri: string): void {
    this.deps.relations?.forget(uri);
    this.caches.delete(uri);
    this.lints.delete(uri);
    this.focus.delete(uri);
    this.published.delete(uri);
  }

  /** The document's engine cache (its diagnostics' lints, code actions' rounds of fix-all and hardening). */
  cacheFor(uri: string): DocumentCache {
    let cache = this.caches.get(uri);
    if (!cache) {
      cache = this.deps.createCache?.() ?? new DocumentCache();
      this.caches.set(uri, cache);
    }
    return cache;
  }
}
