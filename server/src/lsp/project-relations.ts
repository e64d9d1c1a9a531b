/**
 * The relation rules in the editor (docs/relations.md): the judgement of the
 * whole workspace project, as `shipshape scan` makes it, applied to each open
 * YAML file when it is linted.
 *
 * The project is what the background index (project-index.ts) lists: the
 * plain YAML files of the workspace folders (without `files.exclude`d,
 * `ignorePaths`-ignored, `.git` and `node_modules` files), the root
 * kustomize builds and the rendered Helm charts (project-charts.ts; their
 * templates are not plain files). Kept cheap for every edit:
 * - each plain file is parsed once and kept (its objects' nodes, not its
 *   text) until it changes: on disk (a watcher event), or in the editor (the
 *   open document's version differs from the one parsed);
 * - each root build is kept until one of the files it read changes, each
 *   chart until a file of its folder or a values file it read changes;
 * - the relation rules run again only when some file's objects changed (or
 *   the settings did); every open file takes its findings from that one run;
 *   what they derive from each object (its pod template, the Pod Security
 *   controls it fails) is kept with the object's nodes (ProjectMemo).
 * After a run, the open files whose relation findings changed (editing a Role
 * changes the findings of the binding's file) are re-linted.
 *
 * The images the workspace builds (compose files, skaffold configs,
 * Dockerfiles; project-images.ts) are the project's `images`: an edit of an
 * open Dockerfile judges again like an edit of a YAML file.
 *
 * The files are read in the background once the index is ready; until then
 * there is no judgement (files are linted alone, or with the kustomize builds
 * reading them).
 */
import type { EngineSettings, Finding, RuleHooks } from '../engine';
import { buildKustomization } from '../engine/project/kustomize/build';
import { indexedObject, plainObjects, ProjectIndex as ObjectIndex, ProjectMemo, type IndexedObject } from '../engine/project/index';
import { MAX_INDEXED_FILE } from '../engine/project/lint-project';
import { dirnameOf } from '../engine/project/paths';
import { applyRelations, runRelationRules, type RelationResult } from '../engine/project/relations';
import { composeLinks, mayBeCompose } from '../engine/project/images/built-images';
import type { ImageLink } from '../engine/project/images/types';
import { imageHoverAt } from '../engine/project/relations/image-containers';
import type { KustomizeBuild, ProjectPath } from '../engine/project/types';
import type { HelmBuild } from '../engine/helm/chart-build';
import type { HelmProjectOptions } from '../engine/project/helm-lint';
import type { Span } from '../engine/types';
import type { CustomWorkloads } from '../engine/views/workloads';
import { WorkspaceCharts } from './project-charts';
import { WorkspaceImages } from './project-images';
import { projectPathOf, type ProjectIndex } from './project-index';

export interface WorkspaceRelationsDeps {
  /** The workspace index: its files, root builds, open documents and their texts. */
  index: Pick<ProjectIndex, 'host' | 'ready' | 'yamlFiles' | 'rootFiles' | 'openUri' | 'openPaths' | 'dockerfileFiles' | 'folderOf'>;
  /** The version of an open document, by URI (undefined: not open). */
  openVersion(uri: string): number | undefined;
  /** Re-lint an open document (its relation findings changed). */
  relint(uri: string): void;
  /** Delay before a change on disk is judged (ms; several events at once are judged together). */
  settleMs?: number;
}

/** How the rules are run: settings and hooks of the file being linted (see DocumentLinter). */
export interface JudgeOptions {
  /** A file's settings (undefined: ignored). */
  settingsFor(path: ProjectPath): EngineSettings | undefined;
  /** The settings rules are created with. */
  projectSettings: EngineSettings;
  hooks: RuleHooks;
  /** Identifies the settings (a new key runs the rules again). */
  key: string;
  /** The editor's Helm options, as the files' lint takes them (default: values.yaml and `.shipshape.yaml`'s `helm`). */
  helm?: HelmProjectOptions;
}

interface PlainEntry {
  /** The open document's version it was parsed at (undefined: the disk's text). */
  version: number | undefined;
  objects: IndexedObject[];
  /** The images a compose file builds. */
  links: ImageLink[];
}

interface BuildEntry {
  build: KustomizeBuild;
  objects: IndexedObject[];
  /** Every file the build read, with its open document's version then. */
  versions: Map<ProjectPath, number | undefined>;
}

