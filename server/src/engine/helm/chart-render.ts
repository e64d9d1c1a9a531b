/**
 * Minimal chart rendering, as `helm template` does for one chart without dependencies: Chart.yaml, values.yaml
 * (plus override values maps), templates/** with partials (`_*.tpl`), and the built-in objects .Values, .Release,
 * .Chart, .Capabilities, .Template and .Files. It returns each template's output or error with its source position, so
 * later layers (provenance, findings, subcharts) build on it. `helmTemplateOutput` assembles what `helm template`
 * prints, for the golden comparison.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { newBudget, TemplateExecError, type ErrorSite, type Limits, type OutputSegment } from './limits';
import { dropNoValue, TemplateSet } from './engine';
import { capabilities, chartMetadata, filesObject, type ChartFiles, type TemplateError } from './chart-objects';
import { helmExecErrorText, helmParseErrorText } from './helm-errors';
import { mapTypes, nullKeyMessage, readValues, type GoMap, type GoValue, type ValuePositions } from './values';

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
    ['Subcharts', new Map()],
  ]);
  const budget = newBudget(opts.limits);
  if (opts.trace) budget.reads = [];
  const templates: RenderedTemplate[] = [];
  for (const t of order) {
    if (t.shared || t.file.split('/').pop()!.startsWith('_')) continue;
    const data: GoMap = new Map(top);
    mapTypes.set(data, 'common.Values');
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
  return { ...base, templates };
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

const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret',
  'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod',
  'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress',
  'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/**
 * Helm 4.1's SplitManifests: separators are `(?:^|\s*\n)---\s*` (so the whitespace after one separator cannot start
 * the next: `---\n\n---` leaves the second `---` in the document), documents are trimmed, empty ones dropped.
 */
export function splitManifests(text: string): string[] {
  const s = text.trim();
  const out: string[] = [];
  let docStart = 0;
  let pos = 0;
  for (let i = s.indexOf('---'); i >= 0; i = s.indexOf('---', i + 1)) {
    if (i < pos) continue;
    if (!(i === 0 || (i - 1 >= pos && s[i - 1] === '\n'))) continue;
    let end = i + 3;
    while (end < s.length && isWs(s[end])) end++;
    if (i > 0 || docStart > 0) out.push(s.slice(docStart, i));
    docStart = end;
    pos = end;
    i = end - 1;
  }
  out.push(s.slice(docStart));
  return out.map((d) => d.trim()).filter((d) => d !== '');
}

/** Hook events Helm knows (a hook naming another one is skipped: not installed, not printed). */
const HOOK_EVENTS = new Set(['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test', 'test-success']);

interface ManifestHead {
  kind: string;
  hook: boolean;
  /** A hook Helm skips (an unknown event). */
  skipped?: boolean;
  /** Why Helm refuses the document (its text after `YAML parse error on <template>: `), and where in the document. */
  error?: { message: string; offset: number };
}

/** Go's JSON type name of a value that cannot be read into a struct. */
function jsonType(v: unknown): string {
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object';
}

