/**
 * Keeps the project index (project-index.ts) current for the language
 * server: indexes the workspace folders after `initialized`, with progress
 * (`window/workDoneProgress/create` + `$/progress`, when the client supports
 * it) and the client's `files.exclude`; registers a file watcher for YAML,
 * JSON and kustomization files (when the client supports dynamic
 * registration; and Dockerfiles); and on a file created, changed, deleted, closed or edited
 * in the editor, re-lints the open files the affected builds read. Its
 * WorkspaceRelations judges the indexed project with the relation rules.
 */
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type FileEvent, type InitializeParams } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../engine/config/settings';
import { fileKindOf } from '../engine/file-kind';
import { isKustomizationFile } from '../engine/project/kustomize/build';
import { basenameOf } from '../engine/project/paths';
import { globMatcher } from '../engine/suppress/glob';
import { filePathOf, type ConfigResolver } from './config';
import type { WorkspaceFiles } from './host';
import { ProjectIndex, projectPathOf, type IndexFolder } from './project-index';
import { WorkspaceRelations } from './project-relations';

export interface ProjectWatchDeps {
  connection: Connection;
  documents: { get(uri: string): { getText(): string; version: number } | undefined };
  configs: ConfigResolver;
  /** Re-lint an open document after `delay` ms (the server's scheduler). */
  schedule(uri: string, delay: number): void;
  error(message: string): void;
  info(message: string): void;
  /** The files that are not open (the server host's; default: the disk). */
  files?: WorkspaceFiles;
}

/**
 * Files the server watches for the project (kustomization files are YAML, or `Kustomization`; Dockerfiles and
 * Containerfiles as engine/file-kind.ts names them, for the image links; Helm partials, `*.tpl`, which the
 * charts rendered for the relation judgement read).
 */
export const PROJECT_WATCH_GLOBS = ['**/*.{yaml,yml,json}', '**/*.tpl', '**/Kustomization', '**/{Dockerfile,Containerfile}', '**/{Dockerfile,Containerfile}{.,-}*', '**/*.{Dockerfile,dockerfile,Containerfile}'];
/** Progress reports while indexing: at most one per this many directory entries. */
const REPORT_EVERY = 500;

export class ProjectWatcher {
  readonly index: ProjectIndex;
  /** The relation rules over the indexed workspace (project-relations.ts). */
  readonly relations: WorkspaceRelations;
  private folderUris: string[] = [];
  private canWatch = false;
  private canPullConfig = false;
  private readonly edits = new Map<string, ReturnType<typeof setTimeout>>();
  private lastReport = 0;
  private reporter: { report(message: string): void } | undefined;

  constructor(private readonly deps: ProjectWatchDeps) {
    this.index = new ProjectIndex({
      openText: (uri) => deps.documents.get(uri)?.getText(),
      isIgnored: (uri) => deps.configs.resolve(uri, DEFAULT_SETTINGS).ignored,
      ...(deps.files ? { files: deps.files } : {}),
      progress: (files) => {
        if (files - this.lastReport < REPORT_EVERY) return;
        this.lastReport = files;
        this.reporter?.report(`${files} files`);
      },
    });
    this.relations = new WorkspaceRelations({
      index: this.index,
      openVersion: (uri) => deps.documents.get(uri)?.version,
      relint: (uri) => deps.schedule(uri, 0),
    });
  }

  /** The workspace folders (`file:` URIs) being indexed. */
  get folders(): readonly string[] {
    return this.folderUris;
  }

  initialize(params: InitializeParams, folders: readonly string[]): void {
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canPullConfig = params.capabilities.workspace?.configuration === true;
    this.folderUris = [...folders];
  }