interface Judgement {
  result: RelationResult;
  key: string;
  /** Per file, what its relation findings and replacements are (to tell which open files to re-lint). */
  signatures: Map<ProjectPath, string>;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
/** Longest stretch of reading files before yielding to the event loop (ms). */
const SLICE_MS = 20;

/** What a file's relation judgement is, as a comparable string. */
function signaturesOf(result: RelationResult): Map<ProjectPath, string> {
  const out = new Map<ProjectPath, string>();
  const add = (file: ProjectPath, part: string): void => void out.set(file, `${out.get(file) ?? ''}${part}\n`);
  for (const { file, finding: f, builds } of result.findings) {
    const related = (f.related ?? []).map((r) => `${r.file ?? ''}:${r.span.start}:${r.span.end}:${r.message}`).join('|');
    add(file, `${f.ruleId}:${f.severity}:${f.span.start}:${f.span.end}:${f.message}:${related}:${builds.join(',')}`);
  }
  for (const r of result.replaced) add(r.file, `-${r.ruleId}:${r.kind}:${r.name ?? ''}:${r.builds.join(',')}`);
  return out;
}

export class WorkspaceRelations {
  private readonly plain = new Map<ProjectPath, PlainEntry>();
  private readonly builds = new Map<ProjectPath, BuildEntry>();
  private objects: ObjectIndex | undefined;
  /** What the rules derived from the objects' nodes: kept across judgements for the objects of unchanged files. */
  private readonly memo = new ProjectMemo();
  /** The images the workspace builds, and its parsed Dockerfiles. */
  private readonly images: WorkspaceImages;
  /** The workspace's rendered Helm charts. */
  private readonly charts: WorkspaceCharts;
  /** The texts of the files the last judgement reported in (see `current`). */
  private texts = new Map<ProjectPath, { version: number | undefined; text: string | undefined }>();
  private judgement: Judgement | undefined;
  /** The signature each open document was last linted with, by URI. */
  private readonly used = new Map<string, string>();
  private last: JudgeOptions | undefined;
  /** The custom workloads' key the open documents were last linted with. */
  private workloadsKey = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the files were read since the index was last built (see `reindexed`), and which reading is current. */
  private read = false;
  private generation = 0;

  constructor(private readonly deps: WorkspaceRelationsDeps) {
    const { index } = deps;
    this.images = new WorkspaceImages({
      dockerfiles: () => index.dockerfileFiles(),
      version: (path) => this.version(path),
      readText: (path) => index.host.readFile(path),
      folderOf: (path) => index.folderOf(path),
    });
    this.charts = new WorkspaceCharts({ host: index.host, yamlFiles: () => index.yamlFiles(), openPaths: () => index.openPaths(), version: (path) => this.version(path), folderOf: (path) => index.folderOf(path) });
  }

  /**
   * The workspace's relation judgement for linting open document `uri` (its
   * findings are `findingsIn(result, path)`), or undefined before the index
   * is first ready. Other open documents whose judgement changed are re-linted.
   */
  judge(uri: string, options: JudgeOptions): RelationResult | undefined {
    this.last = options;
    if (!this.deps.index.ready || !this.read) {
      // While the folders are indexed again, the last judgement stands (no findings come and go meanwhile);
      // before the first, none: the document is re-linted once the index is ready if its judgement has findings.
      const path = projectPathOf(uri);
      if (!this.used.has(uri)) this.used.set(uri, this.judgement && path !== undefined ? (this.judgement.signatures.get(path) ?? '') : '');
      return this.judgement?.result;
    }
    const { judgement, moved } = this.current(options);
    const path = projectPathOf(uri);
    this.used.set(uri, path === undefined ? '' : (judgement.signatures.get(path) ?? ''));
    if (moved) this.relintChanged(judgement, uri);
    return judgement.result;
  }

  /** The custom workloads of the workspace's CRDs (as of the last judgement), or undefined before the first. */
  workloads(): CustomWorkloads | undefined {
    return this.objects?.customWorkloads();
  }

  /**
   * The chart in folder `dir` as the last judgement rendered it, when it is still current (see
   * WorkspaceCharts.rendered): the lint of a chart file reuses it instead of rendering the chart again.
   */
  renderedChart(dir: ProjectPath): HelmBuild | undefined {
    return this.last && this.read ? this.charts.rendered(dir, this.last.settingsFor, this.last.helm) : undefined;
  }

  /** A file changed on disk, was created, deleted or closed: judge again (after a short delay). */
  changed(path: ProjectPath): void {
    this.plain.delete(path);
    this.images.changed(path);
    this.charts.changed(path);
    this.texts.delete(path);
    for (const [root, entry] of this.builds) if (root === path || entry.versions.has(path)) this.builds.delete(root);
    this.settle();
  }

