import { defineRule } from '../../rule';
import type { BindingView } from '../../views/rbac';
import { getNode, mapEntries, scalarValue } from '../../views/yaml-node';
import { RBAC_DOCS, RBAC_GOOD_PRACTICES } from './shared';

/**
 * The API server's own bootstrap binding (cluster-admin to system:masters,
 * labelled kubernetes.io/bootstrapping: rbac-defaults) appears in dumps of a
 * cluster; it is not a choice of the manifest's author and is not reported
 * (kube-bench treats it the same way).
 */
function isBootstrapBinding(binding: BindingView): boolean {
  const { resource } = binding;
  if (resource.name !== 'cluster-admin' || !binding.clusterWide) return false;
  const labels = mapEntries(getNode(resource.metadata, 'labels'), resource.doc);
  return labels.some(({ key, pair }) => key === 'kubernetes.io/bootstrapping' && scalarValue(pair.value, resource.doc) === 'rbac-defaults');
}

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Binding to cluster-admin',
    description:
      'cluster-admin allows every action on every resource. Bound cluster-wide it makes its subjects superusers of the cluster; bound in a namespace it gives full control of that namespace, its Secrets and RBAC included.',
    defaultSeverity: 'error',
    category: 'rbac',
    messages: {
      cluster: '{{owner}} grants the cluster-admin ClusterRole cluster-wide: its subjects can do anything in the cluster (CIS 5.1.1: use cluster-admin only where required).',
      namespace:
        '{{owner}} grants the cluster-admin ClusterRole in its namespace: full control of the namespace, its Secrets and RBAC included (CIS 5.1.1: use cluster-admin only where required).',
    },
    references: {
      cis: ['5.1.1'],
      kubeLinter: ['cluster-admin-role-binding'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
      urls: [`${RBAC_DOCS}#user-facing-roles`, RBAC_GOOD_PRACTICES],
    },
  },
  create(ctx) {
    return {
      binding(binding) {
        const ref = binding.roleRef;
        if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin' || isBootstrapBinding(binding)) return;
        ctx.report({ messageId: binding.clusterWide ? 'cluster' : 'namespace', data: { owner: binding.label }, at: ref.span });
      },
    };
  },
});