  /** After `initialized`: watch files, index the folders. */
  start(): void {
    if (this.canWatch) {
      const watchers = PROJECT_WATCH_GLOBS.map((globPattern) => ({ globPattern }));
      void this.deps.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e) => this.deps.error(`registering file watchers failed: ${String(e)}`));
    }
    void this.reindex();
  }

  setFolders(uris: readonly string[]): void {
    this.folderUris = [...uris];
    void this.reindex();
  }

  /** A `.shipshape.yaml` changed on disk: its `ignorePaths` may index other kustomizations now. */
  refresh(): void {
    void this.reindex();
  }

  private async reindex(): Promise<void> {
    const started = performance.now();
    const progress = await this.deps.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Shipshape: indexing kustomizations', undefined, 'scanning folders');
    this.lastReport = 0;
    this.reporter = progress && { report: (message) => progress.report(message) };
    try {
      const folders: IndexFolder[] = [];
      for (const uri of this.folderUris) {
        const path = filePathOf(uri);
        if (path !== undefined) folders.push({ path, excluded: await this.excludes(uri) });
      }
      await this.index.index(folders);
      if (!this.index.ready) return; // superseded by a later indexing
      void this.relations.reindexed().catch((e) => this.deps.error(`reading the workspace for relations failed: ${String(e)}`));
      this.deps.info(`project index: ${this.index.size} kustomization files in ${Math.round(performance.now() - started)} ms`);
    } catch (e) {
      this.deps.error(`indexing the workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      this.reporter = undefined;
      progress?.done();
    }
    for (const uri of this.openUris()) this.deps.schedule(uri, 0);
  }

  /** The client's `files.exclude` for a folder, as a matcher of folder-relative paths. */
  async excludes(uri: string): Promise<(relative: string) => boolean> {
    if (!this.canPullConfig) return () => false;
    try {
      const value: unknown = await this.deps.connection.workspace.getConfiguration({ scopeUri: uri, section: 'files.exclude' });
      if (!value || typeof value !== 'object') return () => false;
      const globs = Object.entries(value as Record<string, unknown>)
        .filter(([, on]) => on === true)
        .map(([glob]) => glob);
      return globMatcher(globs);
    } catch {
      return () => false;
    }
  }

  /** Open documents some root build reads (the relation judgement re-lints those it changes itself). */
  private openUris(): string[] {
    const out: string[] = [];
    for (const path of this.index.openPaths()) {
      const uri = this.index.openUri(path);
      if (uri !== undefined && this.index.rootsOf(path).length > 0) out.push(uri);
    }
    return out;
  }

  /** workspace/didChangeWatchedFiles: files created, changed or deleted on disk. */
  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const path = projectPathOf(change.uri);
      if (path === undefined) continue;
      const structural = change.type !== FileChangeType.Changed || isKustomizationFile(basenameOf(path));
      this.relint(path, structural, 0);
      this.relations.changed(path);
      if (structural && this.index.openUri(path) !== undefined) this.deps.schedule(change.uri, 0);
    }
  }

  /** An open document was edited (unsaved): after the debounce, re-lint what the builds reading it feed. */
  edited(uri: string, delay: number): void {
    const path = projectPathOf(uri);
    if (path === undefined) return;
    const pending = this.edits.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    this.edits.set(
      uri,
      setTimeout(() => {
        this.edits.delete(uri);
        try {
          this.relint(path, isKustomizationFile(basenameOf(path)), 0);
          // A Dockerfile is not linted with the project: its edit judges the workspace again (the image rules).
          if (fileKindOf(path) === 'dockerfile') this.relations.changed(path);
        } catch (e) {
          this.deps.error(`updating the project index failed: ${String(e)}`);
        }
      }, delay),
    );
  }

  /** An open document closed: its text on disk applies again. */
  closed(uri: string): void {
    const pending = this.edits.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    this.edits.delete(uri);
    this.index.closed(uri);
    const path = projectPathOf(uri);
    if (path === undefined) return;
    this.relint(path, isKustomizationFile(basenameOf(path)), 0);
    // Its text on disk applies again: the other open documents' judgement may change.
    this.relations.changed(path);
  }

  private relint(path: string, structural: boolean, delay: number): void {
    for (const uri of this.index.changed(path, structural)) this.deps.schedule(uri, delay);
  }
}
