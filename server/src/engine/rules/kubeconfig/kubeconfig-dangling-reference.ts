import { defineRule } from '../../rule';
import { danglingReferences } from '../../views/kubeconfig';
import { KUBECONFIG_DOCS } from './shared';

export default defineRule({
  meta: {
    id: 'kubeconfig-dangling-reference',
    title: 'Kubeconfig reference to a missing entry',
    description:
      'A context that names a cluster or user the kubeconfig does not define, or a current-context that names no context, makes kubectl fail with "invalid configuration" when the context is used.',
    defaultSeverity: 'error',
    category: 'kubeconfig',
    messages: {
      cluster: '{{context}} names cluster "{{name}}", which this kubeconfig does not define; kubectl fails with "invalid configuration" when the context is used.',
      user: '{{context}} names user "{{name}}", which this kubeconfig does not define; kubectl fails with "invalid configuration" when the context is used.',
      context: 'current-context names context "{{name}}", which this kubeconfig does not define; kubectl fails until another context is chosen.',
    },
    references: {
      urls: [KUBECONFIG_DOCS, 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_config/kubectl_config_use-context/'],
    },
  },
  create(ctx) {
    return {
      kubeconfig(config) {
        for (const ref of danglingReferences(config)) {
          ctx.report({ messageId: ref.target, data: { name: ref.name, context: ref.context?.label ?? 'current-context' }, at: ref.span });
        }
      },
    };
  },
});
