/**
 * What a (Cluster)Role of the project grants, read from its node tree (an
 * object of the project index): every policy rule with the grants the RBAC
 * relation rule reports, and the node to point at as related information.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { child, strings, type IndexedObject, type ProjectIndex } from '../../project/index';
import { CORE_GROUP, RBAC_API_GROUP, WILDCARD } from '../../views/rbac';
import { WORKLOADS } from '../rbac/shared';

/** The dangerous grants, in the order messages list them. */
export const GRANTS = ['secrets', 'exec', 'escalate', 'bind', 'impersonate', 'workloads'] as const;
export type Grant = (typeof GRANTS)[number];

/** How messages name each grant. */
export const GRANT_WORDS: Readonly<Record<Grant, string>> = {
  secrets: 'read Secrets',
  exec: 'exec/attach into pods',
  escalate: 'escalate roles',
  bind: 'bind any role',
  impersonate: 'impersonate other identities',
  workloads: 'create pods or workloads',
};

export interface GrantingRule {
  /** The `rules` item (a map node) of the role. */
  node: Node;
  role: IndexedObject;
  /** Everything (all verbs on all resources of all API groups). */
  superuser: boolean;
  grants: Set<Grant>;
}

const READ = new Set(['get', 'list', 'watch', WILDCARD]);
const STREAM = new Set(['create', 'get', WILDCARD]);
const CREATE = new Set(['create', WILDCARD]);
const RBAC_RESOURCES = new Set(['roles', 'clusterroles']);
const IMPERSONATED = new Set(['users', 'groups', 'serviceaccounts', 'uids', 'userextras/*']);

/** Whether the rule names the resource (or `*`) in one of the groups that serve it (or `*`). */
function covers(groups: readonly string[], resources: readonly string[], resource: string, served: readonly string[]): boolean {
  const group = groups.includes(WILDCARD) || served.some((g) => groups.includes(g));
  return group && (resources.includes(WILDCARD) || resources.includes(resource));
}

/** The grants of one policy rule (its lists as strings). */
export function grantsOf(groups: readonly string[], resources: readonly string[], verbs: readonly string[], named: boolean): { superuser: boolean; grants: Set<Grant> } {
  const grants = new Set<Grant>();
  const has = (set: ReadonlySet<string>): boolean => verbs.some((v) => set.has(v));
  const superuser = groups.includes(WILDCARD) && resources.includes(WILDCARD) && verbs.includes(WILDCARD);
  if (!named && has(READ) && covers(groups, resources, 'secrets', [CORE_GROUP])) grants.add('secrets');
  if (has(STREAM) && (covers(groups, resources, 'pods/exec', [CORE_GROUP]) || covers(groups, resources, 'pods/attach', [CORE_GROUP]))) grants.add('exec');
  const rbac = [...RBAC_RESOURCES].some((r) => covers(groups, resources, r, [RBAC_API_GROUP]));
  if (rbac && (verbs.includes('escalate') || verbs.includes(WILDCARD))) grants.add('escalate');
  if (rbac && (verbs.includes('bind') || verbs.includes(WILDCARD))) grants.add('bind');
  if ((verbs.includes('impersonate') || verbs.includes(WILDCARD)) && [...IMPERSONATED].some((r) => covers(groups, resources, r, [CORE_GROUP, 'authentication.k8s.io'])))
    grants.add('impersonate');
  if (has(CREATE) && Object.entries(WORKLOADS).some(([r, served]) => covers(groups, resources, r, served))) grants.add('workloads');
  return { superuser, grants };
}

/** The policy rules of a role object, with their grants (the rules of the ClusterRoles it aggregates for an aggregated ClusterRole). */
export function roleRules(role: IndexedObject, index: ProjectIndex, seen: Set<IndexedObject> = new Set()): GrantingRule[] {
  if (seen.has(role)) return [];
  seen.add(role);
  const aggregation = child(role.node, 'aggregationRule');
  if (isMap(aggregation)) return aggregated(aggregation, index, seen);
  const out: GrantingRule[] = [];
  const rules = child(role.node, 'rules');
  if (!isSeq(rules)) return out;
  for (const item of rules.items) {
    if (!isMap(item)) continue;
    const list = (key: string): string[] => strings(child(item, key)).map((s) => s.value);
    const { superuser, grants } = grantsOf(list('apiGroups'), list('resources'), list('verbs'), list('resourceNames').length > 0);
    out.push({ node: item as Node, role, superuser, grants });
  }
  return out;
}

/** The rules of the project's ClusterRoles an aggregationRule's selectors (matchLabels) select. */
function aggregated(aggregation: Node, index: ProjectIndex, seen: Set<IndexedObject>): GrantingRule[] {
  const out: GrantingRule[] = [];
  const selectors = child(aggregation, 'clusterRoleSelectors');
  if (!isSeq(selectors)) return out;
  for (const selector of selectors.items) {
    const labels = child(selector, 'matchLabels');
    if (!isMap(labels)) continue;
    const wanted = new Map<string, string>();
    for (const pair of labels.items) {
      const k = (pair.key as { value?: unknown } | null)?.value;
      const v = (pair.value as { value?: unknown } | null)?.value;
      if (typeof k === 'string' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) wanted.set(k, String(v));
    }
    if (wanted.size === 0) continue;
    for (const role of index.selected(wanted, ['ClusterRole'], undefined)) out.push(...roleRules(role, index, seen));
  }
  return out;
}
