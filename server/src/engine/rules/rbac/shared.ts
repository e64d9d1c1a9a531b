/** Small helpers shared by the RBAC rules. */
import { CORE_GROUP, WILDCARD } from '../../views/rbac';

/** `get, list` or `"*" (every verb)` for messages. */
export function verbList(verbs: readonly string[]): string {
  return verbs.map((v) => (v === WILDCARD ? '"*" (every verb)' : v)).join(', ');
}

export const RBAC_GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
export const RBAC_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';

/**
 * Resources whose creation runs a pod, with the API groups that serve them (`extensions` until 1.16), and the
 * workload kinds of other projects that views/workloads.ts lints (OpenShift's legacy API served
 * DeploymentConfigs in the core group). Knative's `services` are left out: the name is the core Service's.
 */
export const WORKLOADS: Readonly<Record<string, readonly string[]>> = {
  pods: [CORE_GROUP],
  replicationcontrollers: [CORE_GROUP],
  deployments: ['apps', 'extensions'],
  replicasets: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  statefulsets: ['apps'],
  jobs: ['batch'],
  cronjobs: ['batch'],
  deploymentconfigs: ['apps.openshift.io', CORE_GROUP],
  rollouts: ['argoproj.io'],
};
