/**
 * The language server's workspace project index (the project layer, see
 * engine/project/lint-project.ts and docs/kustomize.md): which kustomization
 * files the workspace folders hold and what each build reads.
 *
 * Indexing walks the folders in the background (yielding to the event loop),
 * skipping `.git`, `node_modules`, the client's `files.exclude` and files a
 * `.shipshape.yaml` ignores (`ignorePaths`). Memory stays bounded: only the
 * builds' input sets are kept, never the files' texts or built objects; a
 * file is read again (through `host`, which prefers an open document's
 * unsaved text over the disk) when a build needs it.
 *
 * An open file that some root build reads (a resource, a patch, a
 * kustomization) is linted with the project (DocumentLinter); `changed`
 * tells which open files to re-lint after a file changed. The walk also
 * lists the plain YAML files, whose objects the relation pass reads
 * (project-relations.ts keeps them, parsed, while they do not change), and
 * the Dockerfiles (and Containerfiles), which the image relation rules link
 * to the workloads running their images (project-images.ts).
 */
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineSettings, Finding, RuleHooks } from '../engine';
import { buildKustomization, isKustomizationFile } from '../engine/project/kustomize/build';
import { fileKindOf } from '../engine/file-kind';
import { lintProject, type ProjectLintOptions } from '../engine/project/lint-project';
import { chartDirOf } from '../engine/project/helm-lint';
import type { RelationResult } from '../engine/project/relations';
import { basenameOf, dirnameOf } from '../engine/project/paths';
import type { ProjectHost, ProjectPath } from '../engine/project/types';
import { DiskProjectHost, fromProjectPath, toProjectPath } from '../io/disk-project-host';
import type { WorkspaceFiles } from './host';

/** What the index keeps of one build: the sets of files it read. */
interface BuildInputs {
  inputs: ReadonlySet<ProjectPath>;
  kustomizations: ReadonlySet<ProjectPath>;
}

export interface IndexFolder {
  /** The folder's file system path. */
  path: string;
  /** Whether a path relative to the folder ("a/b.yaml", POSIX) is excluded by the client (`files.exclude`). */
  excluded(relative: string): boolean;
}

export interface ProjectIndexDeps {
  /** The unsaved text of an open document, by URI. */
  openText(uri: string): string | undefined;
  /** A `.shipshape.yaml` ignores the file (`ignorePaths`). */
  isIgnored(uri: string): boolean;
  /** Progress while indexing (files seen so far). */
  progress?(files: number): void;
  /** The files that are not open (default: the disk, `diskFiles()`; the web worker's host has none). */
  files?: WorkspaceFiles;
}

/** The disk as the index reads it (the language server's Node host). */
export function diskFiles(): WorkspaceFiles {
  const disk = new DiskProjectHost();
  return {
    readFile: (path) => disk.readFile(path),
    readDirectory: (path) => disk.readDirectory(path),
    gunzip: (path) => disk.gunzip(path),
    list: async (dir) => {
      try {
        return (await readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, directory: e.isDirectory(), file: e.isFile() }));
      } catch {
        return undefined;
      }
    },
  };
}

