/**
 * A Helm chart as a source of objects with provenance (as a kustomize build is one): the chart directory is read
 * through the ProjectHost, rendered in process (chart-render.ts) with the values files the user picked, and each
 * rendered manifest becomes a BuiltObject whose nodes name the template line or values line that wrote them
 * (provenance.ts). Template syntax and render errors, and dependencies that are not vendored, are problems at their
 * lines. Pure; never throws.
 */
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { joinPath } from '../project/paths';
import type { BuiltObject, ProjectHost, ProjectPath, ProjectProblem } from '../project/types';
import { renderChart } from './chart-render';
import { readValues, type GoMap, type ValuePositions } from './values';
import { renderedObjects } from './provenance';
import { checkValuesSchema } from './values-schema';

export interface HelmBuildOptions {
  /** Extra values files (project paths), applied in order over values.yaml. */
  valuesFiles?: readonly ProjectPath[];
  /** Kubernetes version for .Capabilities. */
  kubeVersion?: string;
  releaseName?: string;
  namespace?: string;
}

export interface HelmBuild {
  /** The chart's folder and its Chart.yaml. */
  dir: ProjectPath;
  file: ProjectPath;
  /** values.yaml (when it exists) and the extra values files, in the order applied. */
  valuesFiles: ProjectPath[];
  objects: BuiltObject[];
  problems: ProjectProblem[];
  /** Template files of the chart (all of them are judged as the chart, never as plain YAML). */
  templates: Set<ProjectPath>;
  /** Templates that were rendered (their "not checked" note goes away): without error, or with a render problem reported. */
  rendered: Set<ProjectPath>;
}

/** Files read from a chart, at most. */
const MAX_FILES = 2000;
const MAX_DEPTH = 12;

/** The chart's files (chart-relative path -> text), subcharts in `charts/` left out. */
export function readChartFiles(dir: ProjectPath, host: ProjectHost): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (rel: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.size >= MAX_FILES) return;
    const entries = host.readDirectory(rel === '' ? dir : joinPath(dir, rel)) ?? [];
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.directory) {
        if (path === 'charts' || e.name.startsWith('.')) continue;
        visit(path, depth + 1);
      } else if (out.size < MAX_FILES) {
        const text = host.readFile(joinPath(dir, path));
        if (text !== undefined) out.set(path, text);
      }
    }
  };
  visit('', 0);
  return out;
}

/** Line span at a node of a YAML text. */
function nodeSpan(node: Node | null | undefined): { start: number; end: number } {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 1 };
}

/** Dependencies in Chart.yaml that are not vendored in charts/: one info problem each (the chart renders without them). */
function dependencyProblems(chartFile: ProjectPath, text: string, dir: ProjectPath, host: ProjectHost): ProjectProblem[] {
  const doc = parseDocument(text);
  const deps = isMap(doc.contents) ? doc.contents.get('dependencies', true) : undefined;
  if (!isSeq(deps)) return [];
  const vendored = new Set((host.readDirectory(joinPath(dir, 'charts')) ?? []).map((e) => e.name.replace(/-\d[^/]*\.tgz$/, '').replace(/\.tgz$/, '')));
  const out: ProjectProblem[] = [];
  for (const item of deps.items) {
    if (!isMap(item)) continue;
    const name = item.get('name', true);
    const repo = item.get('repository');
    if (!isScalar(name) || vendored.has(String(name.value))) continue;
    const where = typeof repo === 'string' && repo !== '' ? ` (${repo.startsWith('oci://') ? 'OCI registry' : 'repository'} ${repo})` : '';
    out.push({
      file: chartFile,
      span: nodeSpan(name),
      severity: 'info',
      message: `Dependency ${String(name.value)}${where} is not vendored in charts/: the chart is rendered and checked without it (run \`helm dependency build\` to check it too).`,
    });
  }
  return out;
}

