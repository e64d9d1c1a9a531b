/**
 * The built-in objects a chart's templates see besides .Values and .Release: .Chart (Chart.yaml as Helm 4 maps it),
 * .Capabilities (a Kubernetes version and the API versions `helm template` knows offline) and .Files.
 */
import { parseDocument } from 'yaml';
import { utf8Bytes } from './gostrings';
import { base64Encode } from './hash';
import { validSemver } from './semver';
import { GoStruct, mapMethods, mapTypes, typedSlice, type GoFunc, type GoMap, type GoValue } from './values';
import { toYamlDoc } from './yaml-out';

export interface TemplateError {
  /** Go's text (text/template's words). */
  message: string;
  /** What Helm 4 prints for it (helm-errors.ts), when it words it otherwise. */
  helm?: string;
  /** File (chart-relative) and offset the error points at, when known. */
  file?: string;
  offset?: number;
  line?: number;
  col?: number;
  /** For an error inside an included template: where in that template (chart-relative file). */
  inner?: { file: string; offset: number; line: number; col: number };
}

/** The files of a chart directory: chart-relative path -> text. */
export type ChartFiles = ReadonlyMap<string, string>;

/** Chart.yaml field -> Helm's Go field name (.Chart is Helm 4's struct-to-map of chart.Metadata). */
const META_FIELDS: [string, string][] = [
  ['Name', 'name'], ['Home', 'home'], ['Sources', 'sources'], ['Version', 'version'], ['Description', 'description'],
  ['Keywords', 'keywords'], ['Maintainers', 'maintainers'], ['Icon', 'icon'], ['APIVersion', 'apiVersion'],
  ['Condition', 'condition'], ['Tags', 'tags'], ['AppVersion', 'appVersion'], ['Deprecated', 'deprecated'],
  ['Annotations', 'annotations'], ['KubeVersion', 'kubeVersion'], ['Dependencies', 'dependencies'], ['Type', 'type'],
];
const LIST_FIELDS = new Set(['sources', 'keywords', 'maintainers', 'dependencies']);
const SUB_FIELDS: Record<string, [string, string][]> = {
  maintainers: [['Name', 'name'], ['Email', 'email'], ['URL', 'url']],
  dependencies: [['Name', 'name'], ['Version', 'version'], ['Repository', 'repository'], ['Condition', 'condition'], ['Tags', 'tags'], ['Enabled', 'enabled'], ['ImportValues', 'import-values'], ['Alias', 'alias']],
};

function goField(v: unknown, list: boolean): GoValue {
  if (list) return Array.isArray(v) ? v.map((x) => goField(x, false)) : [];
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v;
  if (typeof v === 'object') return null;
  return String(v);
}

/** What Helm's chart.Metadata.Validate refuses in a Chart.yaml (its message, without the `validation: ` prefix). */
function metadataProblem(raw: Record<string, unknown>): string | undefined {
  const str = (v: unknown): string => (v === undefined || v === null || typeof v === 'object' ? '' : String(v).trim());
  const name = str(raw.name);
  if (name === '') return 'chart.metadata.name is required';
  if (name === '.' || name === '..') return `chart.metadata.name "${name}" is not allowed`;
  if (name.includes('/')) return `chart.metadata.name "${name}" is invalid`;
  if (str(raw.version) === '') return 'chart.metadata.version is required';
  if (!validSemver(str(raw.version))) return `chart.metadata.version "${str(raw.version)}" is invalid`;
  const type = str(raw.type);
  if (type !== '' && type !== 'application' && type !== 'library') return 'chart.metadata.type must be application or library';
  return undefined;
}

/** .Chart as Helm 4 builds it: a map of chart.Metadata's Go field names (nested structs as maps, nil slices empty). */
export function chartMetadata(text: string | undefined): { meta: GoMap; name: string } | { error: TemplateError } {
  if (text === undefined) return { error: { message: 'Chart.yaml file is missing', file: 'Chart.yaml' } };
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { error: { message: doc.errors[0]!.message, file: 'Chart.yaml', offset: doc.errors[0]!.pos[0] } };
  const js = doc.toJS() as unknown;
  const raw = (js && typeof js === 'object' && !Array.isArray(js) ? js : {}) as Record<string, unknown>;
  // Helm's loader reads a Chart.yaml without apiVersion as v1.
  if (raw.apiVersion === undefined || raw.apiVersion === null || raw.apiVersion === '') raw.apiVersion = 'v1';
  const invalid = metadataProblem(raw);
  if (invalid) return { error: { message: `validation: ${invalid}`, file: 'Chart.yaml', offset: 0 } };
  const meta: GoMap = new Map();
  for (const [goName, key] of META_FIELDS) {
    const v = raw[key];
    if (key === 'deprecated') meta.set(goName, v === true);
    else if (key === 'annotations') {
      // A map[string]string: without annotations, a nil one (printed `map[]`).
      const ann: GoMap = new Map(v && typeof v === 'object' ? Object.entries(v).map(([k, x]) => [k, String(x)]) : []);
      mapTypes.set(ann, 'map[string]string');
      meta.set(goName, ann);
    }
    else if (SUB_FIELDS[key]) {
      const items = Array.isArray(v) ? v : [];
      meta.set(goName, items.map((item: Record<string, unknown>) => new Map(SUB_FIELDS[key]!.map(([g, k]) => [g, k === 'enabled' ? item?.[k] === true : goField(item?.[k], k === 'tags' || k === 'import-values')]))));
    } else meta.set(goName, goField(v, LIST_FIELDS.has(key)));
  }
  meta.set('IsRoot', true);
  return { meta, name: typeof raw.name === 'string' ? raw.name : '' };
}

