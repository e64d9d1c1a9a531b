import { defineRule } from '../../rule';
import { child, locate } from '../../project/index';
import { describeSelector } from '../../project/relations/label-selector';
import { judgeProjectNetwork } from '../../project/relations/network-inputs';

/** NetworkPolicies whose podSelector matches no workload of their namespace (which has workloads in the project). */
export default defineRule({
  meta: {
    id: 'network-policy-selects-nothing',
    title: 'NetworkPolicy selects no workload',
    description:
      'A NetworkPolicy whose podSelector matches none of the workloads the project defines in its namespace isolates nothing there: usually a label typo or a policy left behind by a renamed app.',
    defaultSeverity: 'info',
    category: 'network',
    messages: {
      nothing: 'NetworkPolicy "{{name}}" selects {{selector}}, which matches no workload of the project in namespace "{{namespace}}": it isolates nothing here.',
    },
    references: {
      urls: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    },
  },
  create() {
    return {
      project(index, report) {
        for (const p of judgeProjectNetwork(index).selectNothing) {
          const selectorNode = child(child(p.ref.node, 'spec'), 'podSelector');
          report({
            messageId: 'nothing',
            data: { name: p.ref.name ?? '(unnamed)', selector: describeSelector(p.selector!), namespace: p.namespace },
            object: p.ref,
            at: locate(p.ref, selectorNode, true),
          });
        }
      },
    };
  },
});
