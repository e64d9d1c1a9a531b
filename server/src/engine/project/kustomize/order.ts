/**
 * The order `kubectl kustomize` prints objects in: by default kustomize's legacy sort (SortOrderTransformer):
 * kinds ranked by a fixed list (Namespace first, webhooks last, others between), then by
 * group/version/kind, then by kind, namespace and name.
 */
import { isMap, isSeq } from 'yaml';
import { gvkOf, nameOf, namespaceOf, str, type Gvk, type Res } from './model';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

interface SortOptions {
  orderFirst: readonly string[];
  orderLast: readonly string[];
}

function rank(kind: string, options: SortOptions): number {
  const first = options.orderFirst.indexOf(kind);
  if (first >= 0) return first - options.orderFirst.length;
  const last = options.orderLast.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function gvkSortString(g: Gvk): string {
  return [g.group || '~G', g.version || '~V', g.kind || '~K'].join('_');
}

/** Go's byte-wise string order (UTF-16 code unit order agrees for the ASCII names kinds and ids use). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRes(a: Res, b: Res, options: SortOptions): number {
  const ga = gvkOf(a.obj.node);
  const gb = gvkOf(b.obj.node);
  if (ga.group !== gb.group || ga.version !== gb.version || ga.kind !== gb.kind) {
    const ra = rank(ga.kind, options);
    const rb = rank(gb.kind, options);
    if (ra !== rb) return ra - rb;
    const c = compare(gvkSortString(ga), gvkSortString(gb));
    // kustomize puts a Namespace without a group after the grouped ones when both are Namespaces.
    return ga.kind === 'Namespace' && gb.kind === 'Namespace' && (ga.group === '' || gb.group === '') ? -c : c;
  }
  const idString = (r: Res, g: Gvk): string =>
    [[g.kind || '[noKind]', g.version || '[noVer]', g.group || '[noGrp]'].join('.'), namespaceOf(r.obj.node) || '~X', nameOf(r.obj.node) || '~N'].join('|');
  return compare(idString(a, ga), idString(b, gb));
}

/**
 * The output order: the kustomization's `sortOptions` (fifo keeps the build order; legacy may
 * bring its own lists), else kubectl's default, the legacy order.
 */
export function sortOutput(ra: Res[], sortOptions: unknown): Res[] {
  if (isMap(sortOptions) && str(sortOptions.get('order', true)) === 'fifo') return ra;
  const legacy = isMap(sortOptions) ? sortOptions.get('legacySortOptions', true) : undefined;
  const list = (field: string, fallback: readonly string[]): readonly string[] => {
    const node = isMap(legacy) ? legacy.get(field, true) : undefined;
    return isSeq(node) ? node.items.map((i) => str(i) ?? '') : fallback;
  };
  const options = isMap(legacy) ? { orderFirst: list('orderFirst', []), orderLast: list('orderLast', []) } : { orderFirst: ORDER_FIRST, orderLast: ORDER_LAST };
  return [...ra].sort((a, b) => compareRes(a, b, options));
}
