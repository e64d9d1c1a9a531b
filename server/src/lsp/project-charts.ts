/**
 * The Helm charts of the workspace, rendered for the relation judgement in the
 * editor (project-relations.ts; docs/helm.md and docs/relations.md): their
 * objects are members of the project as `shipshape scan` makes them, and their
 * templates are never plain YAML of the project.
 *
 * A chart is a folder with a Chart.yaml among the index's YAML files (a
 * subchart in `charts/` is rendered with the chart above it), rendered with
 * its values.yaml and the values files `.shipshape.yaml` names (`helm.valuesFiles`,
 * helm-lint.ts configuredHelm), in the release's namespace.
 *
 * Kept cheap: a chart is rendered again only when a file in its folder or one
 * of its values files changed: on disk (`changed`, from the file watcher) or
 * in the editor (an open document's version differs from the one rendered),
 * or its options did; otherwise its objects (and what the rules derive from
 * their nodes) are kept.
 */
import type { EngineSettings } from '../engine';
import type { HelmBuild } from '../engine/helm/chart-build';
import { isChartFile } from '../engine/helm/chart-build';
import { buildCharts, projectCharts, type HelmProjectOptions } from '../engine/project/helm-lint';
import { chartObjects, type IndexedObject } from '../engine/project/index';
import { configuredHelm } from '../engine/project/helm-lint';
import type { ProjectHost, ProjectPath } from '../engine/project/types';

export interface WorkspaceChartsDeps {
  host: ProjectHost;
  /** The workspace's YAML files (the index's list): its charts are the folders of the Chart.yaml files among them. */
  yamlFiles(): ReadonlySet<ProjectPath>;
  /** The open documents' paths. */
  openPaths(): Iterable<ProjectPath>;
  /** The version of the open document at `path` (undefined: not open, its text is the disk's). */
  version(path: ProjectPath): number | undefined;
  /** The workspace folder of a path (what `shipshape.helm.valuesFiles` globs are relative to). */
  folderOf?(path: ProjectPath): ProjectPath | undefined;
}

interface ChartEntry {
  build: HelmBuild;
  objects: IndexedObject[];
  /** The options and the open documents' versions it was rendered with (see `signature`). */
  signature: string;
}

export class WorkspaceCharts {
  /** By chart folder. */
  private readonly charts = new Map<ProjectPath, ChartEntry>();

  constructor(private readonly deps: WorkspaceChartsDeps) {}

  /** A file changed on disk, was created, deleted or closed: the charts that read it render again. */
  changed(path: ProjectPath): void {
    for (const [dir, entry] of this.charts) if (path.startsWith(`${dir}/`) || entry.build.valuesFiles.includes(path)) this.charts.delete(dir);
  }

  /** Forget every rendered chart (the index was built again). */
  clear(): void {
    this.charts.clear();
  }

  /**
   * Renders the charts that changed since the last call (or whose options did: `settingsFor` gives each
   * Chart.yaml's settings, `helm` the editor's Helm options, as the files' lint takes them); true when some chart's
   * objects changed (rendered again, added or removed).
   */
  refresh(settingsFor: (path: ProjectPath) => EngineSettings | undefined, helm: HelmProjectOptions = {}): boolean {
    const { host } = this.deps;
    const options = configuredHelm(helm, settingsFor, host, (dir) => this.deps.folderOf?.(dir));
    const dirs = new Set(projectCharts(host, [...this.deps.yamlFiles()].filter(isChartFile)));
    let changed = false;
    for (const dir of [...this.charts.keys()]) {
      if (dirs.has(dir)) continue;
      this.charts.delete(dir);
      changed = true;
    }
    const open = [...this.deps.openPaths()];
    for (const dir of dirs) {
      // Ignored, or Helm turned off for it (`helm.enabled: false`): its files are linted alone, and it renders nothing.
      if (settingsFor(`${dir}/Chart.yaml`)?.helm?.enabled === false || !settingsFor(`${dir}/Chart.yaml`)) {
        changed = this.charts.delete(dir) || changed;
        continue;
      }
      const { values, kubeVersion, signature } = this.optionsOf(dir, options, open);
      if (this.charts.get(dir)?.signature === signature) continue;
      // Never throws: what keeps a chart from rendering is a problem of the build (its files' lint reports it).
      for (const build of buildCharts(host, [`${dir}/Chart.yaml`], { valuesFiles: () => values, ...(kubeVersion ? { kubeVersion } : {}) })) {
        this.charts.set(dir, { build, objects: chartObjects(build), signature });
        changed = true;
      }
    }
    return changed;
  }

  /** The rendered charts' objects. */
  objects(): IndexedObject[] {
    return [...this.charts.values()].flatMap((e) => e.objects);
  }

  /**
   * The chart in `dir` as rendered for the judgement, when it is current (the same options, the same open documents'
   * versions): what the lint of a chart file reuses instead of rendering it again. Undefined otherwise.
   */
  rendered(dir: ProjectPath, settingsFor: (path: ProjectPath) => EngineSettings | undefined, helm: HelmProjectOptions = {}): HelmBuild | undefined {
    const entry = this.charts.get(dir);
    if (!entry) return undefined;
    return entry.signature === this.optionsOf(dir, configuredHelm(helm, settingsFor, this.deps.host, (d) => this.deps.folderOf?.(d)), [...this.deps.openPaths()]).signature ? entry.build : undefined;
  }

  /** Whether a file is a template of a rendered chart (never a plain YAML file of the project). */
  isTemplate(path: ProjectPath): boolean {
    for (const { build } of this.charts.values()) if (build.templates.has(path)) return true;
    return false;
  }

  /**
   * What a chart is rendered with: its values files, the Kubernetes version, and (`signature`) those with the open
   * documents in its folder or among its values files and their versions.
   */
  private optionsOf(dir: ProjectPath, options: HelmProjectOptions, open: readonly ProjectPath[]): { values: readonly ProjectPath[]; kubeVersion: string | undefined; signature: string } {
    const values = options.valuesFiles?.(dir) ?? [];
    const kubeVersion = options.kubeVersionOf?.(dir);
    const read = open.filter((p) => p.startsWith(`${dir}/`) || values.includes(p)).sort();
    return { values, kubeVersion, signature: JSON.stringify([values, kubeVersion ?? '', read.map((p) => [p, this.deps.version(p) ?? -1])]) };
  }
}