  /**
   * The index was (re)built (folders, `ignorePaths`): every file is read
   * again in the background, then the open documents whose judgement changed
   * are re-linted. (The last judgement and its custom workloads stand until
   * then.) Resolves when done or superseded by a later call.
   */
  async reindexed(): Promise<void> {
    const generation = ++this.generation;
    this.read = false;
    this.plain.clear();
    this.texts.clear();
    this.builds.clear();
    this.images.clear();
    this.charts.clear();
    // Read in the background, yielding to the event loop: a large workspace never blocks a lint (or the server).
    let deadline = performance.now() + SLICE_MS;
    const pause = async (): Promise<boolean> => {
      if (performance.now() < deadline) return true;
      await new Promise((resolve) => setImmediate(resolve));
      deadline = performance.now() + SLICE_MS;
      return generation === this.generation;
    };
    for (const root of this.deps.index.rootFiles()) {
      if (!this.builds.has(root)) this.builds.set(root, this.build(root));
      if (!(await pause())) return;
    }
    for (const path of this.deps.index.yamlFiles()) {
      if (!this.plain.has(path)) this.plain.set(path, this.parse(path));
      if (!(await pause())) return;
    }
    this.read = true;
    this.objects = undefined;
    this.settle();
  }

  /**
   * What a hover at `offset` of open document `uri` shows of the image the project builds there (`Built from
   * services/api/Dockerfile (skaffold.yaml artifact)`), judged as the document is now; undefined elsewhere, or
   * before the first judgement.
   */
  imageHover(uri: string, offset: number): { text: string; span: Span } | undefined {
    const path = projectPathOf(uri);
    if (path === undefined || !this.last || !this.deps.index.ready || !this.read) return undefined;
    const { judgement, moved } = this.current(this.last);
    if (moved) this.relintChanged(judgement, undefined);
    const hover = this.objects && imageHoverAt(this.objects, path, offset);
    return hover && { text: hover.text, span: hover.span };
  }

  /** Settings or a `.shipshape.yaml` changed: the rules run again (the files' objects stay). */
  reset(): void {
    this.judgement = undefined;
  }

