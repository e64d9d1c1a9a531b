/**
 * The kustomize builder's working model: resources with the side data kustomize keeps for them
 * (names before renames, whether a generated name still needs its hash), node helpers and
 * provenance marking.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, type Node } from 'yaml';
import type { Span } from '../../types';
import type { BuiltObject, Origin, ProjectPath, ProjectProblem, Provenance } from '../types';

/** A built object and what kustomize remembers about it. */
export interface Res {
  obj: BuiltObject;
  /** Names the object had before prefixes, suffixes and hashes (the original first). */
  previousNames: string[];
  previousNamespaces: string[];
  /** The ids (name and namespace together) it had before each rename, the original first (kustomize's PrevIds). */
  previousIds: { name: string; namespace: string }[];
  /** The namePrefix / nameSuffix values applied to it, innermost first (kustomize's build annotations). */
  prefixes: string[];
  suffixes: string[];
  /** A generated ConfigMap/Secret whose name gets the content hash at the end of the top-level build. */
  needsHash: boolean;
  /** generator behavior, for objects a generator made: create, merge or replace. */
  behavior?: 'create' | 'merge' | 'replace';
}

/** A kustomization file read (load.ts): its fields by name. */
export interface Kustomization {
  file: ProjectPath;
  dir: ProjectPath;
  root: YAMLMap;
  kind: string;
  field(name: string): unknown;
}

/** Problems and read files of one top-level build. */
export interface BuildState {
  problems: ProjectProblem[];
  inputs: Set<ProjectPath>;
  patches: Set<ProjectPath>;
  resources: Set<ProjectPath>;
  kustomizations: Set<ProjectPath>;
  provenance: Provenance;
}

export function spanOf(node: Node | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** Gives every node of a tree read from `file` its own range (and a map value its key's range). */
export function markTree(node: unknown, file: ProjectPath, provenance: Provenance, keySpan?: Span, remap?: (span: Span) => Span): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  const at = (x: Node): Span => (remap ? remap(spanOf(x)) : spanOf(x));
  provenance.set(n, keySpan ? { file, span: at(n), keySpan } : { file, span: at(n) });
  if (isMap(n)) {
    for (const pair of n.items) {
      const key = pair.key as Node | null;
      if (key && typeof key === 'object') markTree(key, file, provenance, undefined, remap);
      markTree(pair.value, file, provenance, key && typeof key === 'object' ? at(key) : undefined, remap);
    }
  } else if (isSeq(n)) {
    for (const item of n.items) markTree(item, file, provenance, undefined, remap);
  }
}

export function str(node: unknown): string | undefined {
  if (isScalar(node) && node.value !== null && node.value !== undefined && typeof node.value !== 'object') return String(node.value);
  return undefined;
}

export function getIn(node: unknown, path: readonly string[]): unknown {
  let cur = node;
  for (const key of path) {
    if (!isMap(cur)) return undefined;
    cur = cur.get(key, true);
  }
  return cur;
}

export function getStr(node: unknown, path: readonly string[]): string | undefined {
  return str(getIn(node, path));
}

/** A new string scalar (kubectl prints these as strings, quoting values that would read as numbers). */
export function stringScalar(value: string): Scalar<string> {
  return new Scalar(value);
}

/** Sets map[key] to `value` (given `origin`), keeping the key node when the key exists (a new key gets `origin` too). */
export function setNode(map: YAMLMap, key: string, value: Node, origin: Origin, provenance: Provenance): void {
  provenance.set(value, origin);
  const pair = map.items.find((p) => str(p.key) === key);
  if (pair) pair.value = value;
  else {
    const k = stringScalar(key);
    provenance.set(k, origin);
    map.items.push(new Pair(k, value));
  }
}

/** Sets map[key] to a new string scalar with `origin`. */
export function setString(map: YAMLMap, key: string, value: string, origin: Origin, provenance: Provenance): void {
  setNode(map, key, stringScalar(value), origin, provenance);
}

/** The map at map[key], created (with `origin`) when missing or null; undefined when something else is there. */
export function ensureMap(map: YAMLMap, key: string, origin: Origin, provenance: Provenance): YAMLMap | undefined {
  const pair = map.items.find((p) => str(p.key) === key);
  if (pair && isMap(pair.value)) return pair.value;
  if (pair && pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) return undefined;
  const created = new YAMLMap();
  provenance.set(created, origin);
  if (pair) pair.value = created;
  else {
    const k = stringScalar(key);
    provenance.set(k, origin);
    map.items.push(new Pair(k, created));
  }
  return created;
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export function gvkOf(node: YAMLMap): Gvk {
  const apiVersion = getStr(node, ['apiVersion']) ?? '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: getStr(node, ['kind']) ?? '',
  };
}

export function nameOf(node: YAMLMap): string {
  return getStr(node, ['metadata', 'name']) ?? '';
}

export function namespaceOf(node: YAMLMap): string {
  return getStr(node, ['metadata', 'namespace']) ?? '';
}

/** Kustomize's resource id as its messages print it ("Deployment.v1.apps/web.prod"). */
export function idString(node: YAMLMap): string {
  const gvk = gvkOf(node);
  const ns = namespaceOf(node);
  const groupVersion = gvk.group ? `${gvk.version}.${gvk.group}` : gvk.version;
  return `${gvk.kind}.${groupVersion}/${nameOf(node)}.${ns || '[noNs]'}`;
}

/** Kinds kustomize treats as cluster-scoped (no metadata.namespace is set on them). */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus', 'CSIDriver', 'CSINode',
  'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview',
  'StorageClass', 'SubjectAccessReview', 'TokenReview', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'VolumeAttachment', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'IPAddress', 'ServiceCIDR',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function problem(state: BuildState, file: ProjectPath, node: Node | null | undefined, message: string, severity: 'error' | 'info' = 'error'): void {
  state.problems.push({ file, span: spanOf(node), message, severity });
}

export function newRes(obj: BuiltObject): Res {
  return { obj, previousNames: [], previousNamespaces: [], previousIds: [], prefixes: [], suffixes: [], needsHash: false };
}

/** kustomize's StorePreviousId: remembers the object's current id before a transformer changes it. */
export function storePreviousId(r: Res): void {
  const name = nameOf(r.obj.node);
  const namespace = namespaceOf(r.obj.node);
  r.previousIds.push({ name, namespace });
  r.previousNames.push(name);
  r.previousNamespaces.push(namespace);
}

/** The object has (or had) this name in this namespace ("" and "default" are the same namespace). */
export function hasId(r: Res, name: string, namespace: string): boolean {
  const same = (a: string, b: string): boolean => (a || 'default') === (b || 'default');
  return [{ name: nameOf(r.obj.node), namespace: namespaceOf(r.obj.node) }, ...r.previousIds].some((id) => id.name === name && same(id.namespace, namespace));
}