/** The first entry with a null key (`null:`, `~:`) of a document, which Helm cannot turn into JSON. */
function firstNullKey(node: Node | null, depth: number): { value: Node | null; offset: number } | undefined {
  if (depth > 200 || !node) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.value === null && key.range && key.range[0] !== key.range[1]) return { value: pair.value as Node | null, offset: key.range[0] };
      const found = firstNullKey(pair.value as Node | null, depth + 1);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = firstNullKey(item as Node | null, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A document's kind and hook annotation, read as Helm reads the manifest head (util.SimpleHead through YAML -> JSON). */
function headOf(doc: string): ManifestHead {
  try {
    const d = parseDocument(doc, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    const e = d.errors[0];
    if (e) {
      const line = doc.slice(0, e.pos[0]).split('\n').length;
      return { kind: '', hook: false, error: { message: `error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, offset: e.pos[0] } };
    }
    const nullKey = firstNullKey(d.contents as Node | null, 0);
    if (nullKey !== undefined) return { kind: '', hook: false, error: { message: nullKeyMessage(nullKey.value), offset: nullKey.offset } };
    const v = d.toJS() as unknown;
    if (v !== null && v !== undefined && (typeof v !== 'object' || Array.isArray(v) || v instanceof Date)) {
      return { kind: '', hook: false, error: { message: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonType(v)} into Go value of type util.SimpleHead`, offset: 0 } };
    }
    const h = v as { kind?: unknown; metadata?: { annotations?: Record<string, unknown> } } | null;
    const ann = h?.metadata?.annotations;
    const hook = typeof ann === 'object' && ann !== null && 'helm.sh/hook' in ann;
    const events = hook ? String(ann['helm.sh/hook']).split(',').map((x) => x.trim().toLowerCase()) : [];
    return { kind: typeof h?.kind === 'string' ? h.kind : '', hook, ...(events.some((x) => !HOOK_EVENTS.has(x)) ? { skipped: true } : {}) };
  } catch {
    return { kind: '', hook: false };
  }
}

/** The templates whose manifests Helm sorts: by name, partials, NOTES.txt and blank outputs left out. */
function manifestTemplates(templates: readonly RenderedTemplate[]): RenderedTemplate[] {
  return templates
    .filter((t) => t.output !== undefined && t.output.trim() !== '' && !t.name.endsWith('NOTES.txt') && !t.name.split('/').pop()!.startsWith('_'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Why Helm refuses a rendered template's output, as releaseutil.SortManifests says it (`YAML parse error on <name>:
 * ...`), with the offset in the output; undefined when every document is YAML with a map (or nothing) at its root.
 */
export function manifestError(t: RenderedTemplate): { message: string; offset: number } | undefined {
  const output = t.output ?? '';
  let from = 0;
  for (const doc of splitManifests(output)) {
    const at = output.indexOf(doc, from);
    from = at + doc.length;
    const e = headOf(doc).error;
    if (e) return { message: `YAML parse error on ${t.name}: ${e.message}`, offset: at + e.offset };
  }
  return undefined;
}

/** The first template Helm refuses (in its order), or undefined. */
export function firstManifestError(r: ChartRender): string | undefined {
  for (const t of manifestTemplates(r.templates)) {
    const e = manifestError(t);
    if (e) return e.message;
  }
  return undefined;
}

/** What `helm template` prints for a render that succeeded: manifests in install order, then hooks (NOTES.txt and partials left out). */
export function helmTemplateOutput(r: ChartRender): string {
  const docs: { name: string; content: string; kind: string; hook: boolean }[] = [];
  for (const t of manifestTemplates(r.templates)) {
    for (const d of splitManifests(t.output!)) {
      const head = headOf(d);
      if (!head.skipped) docs.push({ name: t.name, content: d, ...head });
    }
  }
  const rank = (k: string): number => {
    const i = INSTALL_ORDER.indexOf(k);
    return i < 0 ? INSTALL_ORDER.length : i;
  };
  const byKind = (list: typeof docs): typeof docs =>
    list
      .map((d, i) => ({ d, i }))
      .sort((a, b) => rank(a.d.kind) - rank(b.d.kind) || (rank(a.d.kind) === INSTALL_ORDER.length && a.d.kind !== b.d.kind ? (a.d.kind < b.d.kind ? -1 : 1) : a.i - b.i))
      .map(({ d }) => d);
  const print = (list: typeof docs): string => list.map((d) => `---\n# Source: ${d.name}\n${d.content}\n`).join('');
  // Helm prints the trimmed manifest and a newline (an empty line when there is none), then each hook.
  return `${print(byKind(docs.filter((d) => !d.hook))).trim()}\n${print(byKind(docs.filter((d) => d.hook)))}`;
}
