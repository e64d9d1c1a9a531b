/**
 * Minimal chart rendering, as `helm template` does for one chart without dependencies: Chart.yaml, values.yaml
 * (plus override values maps), templates/** with partials (`_*.tpl`), and the built-in objects .Values, .Release,
 * .Chart, .Capabilities, .Template and .Files. It returns each template's output or error with its source position, so
 * later layers (provenance, findings, subcharts) build on it. manifests.ts assembles what `helm template`
 * prints, for the golden comparison.
 */
import { newBudget, TemplateExecError, type ErrorSite, type Limits, type OutputSegment } from './limits';
import { dropNoValue, TemplateSet } from './engine';
import { capabilities, chartMetadata, filesObject, type ChartFiles, type TemplateError } from './chart-objects';
import { helmExecErrorText, helmParseErrorText } from './helm-errors';
import { mapTypes, readValues, type GoMap, type GoValue, type ValuePositions } from './values';

export interface RenderOptions {
  releaseName: string;
  namespace: string;
  /** Kubernetes version for .Capabilities (Helm 4.1's default: v1.35.0). */
  kubeVersion?: string;
  limits?: Partial<Limits>;
  /** Record the values each action read (OutputSegment.reads), for provenance (helm/provenance.ts). */
  trace?: boolean;
  /** The positions table to record values positions in (override maps read into it keep theirs). */
  positions?: ValuePositions;
  /** The chart's final values (a chart tree coalesced, chart-build.ts): used as they are, values.yaml and overrides not read. */
  values?: GoMap;
  /** Templates of the other charts of the tree (Helm name -> text): parsed with the chart's (defines), not rendered. */
  sharedTemplates?: ReadonlyMap<string, string>;
  /** .Subcharts: each rendered subchart's top-level map (its .Values, .Chart, ...), by name. */
  subcharts?: GoMap;
  /** Helm's path of the chart in its tree (`parent/charts/sub` for a subchart); templates are named under it. Default: the chart's name. */
  chartPath?: string;
}


export interface RenderedTemplate {
  /** Helm's name: `<chart>/templates/x.yaml`. */
  name: string;
  /** Chart-relative path of the template file. */
  file: string;
  output?: string;
  /**
   * Where the output came from, in output order: from `out` on, text copied from `file` at `src` (offset for offset),
   * or what the action at `src` printed (an include's text is attributed to the include call).
   */
  segments?: OutputSegment[];
  error?: TemplateError;
}

export interface ChartRender {
  chartName: string;
  templates: RenderedTemplate[];
  /** Chart-level problem (Chart.yaml or values unreadable, a template that does not parse). */
  error?: TemplateError;
  values: GoMap;
  /** The top-level map the templates ran with (a parent's .Subcharts.<name>). */
  data?: GoMap;
  /** Where each values map and list came from (values.ts). */
  positions: ValuePositions;
}


/**
 * Puts user values (a -f file) over the chart's values as Helm does: maps merge key by key, anything else replaces,
 * and `null` deletes a key the chart sets (a `null` for a key the chart does not set stays, as in Helm).
 */
export function coalesceValues(dst: GoMap, src: GoMap, depth = 0, positions?: ValuePositions): void {
  if (depth > 1000) return;
  for (const [k, v] of src) {
    const d = dst.get(k);
    if (v === null && dst.has(k)) dst.delete(k);
    else if (v instanceof Map && d instanceof Map) coalesceValues(d, v, depth + 1, positions);
    else {
      dst.set(k, v);
      // The entry now says where the override wrote it.
      const at = positions?.get(src)?.entries.get(k);
      if (at) positions?.get(dst)?.entries.set(k, at);
    }
  }
}

