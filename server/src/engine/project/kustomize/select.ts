/**
 * Which objects a kustomize patch applies to: the patch's own id (apiVersion, kind, name and
 * namespace, matched against each object's current and previous ids), or a `target` selector
 * (group, version, kind, name and namespace as anchored regular expressions, labelSelector and
 * annotationSelector in Kubernetes label-selector syntax).
 */
import { RE2JS } from 're2js';
import { isMap, isPair } from 'yaml';
import type { BuiltObject } from '../types';
import { field, scalarText, textAt } from './patch-nodes';

/** A patch's `target`: group, version, kind, name and namespace are regexes (anchored), the selectors label-selector syntax. */
export interface TargetSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

/** Kinds kustomize treats as cluster-scoped (their effective namespace is none). */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus', 'CSIDriver', 'CSINode',
  'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
]);

/** "default" for a namespaced object without a namespace, "" for a cluster-scoped one. */
function effectiveNamespace(id: ResId): string {
  if (CLUSTER_SCOPED.has(id.kind)) return '';
  return id.namespace || 'default';
}

export function idOf(node: unknown): ResId {
  const apiVersion = textAt(node, 'apiVersion') ?? '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: textAt(node, 'kind') ?? '',
    name: textAt(node, 'metadata', 'name') ?? '',
    namespace: textAt(node, 'metadata', 'namespace') ?? '',
  };
}

/** kustomize's id text ("Deployment.v1.apps/web.[noNs]"). */
export function idText(id: ResId): string {
  return `${id.kind}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name}.${id.namespace || '[noNs]'}`;
}

/** Names and namespaces an object had before transformers renamed it (kustomize's previous ids). */
export interface PreviousIds {
  names: readonly string[];
  namespaces: readonly string[];
}

/**
 * Tells the patches the names and namespaces the object had before a namePrefix, namespace or
 * other transformer changed them: kustomize matches a patch against an object's current and
 * previous ids, so a patch written against a base's names still finds the renamed object.
 */
export function setPreviousIds(obj: BuiltObject, ids: PreviousIds): void {
  obj.previous = ids;
}

/** The object's current id, then its ids under its previous names and namespaces. */
function idsOf(obj: BuiltObject): ResId[] {
  const current = idOf(obj.node);
  const prev = obj.previous;
  if (!prev) return [current];
  // One previous id per rename step: names[i] goes with namespaces[i] (kustomize keeps them as pairs).
  const steps = Math.max(prev.names.length, prev.namespaces.length);
  const ids = [current];
  for (let i = 0; i < steps; i++) ids.push({ ...current, name: prev.names[i] ?? current.name, namespace: prev.namespaces[i] ?? current.namespace });
  return ids;
}

function sameId(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** The object has this id now or had it before a transformer renamed it. */
export function matchesId(obj: BuiltObject, id: ResId): boolean {
  return idsOf(obj).some((x) => sameId(x, id));
}

type Requirement = { key: string; op: 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt'; values: string[] };

/** Parses a label selector ("app=web,tier in (a,b),!legacy"); throws on bad syntax. */
export function parseLabelSelector(text: string): Requirement[] {
  const out: Requirement[] = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') {
      if (text.trim() === '') continue;
      throw new Error(`found '', expected: identifier`);
    }
    let m: RegExpExecArray | null;
    if ((m = /^!\s*([\w./-]+)$/.exec(part))) out.push({ key: m[1]!, op: '!', values: [] });
    else if ((m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) out.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()) });
    else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part))) out.push({ key: m[1]!, op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]!] });
    else if ((m = /^([\w./-]+)\s*([<>])\s*(-?\d+)$/.exec(part))) out.push({ key: m[1]!, op: m[2] === '>' ? 'gt' : 'lt', values: [m[3]!] });
    else if ((m = /^([\w./-]+)$/.exec(part))) out.push({ key: m[1]!, op: 'exists', values: [] });
    else throw new Error(`unable to parse requirement: ${part}`);
  }
  return out;
}

function matchesRequirements(labels: Map<string, string>, reqs: Requirement[]): boolean {
  return reqs.every((r) => {
    const v = labels.get(r.key);
    switch (r.op) {
      case 'exists':
        return v !== undefined;
      case '!':
        return v === undefined;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'gt':
      case 'lt':
        return v !== undefined && /^-?\d+$/.test(v) && (r.op === 'gt' ? Number(v) > Number(r.values[0]) : Number(v) < Number(r.values[0]));
    }
  });
}

function stringMap(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isMap(node)) for (const p of node.items) if (isPair(p)) out.set(scalarText(p.key) ?? '', scalarText(p.value) ?? '');
  return out;
}

/** A compiled `target`; throws (the message kustomize gives) when a regex or selector is invalid. */
export function compileSelector(t: TargetSelector): (obj: BuiltObject) => boolean {
  // Go's regexp syntax and linear-time matching (RE2), as kustomize compiles target patterns: a pattern in a
  // kustomization is untrusted input, and a backtracking RegExp could take exponential time on it.
  const re = (pattern: string | undefined): { test(s: string): boolean } | undefined => {
    if (!pattern) return undefined;
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(`^(?:${pattern})$`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new Error(message.startsWith('error parsing regexp') ? message : `error parsing regexp: ${message}`);
    }
    return { test: (s) => compiled.matches(s) };
  };
  const [group, version, kind, name, namespace] = [t.group, t.version, t.kind, t.name, t.namespace].map(re);
  const labels = t.labelSelector ? parseLabelSelector(t.labelSelector) : undefined;
  const annotations = t.annotationSelector ? parseLabelSelector(t.annotationSelector) : undefined;
  return (obj) => {
    const node = obj.node;
    const ids = idsOf(obj);
    const current = ids[0]!;
    if (namespace && !ids.some((id) => namespace.test(effectiveNamespace(id) || '_non_namespaceable_'))) return false;
    if (name && !ids.some((id) => name.test(id.name))) return false;
    if (group && !group.test(current.group)) return false;
    if (version && !version.test(current.version)) return false;
    if (kind && !kind.test(current.kind)) return false;
    const meta = field(node, 'metadata');
    if (labels && !matchesRequirements(stringMap(field(meta, 'labels')), labels)) return false;
    if (annotations && !matchesRequirements(stringMap(field(meta, 'annotations')), annotations)) return false;
    return true;
  };
}
