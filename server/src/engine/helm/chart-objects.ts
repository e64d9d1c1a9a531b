/**
 * The built-in objects a chart's templates see besides .Values and .Release: .Chart (Chart.yaml as Helm 4 maps it),
 * .Capabilities (a Kubernetes version and the API versions `helm template` knows offline) and .Files.
 */
import { parseDocument } from 'yaml';
import bundleJson from '../../../../schemas/kubernetes/bundle.json';
import { GoStruct, typedSlice, type GoMap, type GoValue } from './values';

export interface TemplateError {
  message: string;
  /** File (chart-relative) and offset the error points at, when known. */
  file?: string;
  offset?: number;
  line?: number;
  col?: number;
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

/** .Chart as Helm 4 builds it: a map of chart.Metadata's Go field names (nested structs as maps, nil slices empty). */
export function chartMetadata(text: string | undefined): { meta: GoMap; name: string } | { error: TemplateError } {
  if (text === undefined) return { error: { message: 'Chart.yaml file is missing', file: 'Chart.yaml' } };
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { error: { message: doc.errors[0]!.message, file: 'Chart.yaml', offset: doc.errors[0]!.pos[0] } };
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  const meta: GoMap = new Map();
  for (const [goName, key] of META_FIELDS) {
    const v = raw[key];
    if (key === 'deprecated') meta.set(goName, v === true);
    else if (key === 'annotations') meta.set(goName, v && typeof v === 'object' ? new Map(Object.entries(v).map(([k, x]) => [k, String(x)])) : null);
    else if (SUB_FIELDS[key]) {
      const items = Array.isArray(v) ? v : [];
      meta.set(goName, items.map((item: Record<string, unknown>) => new Map(SUB_FIELDS[key]!.map(([g, k]) => [g, k === 'enabled' ? item?.[k] === true : goField(item?.[k], k === 'tags' || k === 'import-values')]))));
    } else meta.set(goName, goField(v, LIST_FIELDS.has(key)));
  }
  meta.set('IsRoot', true);
  return { meta, name: typeof raw.name === 'string' ? raw.name : '' };
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

export function capabilities(kubeVersion: string): GoStruct {
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

export function filesObject(files: ChartFiles): GoStruct {
  const plain = [...files.keys()].filter((p) => !p.startsWith('templates/') && p !== 'values.yaml' && p !== 'Chart.yaml');
  const get = (args: GoValue[]): GoValue => files.get(String(args[0])) ?? '';
  const method = (name: string, call: (a: GoValue[]) => GoValue) => [name, { kind: 'func' as const, name, call }] as const;
  return new GoStruct(
    'engine.files',
    new Map(),
    new Map([
      method('Get', get),
      method('GetBytes', get),
      method('Lines', (a) => typedSlice(String(get(a)).split('\n'), 'string')),
      method('Glob', (a) => new GoStruct('engine.files', new Map(plain.filter((p) => globMatch(String(a[0]), p)).map((p) => [p, files.get(p)!] as [string, GoValue])))),
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

