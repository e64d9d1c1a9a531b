import { defineRule } from '../../rule';
import { DEPLOYMENT_KIND, REPLICA_SET_KIND, isObject, kindPairSpan, ownerReferences } from './owners';

/** ReplicaSet was served by `apps` (apps/v1, apps/v1beta2) and, until 1.16, `extensions/v1beta1`. */
const GROUPS = ['apps', 'extensions'] as const;

export default defineRule({
  meta: {
    id: 'bare-replicaset',
    title: 'ReplicaSet not managed by a Deployment',
    description:
      'A ReplicaSet written by hand has no rollout: changing its pod template does not replace the running pods, and there is no rolling update or rollback. Use a Deployment, which manages ReplicaSets for you.',
    defaultSeverity: 'info',
    category: 'workloads',
    messages: {
      bare: 'ReplicaSet "{{name}}" is not owned by a Deployment: pod template changes are not rolled out. Use a Deployment instead.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#when-to-use-a-replicaset',
        'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        if (!isObject(resource, REPLICA_SET_KIND, GROUPS)) return;
        // Owned by a Deployment, or by another controller that rolls it out (e.g. an Argo Rollouts Rollout).
        if (ownerReferences(resource).some((o) => o.kind === DEPLOYMENT_KIND || o.controller)) return;
        ctx.report({ messageId: 'bare', data: { name: resource.name ?? '(unnamed)' }, at: kindPairSpan(resource) });
      },
    };
  },
});
