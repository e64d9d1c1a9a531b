/**
 * Minimal chart rendering, as `helm template` does for one chart without dependencies: Chart.yaml, values.yaml
 * (plus override values maps), templates/** with partials (`_*.tpl`), and the built-in objects .Values, .Release,
 * .Chart, .Capabilities, .Template and .Files. It returns each template's output or error with its source position, so
 * later layers (provenance, findings, subcharts) build on it. `helmTemplateOutput` assembles what `helm template`
 * prints, for the golden comparison.
 */
import { parseDocument } from 'yaml';
import bundleJson from '../../../../schemas/kubernetes/bundle.json';
import { newBudget, TemplateExecError, type ErrorSite, type Limits } from './limits';
import { TemplateSet } from './engine';
import { GoStruct, readValues, typedSlice, type GoMap, type GoValue, type ValuePositions } from './values';

export interface RenderOptions {
  releaseName: string;
  namespace: string;
  /** Kubernetes version for .Capabilities (Helm 4.1's default: v1.35.0). */
  kubeVersion?: string;
  limits?: Partial<Limits>;
}

export interface TemplateError {
  message: string;
  /** File (chart-relative) and offset the error points at, when known. */
  file?: string;
  offset?: number;
  line?: number;
  col?: number;
}

export interface RenderedTemplate {
  /** Helm's name: `<chart>/templates/x.yaml`. */
  name: string;
  /** Chart-relative path of the template file. */
  file: string;
  output?: string;
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

/** The files of a chart directory: chart-relative path -> text. */
export type ChartFiles = ReadonlyMap<string, string>;

function chartMetadata(text: string | undefined): { meta: GoStruct; name: string } | TemplateError {
  if (text === undefined) return { message: 'Chart.yaml file is missing', file: 'Chart.yaml' };
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { message: doc.errors[0]!.message, file: 'Chart.yaml', offset: doc.errors[0]!.pos[0] };
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  const str = (k: string): string => (typeof raw[k] === 'string' ? (raw[k] as string) : raw[k] === undefined ? '' : String(raw[k]));
  const name = str('name');
  const fields = new Map<string, GoValue>([
    ['Name', name],
    ['Home', str('home')],
    ['Sources', null],
    ['Version', str('version')],
    ['Description', str('description')],
    ['Keywords', null],
    ['Maintainers', null],
    ['Icon', str('icon')],
    ['APIVersion', str('apiVersion')],
    ['Condition', str('condition')],
    ['Tags', str('tags')],
    ['AppVersion', str('appVersion')],
    ['Deprecated', raw.deprecated === true],
    ['Annotations', null],
    ['KubeVersion', str('kubeVersion')],
    ['Dependencies', null],
    ['Type', str('type')],
  ]);
  return { meta: new GoStruct('*chart.Metadata', fields), name };
}

/**
 * Helm's default .Capabilities.APIVersions (what `helm template` knows offline): every group/version of the built-in
 * Kubernetes types (client-go's scheme: no apiextensions or apiregistration, which live outside it), and each
 * `group/version/Kind`. Taken from the schema bundle's kinds table.
 */
function knownApiVersions(): ReadonlySet<string> {
  const kinds = (bundleJson as unknown as { kinds: Record<string, Record<string, string>> }).kinds;
  const out = new Set<string>();
  for (const [gv, byKind] of Object.entries(kinds)) {
    if (gv.startsWith('apiextensions.k8s.io/') || gv.startsWith('apiregistration.k8s.io/')) continue;
    out.add(gv);
    for (const kind of Object.keys(byKind)) out.add(`${gv}/${kind}`);
  }
  return out;
}

function capabilities(kubeVersion: string): GoStruct {
  const m = /^v?(\d+)\.(\d+)/.exec(kubeVersion);
  const kv = new GoStruct(
    'common.KubeVersion',
    new Map<string, GoValue>([
      ['Version', kubeVersion],
      ['Major', m?.[1] ?? '1'],
      ['Minor', m?.[2] ?? '0'],
      ['GitVersion', kubeVersion],
    ]),
    new Map(),
    kubeVersion,
  );
  const known = knownApiVersions();
  const apiVersions = new GoStruct('common.VersionSet', new Map(), new Map([['Has', { kind: 'func' as const, name: 'Has', call: (a: GoValue[]) => known.has(String(a[0])) }]]));
  return new GoStruct('*common.Capabilities', new Map<string, GoValue>([['KubeVersion', kv], ['APIVersions', apiVersions], ['HelmVersion', new Map()]]));
}

function filesObject(files: ChartFiles): GoStruct {
  const plain = [...files.keys()].filter((p) => !p.startsWith('templates/') && p !== 'values.yaml' && p !== 'Chart.yaml');
  const get = (args: GoValue[]): GoValue => files.get(String(args[0])) ?? '';
  const method = (name: string, call: (a: GoValue[]) => GoValue) => [name, { kind: 'func' as const, name, call }] as const;
  return new GoStruct(
    'files.Files',
    new Map(),
    new Map([
      method('Get', get),
      method('GetBytes', get),
      method('Lines', (a) => typedSlice(String(get(a)).split('\n'), 'string')),
      method('Glob', (a) => new GoStruct('files.Files', new Map(plain.filter((p) => globMatch(String(a[0]), p)).map((p) => [p, files.get(p)!] as [string, GoValue])))),
    ]),
  );
}

/** Helm's Files.Glob patterns (gobwas/glob with '/' separators): `*` within a segment, `**` across. */
function globMatch(pattern: string, path: string): boolean {
  const p = pattern.split('/');
  const s = path.split('/');
  const seg = (pp: string, ss: string): boolean => {
    let i = 0;
    let j = 0;
    let star = -1;
    let mark = 0;
    while (j < ss.length) {
      if (i < pp.length && (pp[i] === '?' || pp[i] === ss[j])) {
        i++;
        j++;
      } else if (i < pp.length && pp[i] === '*') {
        star = i++;
        mark = j;
      } else if (star >= 0) {
        i = star + 1;
        j = ++mark;
      } else return false;
    }
    while (i < pp.length && pp[i] === '*') i++;
    return i === pp.length;
  };
  const walk = (a: number, b: number): boolean => {
    if (a === p.length) return b === s.length;
    if (p[a] === '**') return Array.from({ length: s.length - b + 1 }, (_, k) => walk(a + 1, b + k)).some(Boolean);
    return b < s.length && seg(p[a]!, s[b]!) && walk(a + 1, b + 1);
  };
  return walk(0, 0);
}

/**
 * Puts user values (a -f file) over the chart's values as Helm does: maps merge key by key, anything else replaces,
 * and `null` deletes a key the chart sets (a `null` for a key the chart does not set stays, as in Helm).
 */
export function coalesceValues(dst: GoMap, src: GoMap, depth = 0): void {
  if (depth > 1000) return;
  for (const [k, v] of src) {
    const d = dst.get(k);
    if (v === null && dst.has(k)) dst.delete(k);
    else if (v instanceof Map && d instanceof Map) coalesceValues(d, v, depth + 1);
    else dst.set(k, v);
  }
}

/** Renders a chart; never throws for chart content. */
export function renderChart(files: ChartFiles, opts: RenderOptions, overrides: GoMap[] = []): ChartRender {
  const positions: ValuePositions = new WeakMap();
  const meta = chartMetadata(files.get('Chart.yaml'));
  if ('message' in meta) return { chartName: '', templates: [], error: meta, values: new Map(), positions };
  const read = readValues(files.get('values.yaml') ?? '', 'values.yaml', positions);
  const base: ChartRender = { chartName: meta.name, templates: [], values: read.value, positions };
  if (read.error) return { ...base, error: { message: read.error.message, file: 'values.yaml', offset: read.error.offset } };
  for (const o of overrides) coalesceValues(read.value, o);
  const set = new TemplateSet();
  const templateFiles = [...files.keys()].filter((p) => p.startsWith('templates/'));
  const names = templateFiles.map((p) => ({ file: p, name: `${meta.name}/${p}` }));
  // Helm parses deeper paths first, then by name descending (later definitions win).
  const order = [...names].sort((a, b) => {
    const ca = a.name.split('/').length;
    const cb = b.name.split('/').length;
    return ca !== cb ? cb - ca : a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  });
  for (const t of order) {
    const err = set.addFile(t.name, files.get(t.file)!);
    if (err) return { ...base, error: { message: err.message, file: t.file, offset: err.offset, line: err.line } };
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
  const templates: RenderedTemplate[] = [];
  for (const t of order) {
    if (t.file.split('/').pop()!.startsWith('_')) continue;
    const data: GoMap = new Map(top);
    data.set('Template', new Map<string, GoValue>([['Name', t.name], ['BasePath', `${meta.name}/templates`]]));
    try {
      templates.push({ name: t.name, file: t.file, output: set.execute(t.name, data, budget).replaceAll('<no value>', '') });
    } catch (e) {
      if (!(e instanceof TemplateExecError)) throw e;
      templates.push({ name: t.name, file: t.file, error: siteError(e.message, e.site, meta.name) });
    }
  }
  return { ...base, templates };
}

function siteError(message: string, site: ErrorSite | undefined, chart: string): TemplateError {
  const file = site?.file.startsWith(`${chart}/`) ? site.file.slice(chart.length + 1) : site?.file;
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

/** A document's kind and whether it is a hook (helm.sh/hook annotation), read as Helm reads the manifest head. */
function headOf(doc: string): { kind: string; hook: boolean } {
  try {
    const v = parseDocument(doc, { uniqueKeys: false }).toJS() as { kind?: unknown; metadata?: { annotations?: Record<string, unknown> } } | null;
    const ann = v?.metadata?.annotations;
    return { kind: typeof v?.kind === 'string' ? v.kind : '', hook: typeof ann === 'object' && ann !== null && 'helm.sh/hook' in ann };
  } catch {
    return { kind: '', hook: false };
  }
}

/** What `helm template` prints for a render that succeeded: manifests in install order, then hooks (NOTES.txt and partials left out). */
export function helmTemplateOutput(r: ChartRender): string {
  const docs: { name: string; content: string; kind: string; hook: boolean }[] = [];
  const sorted = [...r.templates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of sorted) {
    if (t.output === undefined || t.name.endsWith('NOTES.txt')) continue;
    for (const d of splitManifests(t.output)) docs.push({ name: t.name, content: d, ...headOf(d) });
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
  const ordered = [...byKind(docs.filter((d) => !d.hook)), ...byKind(docs.filter((d) => d.hook))];
  return ordered.map((d) => `---\n# Source: ${d.name}\n${d.content}\n`).join('');
}