  /** A document closed: it is no longer re-linted. */
  forget(uri: string): void {
    this.used.delete(uri);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private settle(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.last || !this.deps.index.ready || !this.read) return;
      const { judgement, moved } = this.current(this.last);
      if (moved) this.relintChanged(judgement, undefined);
    }, this.deps.settleMs ?? 50);
  }

  /**
   * Open documents linted with another judgement of their file than
   * `judgement`'s; all of them (but `linting`) when the custom workloads changed
   * (a CRD now embeds a pod, or no longer does: its resources are linted anew).
   */
  private relintChanged(judgement: Judgement, linting: string | undefined): void {
    const workloads = this.objects?.customWorkloads().key ?? '';
    const all = workloads !== this.workloadsKey;
    this.workloadsKey = workloads;
    for (const [uri, signature] of this.used) {
      const path = projectPathOf(uri);
      if (uri !== linting && path !== undefined && (all || (judgement.signatures.get(path) ?? '') !== signature)) this.deps.relint(uri);
    }
  }

  /**
   * The judgement of the project as it is now (the last one when nothing
   * changed); `moved`: some file's objects changed since the last judgement.
   * Only then are other documents re-linted: a judgement made again with
   * another document's settings is that document's, not news for the others.
   */
  private current(options: JudgeOptions): { judgement: Judgement; moved: boolean } {
    const changed = this.refresh(options);
    if (this.judgement && !changed && this.judgement.key === options.key) return { judgement: this.judgement, moved: false };
    const host = this.deps.index.host;
    // The texts findings are reported in (to place them on one line), kept for the next judgement while unchanged.
    const texts = new Map<ProjectPath, { version: number | undefined; text: string | undefined }>();
    const readText = (p: ProjectPath): string | undefined => {
      let entry = texts.get(p);
      if (!entry) {
        const version = this.version(p);
        const kept = this.texts.get(p);
        entry = kept && kept.version === version ? kept : { version, text: host.readFile(p) };
        texts.set(p, entry);
      }
      return entry.text;
    };
    const result = runRelationRules(this.objects!, { ...options.hooks, settingsFor: options.settingsFor, projectSettings: options.projectSettings, readText });
    this.texts = texts;
    this.judgement = { result, key: options.key, signatures: signaturesOf(result) };
    return { judgement: this.judgement, moved: changed };
  }

  private version(path: ProjectPath): number | undefined {
    const uri = this.deps.index.openUri(path);
    return uri === undefined ? undefined : this.deps.openVersion(uri);
  }

  /** Reads what changed since the last call; true when the object index changed. */
  private refresh(options: JudgeOptions): boolean {
    const { index } = this.deps;
    let changed = this.objects === undefined;
    if (this.charts.refresh(options.settingsFor, options.helm)) changed = true;
    const roots = new Set(index.rootFiles());
    for (const root of [...this.builds.keys()]) {
      if (!roots.has(root)) {
        this.builds.delete(root);
        changed = true;
      }
    }
    for (const root of roots) {
      const entry = this.builds.get(root);
      if (entry && [...entry.versions].every(([p, v]) => this.version(p) === v)) continue;
      this.builds.set(root, this.build(root));
      changed = true;
    }
    const files = index.yamlFiles();
    for (const path of [...this.plain.keys()]) {
      if (!files.has(path)) {
        this.plain.delete(path);
        changed = true;
      }
    }
    for (const path of files) {
      const version = this.version(path);
      const entry = this.plain.get(path);
      if (entry && entry.version === version) continue;
      this.plain.set(path, this.parse(path));
      changed = true;
    }
    if (changed) this.objects = this.assemble();
    if (this.images.refresh() || changed) {
      this.objects!.images = this.images.images([...this.plain.values()].flatMap((e) => e.links), this.objects!.objects);
      changed = true;
    }
    return changed;
  }

  private build(root: ProjectPath): BuildEntry {
    let build: KustomizeBuild;
    try {
      build = buildKustomization(dirnameOf(root), this.deps.index.host);
    } catch {
      // The file's own lint reports the failure; the build adds no objects.
      build = { file: root, objects: [], problems: [], inputs: new Set([root]), patches: new Set(), resources: new Set(), kustomizations: new Set() };
    }
    const objects: IndexedObject[] = [];
    for (const b of build.objects) {
      const o = indexedObject(b, [root]);
      if (o) objects.push(o);
    }
    const versions = new Map<ProjectPath, number | undefined>();
    for (const p of new Set([root, ...build.inputs])) versions.set(p, this.version(p));
    return { build, objects, versions };
  }

  private parse(path: ProjectPath): PlainEntry {
    const version = this.version(path);
    const text = this.deps.index.host.readFile(path);
    const out: PlainEntry = { version, objects: [], links: [] };
    if (text === undefined || text.length > MAX_INDEXED_FILE) return out;
    try {
      for (const b of plainObjects(path, text)) {
        const o = indexedObject(b, []);
        if (o) out.objects.push(o);
      }
      if (mayBeCompose(text)) out.links = composeLinks(path, text);
    } catch {
      // the file's own lint reports what is wrong with it
    }
    return out;
  }

  /** The index of the plain files' objects that no build used (as lintProject's), the builds' and the charts' objects. */
  private assemble(): ObjectIndex {
    const sources = new Map<ProjectPath, Span[]>();
    const patches = new Set<ProjectPath>();
    for (const { build } of this.builds.values()) {
      for (const o of build.objects) {
        const list = sources.get(o.source.file) ?? [];
        list.push(o.source.span);
        sources.set(o.source.file, list);
      }
      for (const p of build.patches) patches.add(p);
    }
    const objects: IndexedObject[] = [];
    for (const [path, entry] of this.plain) {
      // A chart's template is judged as the chart renders it, never as a plain file.
      if (patches.has(path) || this.charts.isTemplate(path)) continue;
      const used = sources.get(path);
      for (const o of entry.objects) if (!used?.some((s) => overlaps(s, o.built.source.span))) objects.push(o);
    }
    for (const entry of this.builds.values()) objects.push(...entry.objects);
    objects.push(...this.charts.objects());
    return new ObjectIndex(objects, this.memo);
  }
}

/** The relation findings reported in `path`. */
export function findingsIn(result: RelationResult, path: ProjectPath): Finding[] {
  return result.findings.filter((r) => r.file === path).map((r) => r.finding);
}

/** Whether the judgement touches `path` (findings there, or its per-object findings replaced). */
export function touches(result: RelationResult, path: ProjectPath): boolean {
  return result.findings.some((r) => r.file === path) || result.replaced.some((r) => r.file === path);
}

/** A plain file's own findings with the judgement applied (see applyRelations). */
export function withJudgement(result: RelationResult, path: ProjectPath, text: string, own: readonly Finding[], settings: EngineSettings): Finding[] {
  return applyRelations(result, path, text, own, findingsIn(result, path), settings);
}
