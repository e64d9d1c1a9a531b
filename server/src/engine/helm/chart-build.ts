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
import { coalesceValues, renderChart, type ChartRender } from './chart-render';
import { manifestError } from './manifests';
import { chartHead, dependencyEnabled, dependencyEntries, importedValues, subchartOverride, type DependencyEntry } from './chart-deps';
import { readValues, type GoMap, type ValuePositions } from './values';
import { outputOrigin, renderedObjects } from './provenance';
import { oneLine } from './helm-errors';
import { checkValuesSchema } from './values-schema';
import { untarChart } from './chart-archive';

export interface HelmBuildOptions {
  /** Extra values files (project paths), applied in order over values.yaml. */
  valuesFiles?: readonly ProjectPath[];
  /** Kubernetes version for .Capabilities. */
  kubeVersion?: string;
  releaseName?: string;
  namespace?: string;
  /** Keep each rendered chart of the tree (HelmBuild.renders), templates named as Helm names them (golden tests). */
  keepRenders?: boolean;
}

export interface HelmBuild {
  /** The chart's folder and its Chart.yaml. */
  dir: ProjectPath;
  file: ProjectPath;
  /** values.yaml (when it exists) and the extra values files, in the order applied. */
  valuesFiles: ProjectPath[];
  /** The release's namespace (`.Release.Namespace`): where the rendered objects that name none are installed. */
  namespace: string;
  objects: BuiltObject[];
  problems: ProjectProblem[];
  /** Template files of the chart (all of them are judged as the chart, never as plain YAML). */
  templates: Set<ProjectPath>;
  /** Templates that were rendered (their "not checked" note goes away): without error, or with a render problem reported. */
  rendered: Set<ProjectPath>;
  /** Charts whose values do not meet their values.schema.json, with Helm's line for each problem (Helm renders nothing then). */
  schema?: { chart: string; details: string[] }[];
  /** With keepRenders: the render of each chart of the tree that was rendered, root first. */
  renders?: ChartRender[];
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

/** One chart of the tree: the root, or a subchart in a `charts/` folder. */
interface Unit {
  dir: ProjectPath;
  files: Map<string, string>;
  /** Values key in the parent (alias or name) and the name it renders under. */
  key: string;
  alias?: string;
  library: boolean;
  parent?: Unit;
  entry?: DependencyEntry;
}

const MAX_UNITS = 100;

/** The chart and its subcharts (directories in `charts/`, recursively); packaged ones are problems. */
function chartUnits(root: Unit, host: ProjectHost, problems: ProjectProblem[]): Unit[] {
  const out: Unit[] = [root];
  for (let i = 0; i < out.length && out.length < MAX_UNITS; i++) {
    const unit = out[i]!;
    const entries = dependencyEntries(unit.files.get('Chart.yaml') ?? '');
    for (const e of [...(host.readDirectory(joinPath(unit.dir, 'charts')) ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const dir = joinPath(unit.dir, 'charts', e.name);
      let files: Map<string, string>;
      if (!e.directory) {
        if (!e.name.endsWith('.tgz')) continue;
        const tar = host.gunzip?.(dir);
        const unpacked = tar && untarChart(tar);
        if (!unpacked) {
          problems.push({ file: joinPath(unit.dir, 'Chart.yaml'), span: { start: 0, end: 1 }, severity: 'info', message: `Packaged subchart charts/${e.name} cannot be read here: unpack it into charts/ to check it.` });
          continue;
        }
        // Its own subcharts stay packaged inside it (not rendered).
        files = new Map([...unpacked].filter(([p]) => !p.startsWith('charts/')));
      } else files = readChartFiles(dir, host);
      const head = chartHead(files.get('Chart.yaml'));
      if (!head) continue;
      // A dependency entry per alias renders the chart once under each name.
      const matching = entries.filter((d) => d.name === head.name);
      for (const entry of matching.length ? matching : [undefined]) {
        out.push({ dir, files, key: entry?.alias ?? head.name, ...(entry?.alias ? { alias: entry.alias } : {}), library: head.library, parent: unit, ...(entry ? { entry } : {}) });
      }
    }
  }
  return out;
}

/** Renders the chart in `dir` (which holds Chart.yaml) and its enabled subcharts, with their objects' provenance. Never throws. */
export function buildChart(dir: ProjectPath, host: ProjectHost, options: HelmBuildOptions = {}): HelmBuild {
  const file = joinPath(dir, 'Chart.yaml');
  const build: HelmBuild = { dir, file, valuesFiles: [], namespace: options.namespace ?? 'default', objects: [], problems: [], templates: new Set(), rendered: new Set() };
  const texts = new Map<ProjectPath, string>();
  const readText = (p: ProjectPath): string | undefined => texts.get(p) ?? host.readFile(p);
  try {
    const root: Unit = { dir, files: readChartFiles(dir, host), key: '', library: false };
    if (root.files.has('values.yaml')) build.valuesFiles.push(joinPath(dir, 'values.yaml'));
    const positions: ValuePositions = new WeakMap();
    const userValues = (): GoMap[] => {
      const out: GoMap[] = [];
      for (const vf of options.valuesFiles ?? []) {
        const text = host.readFile(vf);
        if (text === undefined) continue;
        texts.set(vf, text);
        const read = readValues(text, vf, positions);
        if (!read.error) out.push(read.value);
      }
      return out;
    };
    for (const vf of options.valuesFiles ?? []) {
      const text = host.readFile(vf);
      const read = text === undefined ? undefined : readValues(text, vf);
      if (text === undefined) build.problems.push({ file, span: { start: 0, end: 1 }, severity: 'error', message: `Values file ${vf} cannot be read.` });
      else if (read?.error) build.problems.push({ file: vf, span: { start: read.error.offset, end: read.error.offset + 1 }, severity: 'error', message: `Values file cannot be read: ${read.error.message}` });
      else build.valuesFiles.push(vf);
    }
    const units = chartUnits(root, host, build.problems);
    // A unit's final values, read afresh (subchartOverride takes the parent's maps); what enabled children import fills in.
    const ownOverrides = (u: Unit): GoMap[] => (u.parent ? [subchartOverride(valuesOf(u.parent), u.key, positions)] : userValues());
    /** What enabled children import (import-values) into a unit's values, under its own values. */
    const importsOf = (u: Unit): GoMap[] => {
      const children = units.filter((c) => c.parent === u && (c.entry?.imports.length ?? 0) > 0 && enabled(c));
      if (children.length === 0) return [];
      const mine = readValues(u.files.get('values.yaml') ?? '', joinPath(u.dir, 'values.yaml'), positions).value;
      for (const o of ownOverrides(u)) coalesceValues(mine, o, 0, positions);
      return children.map((c) => importedValues(c.entry!.imports, valuesOf(c), mine, positions));
    };
    const valuesOf = (u: Unit): GoMap => {
      const v = readValues(u.files.get('values.yaml') ?? '', joinPath(u.dir, 'values.yaml'), positions).value;
      for (const o of ownOverrides(u)) coalesceValues(v, o, 0, positions);
      return v;
    };
    const enabled = (u: Unit): boolean => !u.parent || (enabled(u.parent) && dependencyEnabled(u.entry, valuesOf(u.parent)));
    // Templates every chart of the tree sees: library charts' and the partials of the others, under names of their own.
    const shared = new Map<string, { path: ProjectPath; text: string }>();
    units.forEach((u) => {
      for (const [p, t] of u.files) {
        if (!p.startsWith('templates/') || (!u.library && !p.split('/').pop()!.startsWith('_'))) continue;
        shared.set(`${helmPath(u)}/${p}`, { path: joinPath(u.dir, p), text: t });
      }
    });
    // Helm coalesces the tree once: a chart's values hold each enabled subchart's final values under its key.
    const finals = new Map<Unit, GoMap>();
    for (const u of units) {
      if (!enabled(u)) continue;
      const v = readValues(u.files.get('values.yaml') ?? '', joinPath(u.dir, 'values.yaml'), positions).value;
      const parent = u.parent && finals.get(u.parent);
      // A subchart's own map in its parent's final values (with the parent's globals), as Helm's coalesceDeps.
      const own = parent ? [subchartOverride(parent, u.key, positions)] : u.parent ? [] : userValues();
      for (const o of [...importsOf(u), ...own]) coalesceValues(v, o, 0, positions);
      finals.set(u, v);
      parent?.set(u.key, v);
    }
    for (const u of units) {
      for (const p of u.files.keys()) if (p.startsWith('templates/')) build.templates.add(joinPath(u.dir, p));
      for (const [p, t] of u.files) texts.set(joinPath(u.dir, p), t);
    }
    // Values are checked against the schemas before anything renders, parent before its subcharts (as Helm does).
    const preorder = (u: Unit): Unit[] => [u, ...units.filter((c) => c.parent === u).flatMap(preorder)];
    for (const u of preorder(root)) {
      const values = finals.get(u);
      if (values) checkSchema(u, values, shared, positions, build);
    }
    // Subcharts first (Helm renders deeper templates first), so that a parent's .Subcharts holds what they ran with.
    const renders = new Map<Unit, ChartRender>();
    for (const u of [...units].reverse()) {
      const values = finals.get(u);
      if (u.library || !values) continue;
      const subcharts: GoMap = new Map();
      for (const c of units) if (c.parent === u && renders.get(c)?.data) subcharts.set(c.key, renders.get(c)!.data!);
      const r = renderUnit(u, values, subcharts, shared, positions, build, readText, options, host);
      if (r) renders.set(u, r);
    }
  } catch (e) {
    build.problems.push({ file, span: { start: 0, end: 1 }, severity: 'error', message: `helm template failed (${e instanceof Error ? e.name : 'error'})` });
  }
  return build;
}

/** Helm's name of a chart in its tree: `root/charts/sub/charts/subsub` (by alias or name). */
function helmPath(u: Unit): string {
  return u.parent ? `${helmPath(u.parent)}/charts/${u.key}` : (chartHead(u.files.get('Chart.yaml'))?.name ?? '');
}

/** The unit's values against its values.schema.json: a problem at each offending values line, and Helm's lines. */
function checkSchema(u: Unit, values: GoMap, shared: ReadonlyMap<string, { path: ProjectPath }>, positions: ValuePositions, build: HelmBuild): void {
  const schema = u.files.get('values.schema.json');
  if (schema === undefined) return;
  const problems = checkValuesSchema(schema, values, positions);
  if (problems.length > 0) (build.schema ??= []).push({ chart: u.alias ?? chartHead(u.files.get('Chart.yaml'))?.name ?? '', details: problems.map((p) => p.detail) });
  for (const p of problems) {
    const at = p.file === undefined ? joinPath(u.dir, 'values.schema.json') : pathIn(u, shared)(p.file);
    build.problems.push({ file: at, span: { start: p.offset, end: p.offset + 10_000 }, severity: 'error', message: p.message });
  }
}

/** A chart-relative file name of the unit, or a shared template's Helm name, as a project path. */
function pathIn(u: Unit, shared: ReadonlyMap<string, { path: ProjectPath }>): (name: string) => ProjectPath {
  return (name) => (name.startsWith('/') ? name : (shared.get(name)?.path ?? joinPath(u.dir, name)));
}

function renderUnit(
  u: Unit,
  values: GoMap,
  subcharts: GoMap,
  shared: ReadonlyMap<string, { path: ProjectPath; text: string }>,
  positions: ValuePositions,
  build: HelmBuild,
  readText: (p: ProjectPath) => string | undefined,
  options: HelmBuildOptions,
  host: ProjectHost,
): ChartRender | undefined {
  const files = new Map(u.files);
  const sharedTemplates = new Map([...shared].filter(([, s]) => !s.path.startsWith(`${u.dir}/templates/`)).map(([name, s]) => [name, s.text]));
  if (u.alias) {
    const doc = parseDocument(files.get('Chart.yaml') ?? '');
    if (isMap(doc.contents)) doc.set('name', u.alias);
    files.set('Chart.yaml', doc.toString());
  }
  const pathOf = pathIn(u, shared);
  const chartFile = joinPath(u.dir, 'Chart.yaml');
  const r = renderChart(files, { releaseName: options.releaseName ?? 'release-name', namespace: build.namespace, kubeVersion: options.kubeVersion, trace: true, positions, chartPath: helmPath(u), values, sharedTemplates, subcharts });
  if (options.keepRenders) (build.renders ??= []).unshift(r);
  if (r.error) {
    build.problems.push({ file: r.error.file ? pathOf(r.error.file) : chartFile, span: { start: r.error.offset ?? 0, end: (r.error.offset ?? 0) + 10_000 }, severity: 'error', message: `helm template failed: ${oneLine(r.error.helm ?? r.error.message)}` });
    return r;
  }
  build.problems.push(...dependencyProblems(chartFile, u.files.get('Chart.yaml') ?? '', u.dir, host));
  for (const t of r.templates) {
    const path = pathOf(t.file);
    build.rendered.add(path);
    if (t.error) {
      const at = t.error.file ? pathOf(t.error.file) : path;
      build.problems.push({ file: at, span: { start: t.error.offset ?? 0, end: (t.error.offset ?? 0) + 10_000 }, severity: 'error', message: `helm template failed: ${oneLine(t.error.helm ?? t.error.message)}` });
      continue;
    }
    if (t.output === undefined || t.file.endsWith('NOTES.txt')) continue;
    const rendered = { file: path, output: t.output, segments: t.segments ?? [] };
    // Output Helm refuses (not YAML, or a document that is not a map) fails the release: one finding where the
    // template wrote the offending text, and nothing of this template is checked.
    const refused = t.file.split('/').pop()!.startsWith('_') ? undefined : manifestError(t);
    if (refused) {
      const at = outputOrigin(rendered, files.get(t.file) ?? '', { pathOf, readText }, refused.offset, 1);
      build.problems.push({ file: at.file, span: { start: at.span.start, end: at.span.start + 10_000 }, severity: 'error', message: `helm template failed: ${refused.message}` });
      continue;
    }
    const { objects, errors } = renderedObjects(rendered, files.get(t.file) ?? '', { positions, pathOf, readText });
    build.objects.push(...objects);
    for (const e of errors) build.problems.push({ file: e.file, span: { start: e.offset, end: e.offset + 10_000 }, severity: 'error', message: `The rendered template is not valid YAML: ${e.message.split('\n')[0]}` });
  }
  // Partials were parsed and ran where they are included.
  for (const p of u.files.keys()) if (p.startsWith('templates/') && p.split('/').pop()!.startsWith('_')) build.rendered.add(joinPath(u.dir, p));
  for (const s of shared.values()) build.rendered.add(s.path);
  return r;
}

/** Whether a project path is a chart's Chart.yaml. */
export function isChartFile(path: ProjectPath): boolean {
  return path.endsWith('/Chart.yaml') || path === 'Chart.yaml';
}
