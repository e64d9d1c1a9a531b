/**
 * Helm charts in a project (see docs/helm.md): each chart is rendered in process (helm/chart-build.ts) and its
 * objects are linted as a kustomize build's are (map-findings.ts). A finding is reported at the values line when a
 * value from values set it, else at the template line, with the other as related information. Fixes move with the
 * finding: a scalar a values file wrote is edited there (a suggestion stays a suggestion), a missing key is added to
 * the values map the template renders with toYaml (helm-fix-map.ts), a literal of the template is edited in place;
 * otherwise no fix. Problems rendering (syntax, `required`/`fail`, unvendored dependencies) are `helm-render`
 * findings at their lines.
 */
import { effectiveSeverity, type EngineSettings, type HelmSettings } from '../config/settings';
import { globMatcher } from '../suppress/glob';
import { buildChart, isChartFile, type HelmBuild, type HelmBuildOptions } from '../helm/chart-build';
import { SYNTAX_RULES } from '../rules';
import type { RuleHooks } from '../run-rule';
import type { CustomWorkloads } from '../views/workloads';
import { clampToLine } from '../text';
import type { Finding } from '../types';
import { mapHelmFixes } from './helm-fix-map';
import { lintBuiltObject } from './map-findings';
import { basenameOf, dirnameOf, normalizePath, relativePath } from './paths';
import type { ProjectHost, ProjectPath } from './types';

export interface HelmProjectOptions {
  /** Extra values files for a chart (project paths), after its values.yaml. */
  valuesFiles?(chartDir: ProjectPath): readonly ProjectPath[];
  kubeVersion?: string;
  /** The Kubernetes version for a chart, when `kubeVersion` is not given. */
  kubeVersionOf?(chartDir: ProjectPath): string | undefined;
}

/** The charts of the project: folders whose Chart.yaml is among the files, or holds a given template. */
export function projectCharts(host: ProjectHost, files: readonly ProjectPath[]): ProjectPath[] {
  const dirs = new Set<ProjectPath>();
  for (const f of files) {
    const dir = chartDirOf(host, f, false);
    if (dir !== undefined) dirs.add(dir);
  }
  return [...dirs].sort();
}

/**
 * The folder of the (top) chart a file belongs to: its Chart.yaml, a template under its templates/, or (`values`) a
 * values file (values*.yaml) beside its Chart.yaml; undefined for any other file.
 */
export function chartDirOf(host: ProjectHost, f: ProjectPath, values = true): ProjectPath | undefined {
  let dir: ProjectPath | undefined;
  if (isChartFile(f)) dir = dirnameOf(f);
  else if (values && /^values.*\.ya?ml$/.test(basenameOf(f)) && host.readFile(`${dirnameOf(f)}/Chart.yaml`) !== undefined) dir = dirnameOf(f);
  else {
    const i = f.lastIndexOf('/templates/');
    if (i > 0 && host.readFile(`${f.slice(0, i)}/Chart.yaml`) !== undefined) dir = f.slice(0, i);
  }
  return dir === undefined ? undefined : topChart(dir, host);
}

/** A subchart (`<chart>/charts/<sub>`) is rendered as part of the chart above it. */
function topChart(dir: ProjectPath, host: ProjectHost): ProjectPath {
  let d = dir;
  for (let i = 0; i < 20; i++) {
    const up = dirnameOf(d);
    if (basenameOf(up) !== 'charts') return d;
    const chart = dirnameOf(up);
    if (host.readFile(`${chart}/Chart.yaml`) === undefined) return d;
    d = chart;
  }
  return d;
}

/** The charts of the files rendered; `rendered`: a chart already rendered with these options (the editor's), reused. */
export function buildCharts(host: ProjectHost, files: readonly ProjectPath[], options: HelmProjectOptions = {}, rendered?: (dir: ProjectPath) => HelmBuild | undefined): HelmBuild[] {
  return projectCharts(host, files).map((dir) => {
    const reused = rendered?.(dir);
    if (reused) return reused;
    const kubeVersion = options.kubeVersion ?? options.kubeVersionOf?.(dir);
    const opts: HelmBuildOptions = { valuesFiles: options.valuesFiles?.(dir) ?? [], ...(kubeVersion ? { kubeVersion: kubeVersion.startsWith('v') ? kubeVersion : `v${kubeVersion}` } : {}) };
    return buildChart(dir, host, opts);
  });
}

