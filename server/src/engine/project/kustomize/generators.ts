/**
 * configMapGenerator and secretGenerator (kustomize's ConfigMapGenerator/SecretGenerator and the
 * accumulator's merge/replace): objects made from literals, files and env files, their origins at
 * the entry (the name), the literal line, the file or the env file line. The hash suffix is added
 * at the end of the top-level build (hashnames.ts).
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, type Node } from 'yaml';
import { basenameOf, joinPath } from '../paths';
import type { Origin, ProjectHost, ProjectPath } from '../types';
import { withinRoot } from './load';
import { ensureMap, gvkOf, hasId, nameOf, namespaceOf, newRes, problem, setNode, setString, spanOf, str, type BuildState, type Res, type Kustomization } from './model';
import { base64 } from './hash';

interface Options {
  labels: Map<string, { value: string; origin: Origin }>;
  annotations: Map<string, { value: string; origin: Origin }>;
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

type Kind = 'ConfigMap' | 'Secret';

function readOptions(k: Kustomization, node: unknown, via: string): Options {
  const out: Options = { labels: new Map(), annotations: new Map(), disableNameSuffixHash: false, immutable: false };
  if (!isMap(node)) return out;
  for (const field of ['labels', 'annotations'] as const) {
    const m = node.get(field, true);
    if (!isMap(m)) continue;
    for (const pair of m.items) {
      const key = str(pair.key);
      const value = str(pair.value) ?? '';
      if (key !== undefined) out[field].set(key, { value, origin: { file: k.file, span: spanOf(pair.value as Node), keySpan: spanOf(pair.key as Node), via } });
    }
  }
  const flag = (n: string): boolean => isScalar(node.get(n, true)) && (node.get(n, true) as Scalar).value === true;
  out.disableNameSuffixHash = flag('disableNameSuffixHash');
  out.immutable = flag('immutable');
  return out;
}

/** kustomize's MergeGlobalOptionsIntoLocal: the entry's labels and annotations win; either flag set sets it. */
function mergeOptions(local: Options, global: Options): Options {
  for (const field of ['labels', 'annotations'] as const) for (const [k, v] of global[field]) if (!local[field].has(k)) local[field].set(k, v);
  return { ...local, disableNameSuffixHash: local.disableNameSuffixHash || global.disableNameSuffixHash, immutable: local.immutable || global.immutable };
}

/** kustomize's removeQuotes: matching outer single or double quotes are dropped. */
function removeQuotes(s: string): string {
  return s.length >= 2 && s[0] === s[s.length - 1] && (s[0] === '"' || s[0] === "'") ? s.slice(1, -1) : s;
}

interface KeyValue {
  key: string;
  value: string;
  origin: Origin;
}

function stringList(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

function readFileIn(k: Kustomization, path: ProjectPath, entry: Node, host: ProjectHost, state: BuildState): string | undefined {
  if (!withinRoot(k.dir, path)) {
    problem(state, k.file, entry, `security; file '${path}' is not in or below '${k.dir}'`);
    return undefined;
  }
  const text = host.readFile(path);
  if (text === undefined) problem(state, k.file, entry, `file '${path}' not found`);
  else state.inputs.add(path);
  return text;
}

/** The key/value pairs of an entry, in kustomize's order: env files, literals, files. */
function pairsOf(k: Kustomization, entry: YAMLMap, via: string, host: ProjectHost, state: BuildState): KeyValue[] | undefined {
  const out: KeyValue[] = [];
  const envs = [...stringList(entry.get('envs', true))];
  const env = entry.get('env', true);
  if (isScalar(env)) envs.push(env);
  for (const node of envs) {
    const path = joinPath(k.dir, str(node) ?? '');
    const text = readFileIn(k, path, node, host, state);
    if (text === undefined) return undefined;
    let offset = 0;
    for (const [i, raw] of text.split('\n').entries()) {
      const lineStart = offset;
      offset += raw.length + 1;
      let line = raw.replace(/\r$/, '');
      if (i === 0) line = line.replace(/^\uFEFF/, '');
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
        problem(state, k.file, node, `env file ${basenameOf(path)}: "${key}" is not a valid environment variable name`);
        return undefined;
      }
      out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1), origin: { file: path, span: { start: lineStart, end: lineStart + raw.replace(/\r$/, '').length }, via } });
    }
  }
  for (const node of stringList(entry.get('literals', true))) {
    const source = str(node) ?? '';
    const eq = source.indexOf('=');
    if (eq <= 0) {
      problem(state, k.file, node, `invalid literal source ${source}, expected key=value`);
      return undefined;
    }
    out.push({ key: source.slice(0, eq), value: removeQuotes(source.slice(eq + 1)), origin: { file: k.file, span: spanOf(node), via } });
  }
  for (const node of stringList(entry.get('files', true))) {
    const source = str(node) ?? '';
    const parts = source.split('=');
    if (parts.length > 2 || (parts.length === 2 && (!parts[0] || !parts[1]))) {
      problem(state, k.file, node, `invalid file source "${source}": expected key=path or path`);
      return undefined;
    }
    const [key, file] = parts.length === 2 ? [parts[0]!, parts[1]!] : [basenameOf(source), source];
    const path = joinPath(k.dir, file);
    const text = readFileIn(k, path, node, host, state);
    if (text === undefined) return undefined;
    out.push({ key, value: text, origin: { file: path, span: { start: 0, end: text.length }, via } });
  }
  return out;
}