/** Folders never worth walking. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Directory entries between two yields to the event loop while indexing. */
const BATCH = 200;

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The project path of a `file:` URI, else undefined. */
export function projectPathOf(uri: string): ProjectPath | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toProjectPath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export class ProjectIndex {
  /** Reads files for builds: an open document's text, else the disk. */
  readonly host: ProjectHost;
  /** Open documents: project path -> URI (the client's spelling). */
  private readonly open = new Map<ProjectPath, string>();
  /** Every indexed plain YAML file (not a kustomization): the relation pass reads their objects (project-relations.ts). */
  private readonly yaml = new Set<ProjectPath>();
  /** Every indexed Dockerfile (or Containerfile): candidates of the image links (project-images.ts). */
  private readonly dockerfiles = new Set<ProjectPath>();
  /** Files created, changed or deleted on disk while the index was being walked (applied when the walk is done). */
  private readonly pending = new Set<ProjectPath>();
  /** Every indexed kustomization file -> what its build read. */
  private readonly builds = new Map<ProjectPath, BuildInputs>();
  /** Input file -> the root kustomizations whose builds read it. */
  private byInput = new Map<ProjectPath, Set<ProjectPath>>();
  private folders: IndexFolder[] = [];
  /** Bumped by every `index` call: an older walk stops. */
  private generation = 0;
  ready = false;

  private readonly files: WorkspaceFiles;

  constructor(private readonly deps: ProjectIndexDeps) {
    const disk = (this.files = deps.files ?? diskFiles());
    this.host = {
      readFile: (path) => {
        const uri = this.open.get(path);
        const text = uri !== undefined ? deps.openText(uri) : undefined;
        return text ?? disk.readFile(path);
      },
      readDirectory: (path) => disk.readDirectory(path),
      // Packaged subcharts (charts/*.tgz) are read where the files' host can decompress (not in the browser).
      ...(disk.gunzip ? { gunzip: (path: ProjectPath) => disk.gunzip?.(path) } : {}),
    };
  }

  opened(uri: string): void {
    const path = projectPathOf(uri);
    if (path === undefined) return;
    this.open.set(path, uri);
    // The editor opened it, so it exists: a file whose creation event is late (or was lost) joins the lists now.
    const kind = isKustomizationFile(basenameOf(path)) ? undefined : fileKindOf(path);
    if (this.ready && (kind === 'yaml' || kind === 'dockerfile') && this.isIndexed(path)) (kind === 'yaml' ? this.yaml : this.dockerfiles).add(path);
  }

  closed(uri: string): void {
    const path = projectPathOf(uri);
    if (path !== undefined && this.open.get(path) === uri) this.open.delete(path);
  }

  /** The URI of an open document. */
  openUri(path: ProjectPath): string | undefined {
    return this.open.get(path);
  }

  openPaths(): IterableIterator<ProjectPath> {
    return this.open.keys();
  }

  /** Number of indexed kustomization files. */
  get size(): number {
    return this.builds.size;
  }

  /** Walk the folders and build every kustomization found; resolves when done (or superseded by a later call). */
  async index(folders: readonly IndexFolder[]): Promise<void> {
    const generation = ++this.generation;
    this.folders = [...folders];
    this.ready = false;
    const found: ProjectPath[] = [];
    const yaml: ProjectPath[] = [];
    const dockerfiles: ProjectPath[] = [];
    let seen = 0;
    let sinceYield = 0;
    for (const folder of folders) {
      const stack: string[] = [''];
      while (stack.length > 0) {
        const rel = stack.pop()!;
        const entries = await this.files.list(join(folder.path, rel));
        if (generation !== this.generation) return;
        if (entries === undefined) continue;
        for (const e of entries) {
          const child = rel === '' ? e.name : `${rel}/${e.name}`;
          if (e.directory) {
            if (!SKIPPED_DIRS.has(e.name) && !folder.excluded(child)) stack.push(child);
            continue;
          }
          const kustomization = isKustomizationFile(e.name);
          const kind = kustomization ? undefined : fileKindOf(e.name);
          if (!e.file || (!kustomization && kind !== 'yaml' && kind !== 'dockerfile') || folder.excluded(child)) continue;
          const path = toProjectPath(join(folder.path, child));
          if (!this.deps.isIgnored(pathToFileURL(fromProjectPath(path)).href)) (kustomization ? found : kind === 'yaml' ? yaml : dockerfiles).push(path);
        }
        seen += entries.length;
        sinceYield += entries.length;
        this.deps.progress?.(seen);
        if (sinceYield >= BATCH) {
          sinceYield = 0;
          await yieldToEvents();
          if (generation !== this.generation) return;
        }
      }
    }
    this.yaml.clear();
    for (const file of yaml.sort()) this.yaml.add(file);
    this.dockerfiles.clear();
    for (const file of dockerfiles.sort()) this.dockerfiles.add(file);
    this.builds.clear();
    for (const file of found.sort()) {
      this.builds.set(file, this.build(file));
      await yieldToEvents();
      if (generation !== this.generation) return;
    }
    this.reindex();
    this.ready = true;
    // Files created or deleted while the walk ran (it may have passed their folder already): applied now.
    const pending = [...this.pending];
    this.pending.clear();
    for (const path of pending) this.changed(path, true);
  }

  /** The indexed plain YAML files (not kustomizations), in path order. */
  yamlFiles(): ReadonlySet<ProjectPath> {
    return this.yaml;
  }

  /** The indexed Dockerfiles and Containerfiles, in path order. */
  dockerfileFiles(): ReadonlySet<ProjectPath> {
    return this.dockerfiles;
  }

  /** The root kustomization files (those no other indexed kustomization includes). */
  rootFiles(): ProjectPath[] {
    const included = new Set<ProjectPath>();
    for (const [file, b] of this.builds) for (const k of b.kustomizations) if (k !== file) included.add(k);
    return [...this.builds.keys()].filter((f) => !included.has(f));
  }

  /** The root kustomizations whose builds read `path`, and the Chart.yaml of a Helm chart it belongs to (empty: lint the file alone). */
  rootsOf(path: ProjectPath): ProjectPath[] {
    const roots = [...(this.byInput.get(path) ?? [])];
    const chart = this.chartOf(path);
    return chart === undefined ? roots : [...roots, chart];
  }

  /**
   * The Chart.yaml of the Helm chart a file belongs to (a template, a values file, Chart.yaml), rendered with it; a
   * YAML file in a subfolder of a chart (not `crds/`): a values file the settings may pick (`ci/prod-values.yaml`).
   */
  private chartOf(path: ProjectPath): ProjectPath | undefined {
    const dir = chartDirOf(this.host, path) ?? this.chartAbove(path);
    return dir === undefined ? undefined : `${dir}/Chart.yaml`;
  }

  /**
   * The chart folder a few levels above a YAML file that may be one of its extra values files: a Chart.yaml the walk
   * indexed (no file is read for it: in the web worker each read is a request to the editor).
   */
  private chartAbove(path: ProjectPath): ProjectPath | undefined {
    if (fileKindOf(path) !== 'yaml' || isKustomizationFile(basenameOf(path))) return undefined;
    let dir = dirnameOf(path);
    for (let i = 0; i < 4; i++) {
      const up = dirnameOf(dir);
      if (up === dir || ['crds', 'templates', 'charts'].includes(basenameOf(dir))) return undefined;
      if (this.yaml.has(`${up}/Chart.yaml`)) return chartDirOf(this.host, `${up}/Chart.yaml`);
      dir = up;
    }
    return undefined;
  }

  /** The indexed folder holding `path` (build names in messages are relative to it). */
  folderOf(path: ProjectPath): ProjectPath | undefined {
    const folder = this.folderFor(fromProjectPath(path));
    return folder && toProjectPath(folder.path);
  }

  /**
   * The findings of file `path` as the project judges it (the CLI's project
   * scan): the root builds `roots` reading it are built and their findings
   * mapped to it; a patch is never linted as a whole object. `settingsFor`
   * gives other files' settings (undefined: ignored). `relations`: the
   * workspace's relation judgement (project-relations.ts), applied instead of
   * relating the objects of these builds alone.
   */
  lint(
    path: ProjectPath,
    roots: readonly ProjectPath[],
    settings: EngineSettings,
    settingsFor: (path: ProjectPath) => EngineSettings | undefined,
    hooks: RuleHooks & Pick<ProjectLintOptions, 'workloads' | 'renderedChart'>,
    relations?: RelationResult,
  ): Finding[] {
    const root = this.folderOf(path);
    const result = lintProject(this.host, [path, ...roots.filter((r) => r !== path)], {
      ...hooks,
      ...(root !== undefined ? { root } : {}),
      ...(relations ? { relationResult: relations } : {}),
      settingsFor: (p) => (p === path ? settings : settingsFor(p)),
    });
    return result.files.get(path) ?? [];
  }

  /**
   * A file was created, changed or deleted (on disk, or edited in the
   * editor). Rebuilds what changed in the index and returns the open
   * documents (URIs) to re-lint: those that the builds reading the file read,
   * before or after the change.
   */
  changed(path: ProjectPath, structural: boolean): string[] {
    const out = new Set<string>();
    const collect = (roots: ReadonlySet<ProjectPath>): void => {
      if (roots.size === 0) return;
      for (const [open, uri] of this.open) {
        if (open !== path && [...(this.byInput.get(open) ?? [])].some((r) => roots.has(r))) out.add(uri);
      }
    };
    collect(new Set(this.rootsOf(path)));
    // The open files of the same Helm chart render with the changed template or values file.
    const chart = this.chartOf(path);
    if (chart !== undefined) for (const [open, uri] of this.open) if (open !== path && this.chartOf(open) === chart) out.add(uri);
    if (structural && !this.ready) this.pending.add(path);
    const kind = isKustomizationFile(basenameOf(path)) ? undefined : fileKindOf(path);
    if (structural && this.ready && (kind === 'yaml' || kind === 'dockerfile')) {
      const list = kind === 'yaml' ? this.yaml : this.dockerfiles;
      if (this.host.readFile(path) === undefined) list.delete(path);
      else if (this.isIndexed(path)) list.add(path);
    }
    if (structural && this.ready) {
      const stale = [...this.builds].filter(([file, b]) => file === path || b.inputs.has(path)).map(([file]) => file);
      if (isKustomizationFile(basenameOf(path)) && !this.builds.has(path) && this.isIndexed(path)) stale.push(path);
      for (const file of stale) {
        if (this.host.readFile(file) === undefined) this.builds.delete(file);
        else this.builds.set(file, this.build(file));
      }
      this.reindex();
      collect(new Set([...this.rootsOf(path), ...stale.filter((f) => this.byInput.get(f)?.has(f))]));
    }
    return [...out];
  }

  /** Whether a path lies in an indexed folder and is neither excluded nor ignored. */
  private isIndexed(path: ProjectPath): boolean {
    const native = fromProjectPath(path);
    const folder = this.folderFor(native);
    if (!folder) return false;
    const rel = native.slice(folder.path.length).replace(/^[\\/]+/, '').split('\\').join('/');
    // As the walk: no skipped folder, and neither the file nor a folder above it excluded.
    const parts = rel.split('/');
    if (parts.some((s, i) => SKIPPED_DIRS.has(s) || folder.excluded(parts.slice(0, i + 1).join('/')))) return false;
    return !this.deps.isIgnored(pathToFileURL(native).href);
  }

  private folderFor(native: string): IndexFolder | undefined {
    return this.folders.find((f) => native.startsWith(f.path.endsWith(sep) ? f.path : `${f.path}${sep}`));
  }

  private build(file: ProjectPath): BuildInputs {
    try {
      const b = buildKustomization(dirnameOf(file), this.host);
      return { inputs: b.inputs, kustomizations: b.kustomizations };
    } catch {
      return { inputs: new Set([file]), kustomizations: new Set() };
    }
  }

  /** Roots (kustomizations no other one includes) and the input -> roots map. */
  private reindex(): void {
    const included = new Set<ProjectPath>();
    for (const [file, b] of this.builds) for (const k of b.kustomizations) if (k !== file) included.add(k);
    const byInput = new Map<ProjectPath, Set<ProjectPath>>();
    for (const [file, b] of this.builds) {
      if (included.has(file)) continue;
      for (const input of new Set([file, ...b.inputs])) {
        let set = byInput.get(input);
        if (!set) byInput.set(input, (set = new Set()));
        set.add(file);
      }
    }
    this.byInput = byInput;
  }
}
