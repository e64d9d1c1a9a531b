/**
 * Name references (kustomize's nameReference config and nameref filter, run once at the end of a
 * top-level build): a field that names another object (a ConfigMap in a volume or env, a Secret,
 * a ServiceAccount, a Role in a roleRef...) follows that object's renames (prefix, suffix, hash).
 * A referral is updated when exactly one object of the referenced kind once had that name (in the
 * referrer's namespace, for namespaced referrers); the new value's origin is the renamed object's
 * name (the namePrefix line, the generator entry).
 */
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Origin } from '../types';
import { gvkOf, isClusterScoped, nameOf, namespaceOf, setString, str, type BuildState, type Gvk, type Res } from './model';
import { specMatches, type FieldSpec } from './fieldspecs';

interface Referral {
  target: { kind: string; group?: string };
  referrers: FieldSpec[];
}

const POD_SPEC_AT: Record<string, string> = {
  Pod: 'spec',
  PodTemplate: 'template/spec',
  Deployment: 'spec/template/spec',
  ReplicaSet: 'spec/template/spec',
  DaemonSet: 'spec/template/spec',
  StatefulSet: 'spec/template/spec',
  Job: 'spec/template/spec',
  ReplicationController: 'spec/template/spec',
  CronJob: 'spec/jobTemplate/spec/template/spec',
};

function inPodSpecs(paths: string[], kinds = Object.keys(POD_SPEC_AT)): FieldSpec[] {
  return kinds.flatMap((kind) => paths.map((p) => ({ kind, path: `${POD_SPEC_AT[kind]}/${p}` })));
}

const WITHOUT_RC = Object.keys(POD_SPEC_AT).filter((k) => k !== 'ReplicationController');
const CONTAINERS = ['containers', 'initContainers'];

/** The referrers of each referenced kind (kustomize's namereference.go, its common entries). */
export const NAME_REFERENCES: readonly Referral[] = [
  {
    target: { kind: 'ConfigMap' },
    referrers: [
      ...inPodSpecs(
        ['volumes/configMap/name', 'volumes/projected/sources/configMap/name', ...CONTAINERS.flatMap((c) => [`${c}/env/valueFrom/configMapKeyRef/name`, `${c}/envFrom/configMapRef/name`])],
        WITHOUT_RC,
      ),
      { kind: 'Role', path: 'rules/resourceNames' },
      { kind: 'ClusterRole', path: 'rules/resourceNames' },
    ],
  },
  {
    target: { kind: 'Secret' },
    referrers: [
      ...inPodSpecs(
        ['volumes/secret/secretName', 'volumes/projected/sources/secret/name', 'imagePullSecrets/name', ...CONTAINERS.flatMap((c) => [`${c}/env/valueFrom/secretKeyRef/name`, `${c}/envFrom/secretRef/name`])],
        WITHOUT_RC,
      ),
      { kind: 'Ingress', path: 'spec/tls/secretName' },
      { kind: 'ServiceAccount', path: 'imagePullSecrets/name' },
      { kind: 'Role', path: 'rules/resourceNames' },
      { kind: 'ClusterRole', path: 'rules/resourceNames' },
      { kind: 'PersistentVolume', path: 'spec/azureFile/secretName' },
    ],
  },
  {
    target: { kind: 'Service' },
    referrers: [
      { kind: 'StatefulSet', group: 'apps', path: 'spec/serviceName' },
      { kind: 'Ingress', path: 'spec/rules/http/paths/backend/serviceName' },
      { kind: 'Ingress', path: 'spec/backend/serviceName' },
      { kind: 'Ingress', path: 'spec/rules/http/paths/backend/service/name' },
      { kind: 'Ingress', path: 'spec/defaultBackend/service/name' },
      { kind: 'APIService', group: 'apiregistration.k8s.io', path: 'spec/service/name' },
      { kind: 'ValidatingWebhookConfiguration', path: 'webhooks/clientConfig/service' },
      { kind: 'MutatingWebhookConfiguration', path: 'webhooks/clientConfig/service' },
    ],
  },
  { target: { kind: 'Role', group: 'rbac.authorization.k8s.io' }, referrers: [{ kind: 'RoleBinding', path: 'roleRef/name' }] },
  {
    target: { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io' },
    referrers: [
      { kind: 'RoleBinding', path: 'roleRef/name' },
      { kind: 'ClusterRoleBinding', path: 'roleRef/name' },
    ],
  },
  {
    target: { kind: 'ServiceAccount' },
    referrers: [
      { kind: 'RoleBinding', path: 'subjects' },
      { kind: 'ClusterRoleBinding', path: 'subjects' },
      ...inPodSpecs(['serviceAccountName'], Object.keys(POD_SPEC_AT).filter((k) => k !== 'ReplicaSet' && k !== 'PodTemplate')),
    ],
  },
  {
    target: { kind: 'PersistentVolumeClaim' },
    referrers: inPodSpecs(['volumes/persistentVolumeClaim/claimName'], Object.keys(POD_SPEC_AT).filter((k) => k !== 'ReplicaSet' && k !== 'PodTemplate')),
  },
  { target: { kind: 'PersistentVolume' }, referrers: [{ kind: 'PersistentVolumeClaim', path: 'spec/volumeName' }, { kind: 'ClusterRole', path: 'rules/resourceNames' }] },
  {
    target: { kind: 'StorageClass', group: 'storage.k8s.io' },
    referrers: [
      { kind: 'PersistentVolume', path: 'spec/storageClassName' },
      { kind: 'PersistentVolumeClaim', path: 'spec/storageClassName' },
      { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/storageClassName' },
    ],
  },
  {
    target: { kind: 'PriorityClass', group: 'scheduling.k8s.io' },
    referrers: inPodSpecs(['priorityClassName'], Object.keys(POD_SPEC_AT).filter((k) => k !== 'ReplicaSet' && k !== 'PodTemplate')),
  },
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    target: { kind },
    referrers: [{ kind: 'HorizontalPodAutoscaler', path: 'spec/scaleTargetRef/name' }],
  })),
  // (kustomize's IngressClass entry names the group "networking.k8s.io/v1", which no object has: kubectl never updates ingressClassName.)
];

