/**
 * The Helm charts of the workspace, rendered for the relation judgement in the
 * editor (project-relations.ts; docs/helm.md and docs/relations.md): their
 * objects are members of the project as `shipshape scan` makes them, and their
 * templates are never plain YAML of the project.
 *
 * A chart is a folder with a Chart.yaml among the index's YAML files (a
 * subchart in `charts/` is rendered with the chart above it), rendered with
 * its values.yaml and the values files `.shipshape.yaml` names (`helm.valuesFiles`,
 * lint-project.ts configuredHelm), in the release's namespace.
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
import { buildCharts, projectCharts } from '../engine/project/helm-lint';
import { chartObjects, type IndexedObject } from '../engine/project/index';
import { configuredHelm } from '../engine/project/lint-project';
import type { ProjectHost, ProjectPath } from '../engine/project/types';

export interface WorkspaceChartsDeps {
  host: ProjectHost;
  /** The workspace's YAML files (the index's list): its charts are the folders of the Chart.yaml files among them. */
  yamlFiles(): ReadonlySet<ProjectPath>;
  /** The open documents' paths. */
  openPaths(): Iterable<ProjectPath>;
  /** The version of the open document at `path` (undefined: not open, its text is the disk's). */
  version(path: ProjectPath): number | undefined;
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
   * Chart.yaml's settings); true when some chart's objects changed (rendered again, added or removed).
   */
  refresh(settingsFor: (path: ProjectPath) => EngineSettings | undefined): boolean {
    const { host } = this.deps;
    const options = configuredHelm({}, settingsFor, host);
    const dirs = new Set(projectCharts(host, [...this.deps.yamlFiles()].filter(isChartFile)));
    let changed = false;
    for (const dir of [...this.charts.keys()]) {
      if (dirs.has(dir)) continue;
      this.charts.delete(dir);
      changed = true;
    }
    const open = [...this.deps.openPaths()];
    for (const dir of dirs) {
      if (!settingsFor(`${dir}/Chart.yaml`)) {
        changed = this.charts.delete(dir) || changed;
        continue;
      }
      const values = options.valuesFiles?.(dir) ?? [];
      const kubeVersion = options.kubeVersionOf?.(dir);
      const signature = this.signature(dir, values, kubeVersion, open);
      if (this.charts.get(dir)?.signature === signature) continue;
      let build: HelmBuild | undefined;
      try {
        build = buildCharts(host, [`${dir}/Chart.yaml`], { valuesFiles: () => values, ...(kubeVersion ? { kubeVersion } : {}) })[0];
      } catch {
        // buildChart never throws; a chart that cannot be rendered adds no objects (its files' lint reports why)
      }
      this.charts.set(dir, { build: build ?? emptyBuild(dir), objects: build ? chartObjects(build) : [], signature });
      changed = true;
    }
    return changed;
  }

  /** The rendered charts' objects. */
  objects(): IndexedObject[] {
    return [...this.charts.values()].flatMap((e) => e.objects);
  }

  /** Whether a file is a template of a rendered chart (never a plain YAML file of the project). */
  isTemplate(path: ProjectPath): boolean {
    for (const { build } of this.charts.values()) if (build.templates.has(path)) return true;
    return false;
  }

  /** What a chart is rendered with: its values files, the Kubernetes version, the open documents in its folder or among its values files. */
  private signature(dir: ProjectPath, values: readonly ProjectPath[], kubeVersion: string | undefined, open: readonly ProjectPath[]): string {
    const read = open.filter((p) => p.startsWith(`${dir}/`) || values.includes(p)).sort();
    return JSON.stringify([values, kubeVersion ?? '', read.map((p) => [p, this.deps.version(p) ?? -1])]);
  }
}

function emptyBuild(dir: ProjectPath): HelmBuild {
  return { dir, file: `${dir}/Chart.yaml`, valuesFiles: [], namespace: 'default', objects: [], problems: [], templates: new Set(), rendered: new Set() };
}
