/**
 * The built-in ClusterRoles every cluster has, by what the RBAC relation rule
 * reports of them. Source: the API server's bootstrap policy,
 * kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
 * (and its testdata/cluster-roles.yaml), Kubernetes 1.31. `admin` and `edit`
 * are aggregated: the grants are those of system:aggregate-to-edit, which both
 * include (ReadWrite on secrets, pods/exec, pods/attach and workloads;
 * impersonate on serviceaccounts). Any other `system:` ClusterRole is built in
 * and not judged (controllers' and components' roles).
 */
import type { Grant } from './rbac-grants';

const EDIT: readonly Grant[] = ['secrets', 'exec', 'impersonate', 'workloads'];

export const BUILTIN_CLUSTER_ROLES: Readonly<Record<string, readonly Grant[]>> = {
  'cluster-admin': [],
  admin: EDIT,
  edit: EDIT,
  view: [],
  'system:aggregate-to-admin': [],
  'system:aggregate-to-edit': EDIT,
  'system:aggregate-to-view': [],
  // get on secrets and configmaps, create/delete on (mirror) pods; the Node authorizer narrows both to the node's own pods.
  'system:node': ['secrets', 'workloads'],
  'system:kube-controller-manager': ['secrets'],
  'system:kube-scheduler': [],
  'system:basic-user': [],
  'system:discovery': [],
  'system:public-info-viewer': [],
  'system:auth-delegator': [],
  'system:node-proxier': [],
  'system:kube-dns': [],
  'system:monitoring': [],
  'system:heapster': [],
  'system:volume-scheduler': [],
  'system:persistent-volume-provisioner': [],
  'system:node-bootstrapper': [],
  'system:node-problem-detector': [],
};

/** The grants of a built-in ClusterRole, or undefined when the name is not built in. */
export function builtinGrants(name: string): readonly Grant[] | undefined {
  if (Object.prototype.hasOwnProperty.call(BUILTIN_CLUSTER_ROLES, name)) return BUILTIN_CLUSTER_ROLES[name];
  return name.startsWith('system:') ? [] : undefined;
}