/** The maps holding the path's last key, descending maps and entering every item of a sequence. */
function holders(node: unknown, parts: string[], visit: (map: YAMLMap, key: string) => void): void {
  if (isSeq(node)) {
    for (const item of node.items) holders(item, parts, visit);
    return;
  }
  if (!isMap(node) || parts.length === 0) return;
  if (parts.length === 1) {
    if (node.has(parts[0]!)) visit(node, parts[0]!);
    return;
  }
  holders(node.get(parts[0]!, true), parts.slice(1), visit);
}

function isTarget(r: Res, target: Referral['target']): boolean {
  const g = gvkOf(r.obj.node);
  return g.kind === target.kind && (target.group === undefined || g.group === target.group);
}

/** The objects of a referenced kind by every name they had, built once per candidate list of one fixNameReferences call. */
type NameIndexes = WeakMap<Res[], Map<string, Res[]>>;

function byName(candidates: Res[], indexes: NameIndexes): Map<string, Res[]> {
  let index = indexes.get(candidates);
  if (!index) {
    index = new Map();
    for (const c of candidates) {
      for (const n of new Set([nameOf(c.obj.node), ...c.previousNames])) {
        const list = index.get(n) ?? [];
        list.push(c);
        index.set(n, list);
      }
    }
    indexes.set(candidates, index);
  }
  return index;
}

const nsEquals = (a: string, b: string): boolean => (a || 'default') === (b || 'default');

/**
 * kustomize's SubsetThatCouldBeReferencedByResource: a namespaced referrer sees cluster-scoped
 * objects, those in its namespace, and (a RoleBinding) those in its ServiceAccount subjects' namespaces.
 */
function couldBeReferenced(referrer: Res, target: Res): boolean {
  const kind = gvkOf(referrer.obj.node).kind;
  if (isClusterScoped(kind) || isClusterScoped(gvkOf(target.obj.node).kind)) return true;
  const ns = namespaceOf(target.obj.node);
  if (nsEquals(namespaceOf(referrer.obj.node), ns)) return true;
  if (kind !== 'RoleBinding') return false;
  const subjects = referrer.obj.node.get('subjects', true);
  return isSeq(subjects) && subjects.items.some((s) => isMap(s) && str(s.get('kind', true)) === 'ServiceAccount' && s.has('namespace') && str(s.get('namespace', true)) === ns);
}

/** The one object the referral names, or undefined (none, or ambiguous). */
function select(name: string, candidates: Res[], referrer: Res, indexes: NameIndexes, refKind?: string): Res | undefined {
  const referrerGvk = gvkOf(referrer.obj.node);
  let found = (byName(candidates, indexes).get(name) ?? []).filter((c) => couldBeReferenced(referrer, c));
  if (refKind) found = found.filter((c) => gvkOf(c.obj.node).kind === refKind);
  if (!isClusterScoped(referrerGvk.kind)) {
    const ns = namespaceOf(referrer.obj.node);
    found = found.filter((c) => {
      const g: Gvk = gvkOf(c.obj.node);
      return isClusterScoped(g.kind) || g.kind === 'ServiceAccount' || nsEquals(namespaceOf(c.obj.node), ns);
    });
  }
  if (found.length <= 1) return found[0];
  // Several left: those built with the referrer's prefixes and suffixes (kustomize's prefixSuffixEquals).
  found = found.filter((c) => sameAffixes(c, referrer, true));
  if (found.length > 1) found = found.filter((c) => sameAffixes(c, referrer, false));
  if (found.length <= 1) return found[0];
  // Functionally the same object (same name and namespace): any; otherwise kubectl fails, and nothing changes here.
  const first = found[0]!;
  return found.every((c) => nameOf(c.obj.node) === nameOf(first.obj.node) && namespaceOf(c.obj.node) === namespaceOf(first.obj.node)) ? first : undefined;
}