/** kyaml's encodeBase64: base64 in lines of 70, each ended by a newline once there is more than one line's worth. */
export function secretValue(value: string): string {
  const encoded = base64(value);
  if (Math.floor(encoded.length / 70) + 1 <= 1) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}

function makeObject(kind: Kind, name: string, namespace: string | undefined, entry: YAMLMap, pairs: KeyValue[], options: Options, k: Kustomization, via: string, state: BuildState): YAMLMap {
  const p = state.provenance;
  const entryOrigin: Origin = { file: k.file, span: spanOf(entry), via };
  const nameNode = entry.get('name', true) as Node;
  const obj = new YAMLMap();
  p.set(obj, entryOrigin);
  setString(obj, 'apiVersion', 'v1', entryOrigin, p);
  setString(obj, 'kind', kind, entryOrigin, p);
  const meta = ensureMap(obj, 'metadata', entryOrigin, p)!;
  setString(meta, 'name', name, { file: k.file, span: spanOf(nameNode), via }, p);
  if (namespace) setString(meta, 'namespace', namespace, { file: k.file, span: spanOf(entry.get('namespace', true) as Node), via }, p);
  for (const field of ['labels', 'annotations'] as const) {
    const entries = [...options[field]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) continue;
    const m = ensureMap(meta, field, entryOrigin, p)!;
    for (const [key, { value, origin }] of entries) setString(m, key, value, origin, p);
  }
  if (kind === 'Secret') {
    const typeNode = entry.get('type', true);
    setString(obj, 'type', str(typeNode) ?? 'Opaque', typeNode ? { file: k.file, span: spanOf(typeNode as Node), via } : entryOrigin, p);
  }
  if (pairs.length > 0 || kind === 'Secret') {
    const data = ensureMap(obj, 'data', entryOrigin, p)!;
    for (const pair of [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      setString(data, pair.key, kind === 'Secret' ? secretValue(pair.value) : pair.value, pair.origin, p);
    }
  }
  if (options.immutable) setNode(obj, 'immutable', new Scalar(true), entryOrigin, p);
  return obj;
}

function generate(k: Kustomization, kind: Kind, field: string, global: Options, ra: Res[], host: ProjectHost, state: BuildState): void {
  const list = k.field(field);
  if (list === undefined || list === null) return;
  if (!isSeq(list)) {
    problem(state, k.file, list as Node, `invalid kustomization: "${field}" must be a list`);
    return;
  }
  for (const entry of list.items) {
    if (!isMap(entry)) {
      problem(state, k.file, entry as Node, `invalid kustomization: a "${field}" entry must be a map`);
      continue;
    }
    const name = str(entry.get('name', true));
    if (!name) {
      problem(state, k.file, entry, `a ${kind === 'Secret' ? 'secret' : 'configmap'} must have a name`);
      continue;
    }
    const pairs = pairsOf(k, entry, field, host, state);
    if (!pairs) continue;
    const seen = new Set<string>();
    const repeated = pairs.find((p) => (seen.has(p.key) ? true : (seen.add(p.key), false)));
    if (repeated) {
      problem(state, k.file, entry, `${kind === 'Secret' ? 'secret' : 'configmap'} ${name} illegally repeats the key \`${repeated.key}\``);
      continue;
    }
    const options = mergeOptions(readOptions(k, entry.get('options', true), field), global);
    // kustomize reads any other behavior (`add`, a typo) as unspecified, which acts as create.
    const written = str(entry.get('behavior', true));
    const behavior: Res['behavior'] = written === 'merge' || written === 'replace' ? written : 'create';
    const namespace = str(entry.get('namespace', true));
    const obj = makeObject(kind, name, namespace, entry, pairs, options, k, field, state);
    const res = newRes({ node: obj, provenance: state.provenance, source: { file: k.file, span: spanOf(entry) } });
    res.needsHash = !options.disableNameSuffixHash;
    res.behavior = behavior;
    absorb(ra, res, k, entry, state);
  }
}

/** The accumulator's appendReplaceOrMerge: create adds; merge and replace change the one object with that id. */
function absorb(ra: Res[], res: Res, k: Kustomization, entry: YAMLMap, state: BuildState): void {
  const obj = res.obj.node;
  const kind = gvkOf(obj).kind;
  const name = nameOf(obj);
  const ns = namespaceOf(obj);
  const matches = ra.filter((r) => {
    const g = gvkOf(r.obj.node);
    return g.kind === kind && g.group === '' && hasId(r, name, ns);
  });
  if (matches.length === 0) {
    if (res.behavior === 'create') ra.push(res);
    else problem(state, k.file, entry, `id ${kind} ${name} does not exist; cannot merge or replace`);
    return;
  }
  if (matches.length > 1 || res.behavior === 'create') {
    problem(state, k.file, entry, matches.length > 1 ? `found multiple objects that could accept merge of ${kind} ${name}` : `id ${kind} ${name} exists; behavior must be merge or replace`);
    return;
  }
  const old = matches[0]!;
  mergeInto(old, res, state);
  ra[ra.indexOf(old)] = res;
}

/** kustomize's CopyMergeMetaDataFieldsFrom (and MergeDataMapFrom for merge): the new object takes the old one's place. */
function mergeInto(old: Res, res: Res, state: BuildState): void {
  const p = state.provenance;
  const from = old.obj.node;
  const to = res.obj.node;
  const meta = ensureMap(to, 'metadata', p.get(to)!, p)!;
  const fields: string[][] = [['metadata', 'labels'], ['metadata', 'annotations']];
  if (res.behavior === 'merge') fields.push(['data'], ['binaryData']);
  for (const path of fields) {
    const source = from.getIn(path, true);
    if (!isMap(source)) continue;
    const parent = path.length === 2 ? meta : to;
    const target = ensureMap(parent, path[path.length - 1]!, p.get(source) ?? p.get(to)!, p)!;
    for (const pair of source.items) {
      const key = str(pair.key);
      if (key === undefined || target.has(key)) continue;
      const value = p.copy(pair.value as Node);
      target.items.push(new Pair(p.copy(pair.key as Node), value));
    }
  }
  const nameNode = from.getIn(['metadata', 'name'], true);
  const namePair = meta.items.find((x) => str(x.key) === 'name');
  if (isScalar(nameNode) && namePair) namePair.value = p.copy(nameNode);
  const nsNode = from.getIn(['metadata', 'namespace'], true);
  if (isScalar(nsNode)) setNode(meta, 'namespace', p.copy(nsNode), p.get(nsNode) ?? p.get(to)!, p);
  res.previousNames = [...old.previousNames];
  res.previousNamespaces = [...old.previousNamespaces];
  res.previousIds = [...old.previousIds];
  res.prefixes = [...old.prefixes];
  res.suffixes = [...old.suffixes];
  res.needsHash = res.needsHash && old.needsHash;
}

export function runGenerators(k: Kustomization, ra: Res[], host: ProjectHost, state: BuildState): void {
  const global = readOptions(k, k.field('generatorOptions'), 'generatorOptions');
  const clone = (): Options => ({ ...global, labels: new Map(global.labels), annotations: new Map(global.annotations) });
  generate(k, 'ConfigMap', 'configMapGenerator', clone(), ra, host, state);
  generate(k, 'Secret', 'secretGenerator', clone(), ra, host, state);
}