/**
 * Helm's default .Capabilities.APIVersions, what `helm template` answers offline: group/versions only (`Has
 * "apps/v1/Deployment"` is false), in the order Helm prints them. Observed with helm v4.1.4 (client-go 1.35's scheme
 * plus apiextensions), asking `Has` for every group/version of the schema bundle and the retired betas.
 */
const API_VERSION_ORDER: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1', 'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1',
  'apps/v1beta2', 'authentication.k8s.io/v1', 'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1', 'autoscaling/v1', 'autoscaling/v2',
  'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1', 'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'node.k8s.io/v1',
  'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1', 'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2', 'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1', 'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];
const DEFAULT_API_VERSIONS: ReadonlySet<string> = new Set([...API_VERSION_ORDER]);

/** The Helm whose behaviour the engine follows (.Capabilities.HelmVersion: the build of helm v4.1.4 the golden suite ran). */
const HELM_VERSION = new GoStruct(
  'version.BuildInfo',
  new Map<string, GoValue>([['Version', 'v4.1.4'], ['GitCommit', '05fa37973dc9e42b76e1d2883494c87174b6074f'], ['GitTreeState', 'clean'], ['GoVersion', 'go1.25.9'], ['KubeClientVersion', 'v1.35']]),
);

/**
 * .Capabilities: a pointer to a struct, printed `&{...}` by fmt and `{...}` by a template action. KubeVersion is a
 * struct with an unexported normalizedVersion and a String method on its pointer: a template action prints the
 * version, fmt (print, toString, quote, printf) the struct.
 */
export function capabilities(kubeVersion: string): GoStruct {
  const m = /^v?(\d+)\.(\d+)/.exec(kubeVersion);
  const [major, minor] = [m?.[1] ?? '1', m?.[2] ?? '0'];
  const kv = new GoStruct(
    'common.KubeVersion',
    new Map<string, GoValue>([
      ['Version', kubeVersion],
      ['Major', major],
      ['Minor', minor],
      ['GitVersion', kubeVersion],
    ]),
    new Map(),
    undefined,
    {
      addrStr: kubeVersion,
      show: (plus) => (plus ? `{Version:${kubeVersion} normalizedVersion:${kubeVersion} Major:${major} Minor:${minor}}` : `{${kubeVersion} ${kubeVersion} ${major} ${minor}}`),
    },
  );
  const has: GoFunc = { kind: 'func', name: 'Has', call: (a: GoValue[]) => DEFAULT_API_VERSIONS.has(String(a[0])) };
  const apiVersions = new GoStruct('common.VersionSet', new Map(), new Map([['Has', has]]), undefined, { show: () => `[${API_VERSION_ORDER.join(' ')}]` });
  return new GoStruct('*common.Capabilities', new Map<string, GoValue>([['KubeVersion', kv], ['APIVersions', apiVersions], ['HelmVersion', HELM_VERSION]]));
}

/**
 * .Files (Helm's `engine.files`, a map of path -> content with methods): the chart's files outside templates/.
 * `Glob` returns the same kind of map, so `(.Files.Glob "x/*").AsConfig` and ranging over it work.
 */
export function filesObject(files: ChartFiles): GoMap {
  const entries = [...files].filter(([p]) => !p.startsWith('templates/') && p !== 'values.yaml' && p !== 'Chart.yaml');
  return filesMap(entries);
}

function filesMap(entries: [string, string][]): GoMap {
  const m: GoMap = new Map(entries);
  const get = (a: GoValue[]): string => {
    const v = m.get(String(a[0]));
    return typeof v === 'string' ? v : '';
  };
  const byBase = (encode: (s: string) => string): GoMap => new Map([...m].map(([p, v]) => [p.slice(p.lastIndexOf('/') + 1), encode(String(v))]));
  const method = (name: string, call: (a: GoValue[]) => GoValue): [string, GoFunc] => [name, { kind: 'func', name, call }];
  mapMethods.set(
    m,
    new Map([
      method('Get', get),
      method('GetBytes', get),
      method('Lines', (a) => {
        const s = get(a);
        return typedSlice(s === '' ? [] : (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n'), 'string');
      }),
      method('Glob', (a) => filesMap(entries.filter(([p]) => globMatch(String(a[0]), p)))),
      method('AsConfig', () => toYamlDoc(byBase((s) => s)).replace(/\n$/, '')),
      method('AsSecrets', () => toYamlDoc(byBase((s) => base64Encode(utf8Bytes(s)))).replace(/\n$/, '')),
    ]),
  );
  mapTypes.set(m, 'engine.files');
  return m;
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