/** kustomize's SameEndingSubSlice: the shorter list ends the longer one (two empty lists only match each other). */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  return short.every((x, i) => long[i + long.length - short.length] === x);
}

function sameAffixes(a: Res, b: Res, allowEmpty: boolean): boolean {
  const ok = (x: readonly string[], y: readonly string[]): boolean => (allowEmpty && (x.length === 0 || y.length === 0)) || sameEnding(x, y);
  return ok(a.prefixes, b.prefixes) && ok(a.suffixes, b.suffixes);
}

export function fixNameReferences(ra: Res[], state: BuildState): void {
  const renamed = ra.filter((r) => r.previousNames.length > 0 || r.previousNamespaces.length > 0);
  if (renamed.length === 0) return;
  const indexes: NameIndexes = new WeakMap();
  for (const referral of NAME_REFERENCES) {
    const candidates = renamed.filter((r) => isTarget(r, referral.target));
    if (candidates.length === 0) continue;
    const all = ra.filter((r) => isTarget(r, referral.target));
    for (const referrer of ra) {
      const gvk = gvkOf(referrer.obj.node);
      for (const spec of referral.referrers) {
        if (!specMatches(spec, gvk)) continue;
        holders(referrer.obj.node, spec.path.split('/'), (holder, key) => update(holder, key, all, referrer, referral, state, indexes));
      }
    }
  }
}

function nameOrigin(r: Res, state: BuildState): Origin | undefined {
  const node = r.obj.node.getIn(['metadata', 'name'], true);
  const o = isScalar(node) ? state.provenance.get(node) : undefined;
  return o ? { ...o, via: o.via ?? 'nameReference' } : undefined;
}

/** A referral map with a namespace (subjects, webhook services) looks in that original namespace, else in that current one. */
function byNamespaceField(map: YAMLMap, all: Res[]): Res[] {
  const ns = str(map.get('namespace', true));
  if (ns === undefined) return all;
  const effective = (n: string): string => n || 'default';
  const original = all.filter((r) => effective(r.previousNamespaces[0] ?? namespaceOf(r.obj.node)) === ns);
  return original.length > 0 ? original : all.filter((r) => namespaceOf(r.obj.node) === ns);
}

/** roleRef and scaleTargetRef name their target's kind next to its name. */
function refKindOf(holder: YAMLMap, key: string): string | undefined {
  return key === 'name' && holder.has('apiGroup') ? str(holder.get('kind', true)) : key === 'name' && holder.has('kind') && holder.has('apiVersion') ? str(holder.get('kind', true)) : undefined;
}

function update(holder: YAMLMap, key: string, all: Res[], referrer: Res, referral: Referral, state: BuildState, indexes: NameIndexes): void {
  const value = holder.get(key, true);
  const setName = (map: YAMLMap, field: string, name: string, target: Res): void => {
    if (name === nameOf(target.obj.node)) return;
    setString(map, field, nameOf(target.obj.node), nameOrigin(target, state) ?? state.provenance.get(map)!, state.provenance);
  };
  if (isSeq(value)) {
    // A list of names (rules/resourceNames) or of subjects.
    for (const [i, item] of value.items.entries()) {
      if (isMap(item)) {
        if (key !== 'subjects' || str(item.get('kind', true)) !== referral.target.kind) continue;
        const name = str(item.get('name', true));
        const target = name === undefined ? undefined : select(name, byNamespaceField(item, all), referrer, indexes);
        if (!target || name === undefined) continue;
        setName(item, 'name', name, target);
        const ns = namespaceOf(target.obj.node);
        if (ns && str(item.get('namespace', true)) !== ns) setString(item, 'namespace', ns, nameOrigin(target, state) ?? state.provenance.get(item)!, state.provenance);
      } else {
        const name = str(item);
        const target = name === undefined ? undefined : select(name, all, referrer, indexes, refKindOf(holder, key));
        if (target && name !== nameOf(target.obj.node)) {
          const scalar = value.items[i];
          if (isScalar(scalar)) {
            const next = scalar.clone() as typeof scalar;
            next.value = nameOf(target.obj.node);
            state.provenance.set(next, nameOrigin(target, state) ?? state.provenance.get(scalar)!);
            value.items[i] = next;
          }
        }
      }
    }
    return;
  }
  if (isMap(value)) {
    // webhooks' clientConfig.service: {name, namespace}.
    const name = str(value.get('name', true));
    const target = name === undefined ? undefined : select(name, byNamespaceField(value, all), referrer, indexes);
    if (!target || name === undefined) return;
    setName(value, 'name', name, target);
    const ns = namespaceOf(target.obj.node);
    if (ns) setString(value, 'namespace', ns, nameOrigin(target, state) ?? state.provenance.get(value)!, state.provenance);
    return;
  }
  const name = str(value);
  if (name === undefined) return;
  const target = select(name, all, referrer, indexes, refKindOf(holder, key));
  if (target) setName(holder, key, name, target);
}