/** Renders a chart; never throws for chart content. */
export function renderChart(files: ChartFiles, opts: RenderOptions, overrides: GoMap[] = []): ChartRender {
  const positions: ValuePositions = opts.positions ?? new WeakMap();
  const meta = chartMetadata(files.get('Chart.yaml'));
  if ('error' in meta) return { chartName: '', templates: [], error: meta.error, values: new Map(), positions };
  const read = opts.values ? { value: opts.values } : readValues(files.get('values.yaml') ?? '', 'values.yaml', positions);
  const base: ChartRender = { chartName: meta.name, templates: [], values: read.value, positions };
  if (read.error) return { ...base, error: { message: read.error.message, helm: `cannot load values.yaml: cannot unmarshal yaml document: ${read.error.message}`, file: 'values.yaml', offset: read.error.offset } };
  if (!opts.values) for (const o of overrides) coalesceValues(read.value, o, 0, positions);
  mapTypes.set(read.value, 'common.Values');
  const set = new TemplateSet();
  const templateFiles = [...files.keys()].filter((p) => p.startsWith('templates/'));
  const root = opts.chartPath ?? meta.name;
  const names = templateFiles.map((p) => ({ file: p, name: `${root}/${p}`, text: files.get(p)!, shared: false }));
  // Other charts' templates of the tree, under their Helm names (their errors name that file).
  for (const [name, text] of opts.sharedTemplates ?? []) names.push({ file: name, name, text, shared: true });
  const order = [...names].sort((a, b) => helmTemplateOrder(a.name, b.name));
  for (const t of order) {
    const err = set.addFile(t.name, t.text);
    if (err) return { ...base, error: { message: err.message, helm: helmParseErrorText(err.message), file: t.file, offset: err.offset, line: err.line } };
  }
  const top: GoMap = new Map<string, GoValue>([
    ['Values', read.value],
    ['Release', new Map<string, GoValue>([['Name', opts.releaseName], ['Namespace', opts.namespace], ['IsUpgrade', false], ['IsInstall', true], ['Revision', 1n], ['Service', 'Helm']])],
    ['Chart', meta.meta],
    ['Capabilities', capabilities(opts.kubeVersion ?? 'v1.35.0')],
    ['Files', filesObject(files)],
    ['Subcharts', opts.subcharts ?? new Map()],
  ]);
  const budget = newBudget(opts.limits);
  if (opts.trace) budget.reads = [];
  const templates: RenderedTemplate[] = [];
  // One top-level map for all of the chart's templates, as in Helm: `set $ "Values" ...` in one template (istio's
  // zzz_profile.yaml, which runs first) is seen by the templates after it.
  const data: GoMap = new Map(top);
  mapTypes.set(data, 'common.Values');
  // .Chart.IsRoot: false in a subchart.
  if (root.includes('/charts/')) meta.meta.set('IsRoot', false);
  for (const t of order) {
    if (t.shared || t.file.split('/').pop()!.startsWith('_')) continue;
    const template: GoMap = new Map<string, GoValue>([['Name', t.name], ['BasePath', `${root}/templates`]]);
    mapTypes.set(template, 'common.Values');
    data.set('Template', template);
    try {
      const traced = set.executeTraced(t.name, data, budget);
      const { output, segments } = dropNoValue(traced.output, traced.segments);
      templates.push({ name: t.name, file: t.file, output, segments: segments.map((g) => ({ ...g, file: chartRelative(g.file, root) })) });
    } catch (e) {
      // Nothing leaves the engine: an unexpected failure (a bug, an exhausted stack) is this template's error.
      const message = e instanceof TemplateExecError ? e.message : `internal error rendering ${t.name}: ${e instanceof Error ? e.message : String(e)}`;
      const error = siteError(message, e instanceof TemplateExecError ? e.site : undefined, root);
      if (e instanceof TemplateExecError) error.helm = helmExecErrorText(message);
      const inner = e instanceof TemplateExecError ? e.inner : undefined;
      if (inner) error.inner = { file: chartRelative(inner.file, root), offset: inner.offset, line: inner.line, col: inner.col };
      templates.push({ name: t.name, file: t.file, error });
    }
  }
  return { ...base, templates, data };
}

/** Helm's order of templates (parsed and executed): deeper paths first, then by name descending (later definitions win). */
export function helmTemplateOrder(a: string, b: string): number {
  const ca = a.split('/').length;
  const cb = b.split('/').length;
  return ca !== cb ? cb - ca : a < b ? 1 : a > b ? -1 : 0;
}

function chartRelative(file: string, chart: string): string {
  return file.startsWith(`${chart}/`) ? file.slice(chart.length + 1) : file;
}

function siteError(message: string, site: ErrorSite | undefined, chart: string): TemplateError {
  const file = site ? chartRelative(site.file, chart) : undefined;
  return { message, file, offset: site?.offset, line: site?.line, col: site?.col };
}
