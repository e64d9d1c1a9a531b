import { defineRule } from '../../rule';
import { POD_KIND, isObject, kindPairSpan, ownerReferences } from './owners';

export default defineRule({
  meta: {
    id: 'bare-pod',
    title: 'Pod not managed by a controller',
    description:
      'A Pod created directly is not recreated when it fails, is evicted or its node goes away, and cannot be rolled out or scaled. Run it through a Deployment, StatefulSet, DaemonSet or Job. Off by default: one-off and static pods are legitimate.',
    defaultSeverity: 'info',
    enabledByDefault: false,
    category: 'workloads',
    messages: {
      bare: 'Pod "{{name}}" has no owner: it is not recreated if it fails or its node goes away. Use a Deployment, StatefulSet, DaemonSet or Job.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
        'https://kubernetes.io/docs/concepts/workloads/pods/#working-with-pods',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        if (!isObject(resource, POD_KIND, [''])) return;
        if (ownerReferences(resource).length > 0) return;
        ctx.report({ messageId: 'bare', data: { name: resource.name ?? '(unnamed)' }, at: kindPairSpan(resource) });
      },
    };
  },
});