/** The findings of one chart, by the file they are reported in. Never throws. */
export function lintHelmBuild(
  build: HelmBuild,
  settingsFor: (path: ProjectPath) => EngineSettings | undefined,
  readText: (path: ProjectPath) => string | undefined,
  hooks: RuleHooks & { workloads?: CustomWorkloads } = {},
): Map<ProjectPath, Finding[]> {
  const out = new Map<ProjectPath, Finding[]>();
  const helm = { chart: build.file, values: [...build.valuesFiles] };
  const seen = new Set<string>();
  const add = (file: ProjectPath, f: Finding): void => {
    const key = `${file}\u0000${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = out.get(file) ?? [];
    list.push({ ...f, helm });
    out.set(file, list);
  };
  for (const object of build.objects) {
    const settings = settingsFor(object.source.file) ?? settingsFor(build.file);
    if (!settings) continue;
    try {
      for (const m of lintBuiltObject(object, settings, readText, hooks, mapHelmFixes(readText))) if (settingsFor(m.file)) add(m.file, m.finding);
    } catch (e) {
      const meta = SYNTAX_RULES.internalError.meta;
      add(object.source.file, { ruleId: meta.id, severity: 'error', message: `helm lint failed (${e instanceof Error ? e.name : 'error'})`, span: object.source.span });
    }
  }
  const meta = SYNTAX_RULES.helmRender.meta;
  for (const p of build.problems) {
    const settings = settingsFor(p.file) ?? settingsFor(build.file);
    const severity = settings ? effectiveSeverity(meta, settings) : 'off';
    if (severity === 'off') continue;
    const text = readText(p.file) ?? '';
    add(p.file, { ruleId: meta.id, severity: p.severity === 'info' ? 'info' : severity, message: p.message, span: clampToLine(text, p.span.start, p.span.end) });
  }
  return out;
}

/**
 * Helm options with the `helm` settings (editor settings, then `.shipshape.yaml`) of each chart's Chart.yaml where
 * the caller gave none (values files relative to the chart's folder, those the chart has).
 */
export function configuredHelm(
  helm: HelmProjectOptions,
  settingsFor: (path: ProjectPath) => EngineSettings | undefined,
  host: ProjectHost,
  /** The folder a chart's `valuesFiles` globs are relative to (the workspace folder; undefined: the chart's path as it is). */
  rootOf: (chartDir: ProjectPath) => ProjectPath | undefined = () => undefined,
): HelmProjectOptions {
  return {
    ...helm,
    valuesFiles: (dir) => {
      const given = helm.valuesFiles?.(dir);
      if (given && given.length > 0) return given;
      const configured = chartValuesFiles(settingsFor(`${dir}/Chart.yaml`)?.helm?.valuesFiles, dir, rootOf(dir));
      return configured.map((v) => normalizePath(`${dir}/${v}`)).filter((p) => host.readFile(p) !== undefined);
    },
    kubeVersionOf: (dir) => helm.kubeVersion ?? settingsFor(`${dir}/Chart.yaml`)?.helm?.kubeVersion,
  };
}

/** `dir/` as `dir` (a loop: `/\/+$/` is quadratic on a long run of slashes). */
function withoutTrailingSlashes(glob: string): string {
  let end = glob.length;
  while (end > 0 && glob.charCodeAt(end - 1) === 0x2f) end--;
  return glob.slice(0, end);
}

/**
 * A chart's configured values files: a list applies to every chart; an object's first key (a glob on the chart's
 * folder relative to `root`, the workspace folder) that matches the chart gives its list.
 */

export function chartValuesFiles(configured: HelmSettings['valuesFiles'], dir: ProjectPath, root: ProjectPath | undefined): readonly string[] {
  if (configured === undefined) return [];
  if (Array.isArray(configured)) return configured as readonly string[];
  const rel = root === undefined ? dir : relativePath(root, dir);
  for (const [glob, files] of Object.entries(configured as Readonly<Record<string, readonly string[]>>)) {
    if (globMatcher(withoutTrailingSlashes(glob))(rel)) return files;
  }
  return [];
}
