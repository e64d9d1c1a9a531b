/**
 * Views over RBAC objects of the `rbac.authorization.k8s.io` API group: the
 * policy rules of a Role or ClusterRole (each list item with its span) and
 * the role reference and subjects of a RoleBinding or ClusterRoleBinding.
 * Like workloads.ts, this is the one place that knows which kinds hold what;
 * kind names are typed from kubernetes-types.
 */
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { Span } from '../types';
import type { ResourceView } from './resource';
import { asMap, getNode, getPair, keySpan, nodeSpan, seqItems, stringValue } from './yaml-node';

type KindOf<T extends { kind?: string }> = NonNullable<T['kind']>;
export type RoleKind = KindOf<Role> | KindOf<ClusterRole>;
export type BindingKind = KindOf<RoleBinding> | KindOf<ClusterRoleBinding>;

export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';
/** The core API group ("" in apiGroups): pods, secrets, nodes, ... */
export const CORE_GROUP = '';
export const WILDCARD = '*';

/** Whether objects of the kind are cluster-wide (true) or namespaced (false). */
const ROLE_KINDS: Readonly<Record<RoleKind, boolean>> = { Role: false, ClusterRole: true };
const BINDING_KINDS: Readonly<Record<BindingKind, boolean>> = { RoleBinding: false, ClusterRoleBinding: true };

function inRbacGroup(resource: ResourceView): boolean {
  return resource.apiVersion.startsWith(`${RBAC_API_GROUP}/`);
}

const has = <K extends string>(table: Readonly<Record<K, boolean>>, kind: string): kind is K =>
  Object.prototype.hasOwnProperty.call(table, kind);

/** `Role "reader"` / `ClusterRole "reader"` for messages. */
function labelOf(resource: ResourceView): string {
  return `${resource.kind} "${resource.name ?? '(unnamed)'}"`;
}

/** One string item of a rule list (`verbs`, `resources`, ...), with its span. */
export interface RbacItem {
  value: string;
  span: Span;
}

/** One entry of `rules`. Lists that are missing or not sequences are empty. */
export interface PolicyRuleView {
  index: number;
  apiGroups: RbacItem[];
  resources: RbacItem[];
  verbs: RbacItem[];
  resourceNames: RbacItem[];
  nonResourceURLs: RbacItem[];
}

export type PolicyRuleList = 'apiGroups' | 'resources' | 'verbs' | 'resourceNames' | 'nonResourceURLs';

function items(map: ReturnType<typeof asMap>, key: PolicyRuleList, resource: ResourceView): RbacItem[] {
  const out: RbacItem[] = [];
  for (const item of seqItems(getNode(map, key), resource.doc)) {
    const value = stringValue(item, resource.doc);
    const span = nodeSpan(item);
    if (value !== undefined && span) out.push({ value, span });
  }
  return out;
}

export class RoleView {
  readonly label: string;
  readonly clusterWide: boolean;
  /**
   * The policy rules. Empty for an aggregated ClusterRole (`aggregationRule`):
   * the aggregation controller replaces its `rules` with those of the selected
   * ClusterRoles, which are checked where they are defined.
   */
  readonly rules: readonly PolicyRuleView[];
  readonly aggregated: boolean;

  private constructor(readonly resource: ResourceView, clusterWide: boolean) {
    this.label = labelOf(resource);
    this.clusterWide = clusterWide;
    this.aggregated = asMap(resource.get(['aggregationRule']), resource.doc) !== undefined;
    const rules: PolicyRuleView[] = [];
    if (!this.aggregated) {
      seqItems(resource.get(['rules']), resource.doc).forEach((node, index) => {
        const map = asMap(node, resource.doc);
        if (!map) return;
        rules.push({
          index,
          apiGroups: items(map, 'apiGroups', resource),
          resources: items(map, 'resources', resource),
          verbs: items(map, 'verbs', resource),
          resourceNames: items(map, 'resourceNames', resource),
          nonResourceURLs: items(map, 'nonResourceURLs', resource),
        });
      });
    }
    this.rules = rules;
  }

  /** A view when the object is an RBAC Role or ClusterRole, else undefined (the lint builds it once per object: see view-set.ts). */
  static from(resource: ResourceView): RoleView | undefined {
    if (!has(ROLE_KINDS, resource.kind) || !inRbacGroup(resource)) return undefined;
    return new RoleView(resource, ROLE_KINDS[resource.kind]);
  }
}

/** `roleRef` of a binding. */
export interface RoleRefView {
  kind: string | undefined;
  name: string | undefined;
  /** The `name` value, else the `roleRef` key. */
  span: Span;
}

/** One entry of `subjects`. */
export interface SubjectView {
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  /** The `name` value (where subject findings go). */
  nameSpan: Span;
}

export class BindingView {
  readonly label: string;
  readonly clusterWide: boolean;
  readonly roleRef: RoleRefView | undefined;
  readonly subjects: readonly SubjectView[];

  private constructor(readonly resource: ResourceView, clusterWide: boolean) {
    const doc = resource.doc;
    this.label = labelOf(resource);
    this.clusterWide = clusterWide;
    const refPair = getPair(resource.root, 'roleRef');
    const ref = asMap(refPair?.value, doc);
    const refName = getNode(ref, 'name');
    this.roleRef = ref
      ? {
          kind: stringValue(getNode(ref, 'kind'), doc),
          name: stringValue(refName, doc),
          span: nodeSpan(refName) ?? keySpan(refPair) ?? resource.kindSpan,
        }
      : undefined;
    const subjects: SubjectView[] = [];
    for (const node of seqItems(resource.get(['subjects']), doc)) {
      const map = asMap(node, doc);
      const nameNode = getNode(map, 'name');
      const nameSpan = nodeSpan(nameNode);
      if (!map || !nameSpan) continue;
      subjects.push({
        kind: stringValue(getNode(map, 'kind'), doc),
        name: stringValue(nameNode, doc),
        namespace: stringValue(getNode(map, 'namespace'), doc),
        nameSpan,
      });
    }
    this.subjects = subjects;
  }

  /** A view when the object is an RBAC RoleBinding or ClusterRoleBinding, else undefined (the lint builds it once per object: see view-set.ts). */
  static from(resource: ResourceView): BindingView | undefined {
    if (!has(BINDING_KINDS, resource.kind) || !inRbacGroup(resource)) return undefined;
    return new BindingView(resource, BINDING_KINDS[resource.kind]);
  }
}

/** Whether a rule applies to the API group (listed, or `*`). */
export function coversGroup(rule: PolicyRuleView, group: string): boolean {
  return rule.apiGroups.some((g) => g.value === group || g.value === WILDCARD);
}

/** The verbs of `wanted` the rule grants, `*` included as itself (deduplicated, in rule order). */
export function grantedVerbs(rule: PolicyRuleView, wanted: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const v of rule.verbs) {
    if ((v.value === WILDCARD || wanted.has(v.value)) && !out.includes(v.value)) out.push(v.value);
  }
  return out;
}

/**
 * Resource items the rule names explicitly from `table` (resource -> API
 * groups that serve it), counting only those whose group the rule covers.
 * A `*` resource is not expanded here: rbac-wildcard reports it.
 */
export function namedResources(rule: PolicyRuleView, table: Readonly<Record<string, readonly string[]>>): RbacItem[] {
  return rule.resources.filter(
    (r) => Object.prototype.hasOwnProperty.call(table, r.value) && table[r.value]!.some((g) => coversGroup(rule, g)),
  );
}
