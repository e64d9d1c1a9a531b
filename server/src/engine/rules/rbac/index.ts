import type { Rule } from '../../rule';
import rbacWildcard from './rbac-wildcard';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacPodExec from './rbac-pod-exec';
import rbacWorkloadCreate from './rbac-workload-create';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacSystemGroupBinding from './rbac-system-group-binding';

/** RBAC: what Roles and ClusterRoles grant, and to whom bindings grant it (CIS 5.1). */
export const rbacRules: readonly Rule[] = [
  rbacWildcard,
  rbacSecretsAccess,
  rbacEscalationVerbs,
  rbacPodExec,
  rbacWorkloadCreate,
  rbacNodesProxy,
  rbacClusterAdminBinding,
  rbacSystemGroupBinding,
];
