/**
 * The order `kubectl kustomize` prints objects in: kustomize's legacy sort (SortOrderTransformer):
 * kinds ranked by a fixed list (Namespace first, webhooks last, others between), then by
 * group/version/kind, then by kind, namespace and name.
 */
import { gvkOf, nameOf, namespaceOf, type Gvk, type Res } from './model';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function gvkSortString(g: Gvk): string {
  return [g.group || '~G', g.version || '~V', g.kind || '~K'].join('_');
}

/** Go's byte-wise string order (UTF-16 code unit order agrees for the ASCII names kinds and ids use). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRes(a: Res, b: Res): number {
  const ga = gvkOf(a.obj.node);
  const gb = gvkOf(b.obj.node);
  if (ga.group !== gb.group || ga.version !== gb.version || ga.kind !== gb.kind) {
    const ra = rank(ga.kind);
    const rb = rank(gb.kind);
    if (ra !== rb) return ra - rb;
    const c = compare(gvkSortString(ga), gvkSortString(gb));
    // kustomize puts a Namespace without a group after the grouped ones when both are Namespaces.
    return ga.kind === 'Namespace' && gb.kind === 'Namespace' && (ga.group === '' || gb.group === '') ? -c : c;
  }
  const idString = (r: Res, g: Gvk): string =>
    [[g.kind || '[noKind]', g.version || '[noVer]', g.group || '[noGrp]'].join('.'), namespaceOf(r.obj.node) || '~X', nameOf(r.obj.node) || '~N'].join('|');
  return compare(idString(a, ga), idString(b, gb));
}

export function legacySort(ra: Res[]): Res[] {
  return [...ra].sort(compareRes);
}
