/**
 * Kustomize's field specs (api/internal/konfig/builtinpluginconsts): which fields of which kinds a
 * transformer sets, and the walk that finds them (a path's segments descend maps; a sequence on the
 * way is entered item by item; `create` adds missing maps).
 */
import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { Origin, Provenance } from '../types';
import { ensureMap, str, type Gvk } from './model';

export interface FieldSpec {
  path: string;
  create?: boolean;
  group?: string;
  version?: string;
  kind?: string;
}

export function specMatches(spec: FieldSpec, gvk: Gvk): boolean {
  return (!spec.group || spec.group === gvk.group) && (!spec.version || spec.version === gvk.version) && (!spec.kind || spec.kind === gvk.kind);
}

const WORKLOAD_TEMPLATES: FieldSpec[] = [
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

/**
 * metadataLabelsFieldSpecs as kustomize v5.5 (kubectl's) has them: the object's labels, its pod
 * template's and a StatefulSet's volume claim templates'.
 */
export const TEMPLATE_LABELS: FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  ...WORKLOAD_TEMPLATES,
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
];

const AFFINITY = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** commonLabelFieldSpecs: labels, pod template labels and the selectors that must select them. */
export const COMMON_LABELS: FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...AFFINITY.map((path) => ({ path, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...AFFINITY.map((path) => ({ path, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/selector/matchLabels', group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  ...TEMPLATE_LABELS,
];

export const METADATA_LABELS: FieldSpec[] = [{ path: 'metadata/labels', create: true }];

export const COMMON_ANNOTATIONS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...WORKLOAD_TEMPLATES.map((s) => ({ ...s, path: s.path.replace(/labels$/, 'annotations') })).map((s) => (s.kind === 'StatefulSet' ? { ...s, group: undefined } : s)),
];

export const REPLICAS: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ path: 'spec/replicas', create: true, kind }));

/** A path's segments: `/` separates, `\/` is a slash inside a key, a trailing `[]` only says "a list". */
function segments(path: string): string[] {
  return path
    .split(/(?<!\\)\//)
    .map((s) => s.replace(/\\\//g, '/').replace(/\[\]$/, ''))
    .filter(Boolean);
}

/**
 * Calls `visit(map, key)` for every map holding the spec's last key, creating the maps on the way
 * when the spec says `create` (created maps get `origin`). `visit` decides what to do with the key.
 */
export function walkSpec(root: YAMLMap, spec: FieldSpec, origin: Origin, provenance: Provenance, visit: (parent: YAMLMap, key: string) => void): void {
  const parts = segments(spec.path);
  const step = (node: unknown, i: number): void => {
    if (isSeq(node)) {
      for (const item of node.items) step(item, i);
      return;
    }
    if (!isMap(node)) return;
    const key = parts[i]!;
    if (i === parts.length - 1) {
      if (spec.create || node.has(key)) visit(node, key);
      return;
    }
    const next = node.get(key, true);
    if (isMap(next) || isSeq(next)) step(next, i + 1);
    else if (spec.create && (next === undefined || next === null || str(next) === undefined)) {
      const created = ensureMap(node, key, origin, provenance);
      if (created) step(created, i + 1);
    }
  };
  if (parts.length > 0) step(root, 0);
}