/** Renders the chart in `dir` (which holds Chart.yaml) and returns its objects with provenance. Never throws. */
export function buildChart(dir: ProjectPath, host: ProjectHost, options: HelmBuildOptions = {}): HelmBuild {
  const file = joinPath(dir, 'Chart.yaml');
  const files = readChartFiles(dir, host);
  const templates = new Set([...files.keys()].filter((p) => p.startsWith('templates/')).map((p) => joinPath(dir, p)));
  const build: HelmBuild = { dir, file, valuesFiles: [], objects: [], problems: [], templates, rendered: new Set() };
  if (files.has('values.yaml')) build.valuesFiles.push(joinPath(dir, 'values.yaml'));
  const pathOf = (name: string): ProjectPath => (name.startsWith('/') ? name : joinPath(dir, name));
  const texts = new Map<ProjectPath, string>();
  for (const [p, t] of files) texts.set(joinPath(dir, p), t);
  const readText = (p: ProjectPath): string | undefined => texts.get(p) ?? host.readFile(p);
  try {
    const positions: ValuePositions = new WeakMap();
    const overrides: GoMap[] = [];
    for (const vf of options.valuesFiles ?? []) {
      const text = host.readFile(vf);
      if (text === undefined) {
        build.problems.push({ file, span: { start: 0, end: 1 }, severity: 'error', message: `Values file ${vf} cannot be read.` });
        continue;
      }
      texts.set(vf, text);
      const read = readValues(text, vf, positions);
      if (read.error) build.problems.push({ file: vf, span: { start: read.error.offset, end: read.error.offset + 1 }, severity: 'error', message: `Values file cannot be read: ${read.error.message}` });
      else {
        overrides.push(read.value);
        build.valuesFiles.push(vf);
      }
    }
    const r = renderChart(files, { releaseName: options.releaseName ?? 'release-name', namespace: options.namespace ?? 'default', kubeVersion: options.kubeVersion, trace: true, positions }, overrides);
    const chartText = files.get('Chart.yaml') ?? '';
    if (r.error) {
      build.problems.push({ file: r.error.file ? pathOf(r.error.file) : file, span: { start: r.error.offset ?? 0, end: (r.error.offset ?? 0) + 1 }, severity: 'error', message: `helm template failed: ${r.error.message}` });
      return build;
    }
    build.problems.push(...dependencyProblems(file, chartText, dir, host));
    const schema = files.get('values.schema.json');
    if (schema !== undefined) {
      for (const p of checkValuesSchema(schema, r.values, positions)) {
        const at = p.file === undefined ? joinPath(dir, 'values.schema.json') : pathOf(p.file);
        build.problems.push({ file: at, span: { start: p.offset, end: p.offset + 10_000 }, severity: 'error', message: p.message });
      }
    }
    for (const t of r.templates) {
      const path = pathOf(t.file);
      if (t.error) {
        const at = t.error.file ? pathOf(t.error.file) : path;
        build.problems.push({ file: at, span: { start: t.error.offset ?? 0, end: (t.error.offset ?? 0) + 10_000 }, severity: 'error', message: `helm template failed: ${t.error.message}` });
        build.rendered.add(path);
        continue;
      }
      if (t.output === undefined || t.file.endsWith('NOTES.txt')) continue;
      const { objects, errors } = renderedObjects({ file: path, output: t.output, segments: t.segments ?? [] }, files.get(t.file) ?? '', { positions, pathOf, readText });
      build.objects.push(...objects);
      for (const e of errors) build.problems.push({ file: path, span: { start: 0, end: 1 }, severity: 'error', message: `The rendered template is not valid YAML: ${e.message.split('\n')[0]}` });
      build.rendered.add(path);
    }
    // Partials were parsed and ran where they are included.
    for (const p of files.keys()) if (p.startsWith('templates/') && p.split('/').pop()!.startsWith('_')) build.rendered.add(joinPath(dir, p));
  } catch (e) {
    build.problems.push({ file, span: { start: 0, end: 1 }, severity: 'error', message: `helm template failed (${e instanceof Error ? e.name : 'error'})` });
  }
  return build;
}

/** Whether a project path is a chart's Chart.yaml. */
export function isChartFile(path: ProjectPath): boolean {
  return path.endsWith('/Chart.yaml') || path === 'Chart.yaml';
}
