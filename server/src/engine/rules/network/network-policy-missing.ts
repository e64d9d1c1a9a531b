import { defineRule } from '../../rule';
import { anchorOf, child, locate } from '../../project/index';
import { describePolicy, judgeProjectNetwork } from '../../project/relations/network-inputs';
import { namespaceOf, objectName, projectNamespaces } from '../../project/relations/project-workloads';

/**
 * Workloads that no NetworkPolicy of their namespace selects for ingress, in
 * namespaces the project manages (it defines a NetworkPolicy in them or the
 * Namespace object). See project/relations/network-isolation.ts.
 */
export default defineRule({
  meta: {
    id: 'network-policy-missing',
    title: 'No NetworkPolicy selects the workload',
    description:
      'Pods that no NetworkPolicy selects accept traffic from every pod of the cluster. In a namespace the project manages (it defines NetworkPolicies there or the Namespace itself), every workload should be selected by a policy, for instance a default-deny policy with an empty podSelector.',
    defaultSeverity: 'warning',
    category: 'network',
    messages: {
      missing:
        '{{object}} in namespace "{{namespace}}": no NetworkPolicy selects its pods, so they accept connections from every pod of the cluster. Add a policy that selects them (a default-deny policy with podSelector: {} covers the whole namespace).',
      egressOnly:
        '{{object}} in namespace "{{namespace}}": only Egress policies select its pods ({{policies}}), so they still accept connections from every pod of the cluster. Add Ingress to a policy that selects them.',
    },
    references: {
      cis: ['5.3.2'],
      kubeLinter: ['non-isolated-pod'],
      checkov: ['CKV2_K8S_6'],
      kubescape: ['C-0260'],
      urls: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
    },
  },
  create() {
    return {
      project(index, report) {
        const namespaces = projectNamespaces(index);
        for (const u of judgeProjectNetwork(index).unisolated) {
          const object = u.workload.ref.object;
          const namespace = u.workload.namespace;
          const related = u.policies.map((p) => ({ at: locate(p.ref, child(child(p.ref.node, 'spec'), 'podSelector'), true, child(p.ref.node, 'spec')), message: describePolicy(p) }));
          const ns = namespaceOf(namespaces, object);
          if (related.length === 0 && ns) related.push({ at: anchorOf(ns), message: `Namespace "${namespace}" is defined here; the project has no NetworkPolicy in it` });
          const data = { object: objectName(object), namespace };
          if (u.egressOnly.length > 0) {
            report({ messageId: 'egressOnly', data: { ...data, policies: u.egressOnly.map((p) => p.ref.name ?? '(unnamed)').join(', ') }, object, related });
          } else report({ messageId: 'missing', data, object, related });
        }
      },
    };
  },
});
