import { defineRule, formatMessage } from '../../rule';
import { child, deployedTogether, locate, text, type IndexedObject, type ProjectIndex } from '../../project/index';
import { RBAC_API_GROUP } from '../../views/rbac';
import { RBAC_DOCS, RBAC_GOOD_PRACTICES } from '../rbac/shared';
import { builtinGrants } from './builtin-roles';
import { GRANT_WORDS, GRANTS, roleRules, type Grant } from './rbac-grants';

const inRbacGroup = (o: IndexedObject): boolean => o.apiVersion.startsWith(`${RBAC_API_GROUP}/`);

/** The project's roles a binding's roleRef names (a Role in the binding's namespace, or a ClusterRole). */
function resolve(index: ProjectIndex, binding: IndexedObject, kind: 'Role' | 'ClusterRole', name: string): IndexedObject[] {
  const found = index.find(kind, name, kind === 'Role' ? binding.namespace : undefined).filter(inRbacGroup);
  return found.filter((r) => deployedTogether(r, binding));
}

const words = (grants: Iterable<Grant>): string => {
  const set = new Set(grants);
  return GRANTS.filter((g) => set.has(g)).map((g) => GRANT_WORDS[g]).join(', ');
};

const ESCALATING: readonly Grant[] = ['escalate', 'bind', 'impersonate'];

/**
 * Bindings resolved to the (Cluster)Roles of the project or the built-in
 * ClusterRoles. A binding to cluster-admin itself is rbac-cluster-admin-binding's.
 * What a custom role grants is also reported on the role by the rbac rules;
 * this rule says who receives it, on the binding.
 */
export default defineRule({
  meta: {
    id: 'rbac-binding-resolved',
    title: 'Binding grants dangerous permissions through its role',
    description:
      'A binding is judged with the role it grants, found in the project (or a built-in ClusterRole): a custom role that allows everything makes the binding as powerful as a cluster-admin binding, and a role that reads Secrets, execs into pods, escalates, binds, impersonates or creates workloads hands that power to the binding\'s subjects.',
    defaultSeverity: 'warning',
    category: 'relations',
    messages: {
      superuser:
        '{{owner}} grants {{role}}, which allows every verb on every resource: its subjects can do anything {{scope}}, as with cluster-admin (CIS 5.1.1: use cluster-admin only where required).',
      grants: '{{owner}} lets its subjects {{grants}} {{scope}} through {{role}}.',
      builtin: '{{owner}} lets its subjects {{grants}} {{scope}} through the built-in {{role}}.',
      unknown: '{{owner}} grants {{role}}, which is neither in the project nor built in: what it grants cannot be checked.',
      related: '{{role}} grants {{grants}} here.',
      relatedAll: '{{role}} allows every verb on every resource here.',
    },
    references: {
      cis: ['5.1.1', '5.1.2', '5.1.8'],
      urls: [`${RBAC_DOCS}#rolebinding-and-clusterrolebinding`, `${RBAC_DOCS}#user-facing-roles`, RBAC_GOOD_PRACTICES],
    },
  },
  create(ctx) {
    const related = (id: 'related' | 'relatedAll', data: Record<string, string>): string => formatMessage(ctx.meta.messages[id]!, data);
    return {
      project(index, report) {
        for (const binding of [...index.ofKind('RoleBinding'), ...index.ofKind('ClusterRoleBinding')]) {
          if (!inRbacGroup(binding)) continue;
          const ref = child(binding.node, 'roleRef');
          const refKind = text(child(ref, 'kind'));
          const refName = text(child(ref, 'name'));
          if (!refName || (refKind !== 'Role' && refKind !== 'ClusterRole')) continue;
          if (refKind === 'ClusterRole' && refName === 'cluster-admin') continue;
          const at = locate(binding, child(ref, 'name'), false, ref);
          const owner = `${binding.kind} "${binding.name ?? '(unnamed)'}"`;
          const role = `${refKind} "${refName}"`;
          const scope = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace "${binding.namespace ?? 'default'}"`;
          const roles = resolve(index, binding, refKind, refName);
          if (roles.length === 0) {
            const builtin = refKind === 'ClusterRole' ? builtinGrants(refName) : undefined;
            if (builtin === undefined) report({ messageId: 'unknown', data: { owner, role }, object: binding, at, severity: 'info' });
            else if (builtin.length > 0) {
              report({ messageId: 'builtin', data: { owner, role, grants: words(builtin), scope }, object: binding, at, severity: severityOf(builtin) });
            }
            continue;
          }
          // The same role from several places (builds of one base): its rules are the same; the first is shown.
          const rules = roleRules(roles[0]!, index);
          const all = rules.filter((r) => r.superuser);
          if (all.length > 0) {
            const rel = all.map((r) => ({ at: locate(r.role, r.node), message: related('relatedAll', { role: `${r.role.kind} "${r.role.name ?? ''}"` }) }));
            report({ messageId: 'superuser', data: { owner, role, scope }, object: binding, at, related: rel, severity: 'error' });
            continue;
          }
          const granting = rules.filter((r) => r.grants.size > 0);
          if (granting.length === 0) continue;
          const grants = new Set(granting.flatMap((r) => [...r.grants]));
          const rel = granting.map((r) => ({ at: locate(r.role, r.node), message: related('related', { role: `${r.role.kind} "${r.role.name ?? ''}"`, grants: words(r.grants) }) }));
          report({ messageId: 'grants', data: { owner, role, grants: words(grants), scope }, object: binding, at, related: rel, severity: severityOf([...grants]) });
        }
      },
    };
  },
});

/** escalate, bind and impersonate are errors (as rbac-escalation-verbs), the others warnings. */
function severityOf(grants: readonly Grant[]): 'error' | 'warning' {
  return grants.some((g) => ESCALATING.includes(g)) ? 'error' : 'warning';
}
