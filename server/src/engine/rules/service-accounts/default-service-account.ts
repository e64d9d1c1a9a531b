import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';

const DEFAULT = 'default';

/**
 * Pod specs that run as the namespace's `default` ServiceAccount: no
 * `serviceAccountName` (nor its deprecated alias `serviceAccount`, which the API
 * uses when `serviceAccountName` is empty), or one of them naming `default`.
 */
export default defineRule({
  meta: {
    id: 'default-service-account',
    title: 'Pod uses the default service account',
    description:
      'Every pod that names no service account runs as the namespace\'s "default" account, so whatever RBAC is granted to it applies to all of them. Give each workload its own ServiceAccount with only the permissions it needs.',
    defaultSeverity: 'info',
    category: 'service-accounts',
    messages: {
      missing: 'The pod sets no serviceAccountName: it runs as the namespace\'s "default" ServiceAccount.',
      explicit: 'The pod runs as the namespace\'s "default" ServiceAccount ({{field}}: default).',
    },
    references: {
      cis: ['5.1.5'],
      kubeLinter: ['default-service-account'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        // serviceAccountName wins when it is a non-empty string; else the deprecated serviceAccount.
        for (const field of ['serviceAccountName', 'serviceAccount']) {
          const value = pod.value([field]);
          if (typeof value !== 'string' || value === '') continue;
          if (value === DEFAULT) ctx.report({ messageId: 'explicit', data: { field }, at: pairSpan(pod.pair([field]))! });
          return;
        }
        // An empty or null serviceAccountName is underlined where it is written.
        const empty = pod.pair(['serviceAccountName']) ?? pod.pair(['serviceAccount']);
        ctx.report({ messageId: 'missing', at: (empty && pairSpan(empty)) ?? pod.specKeySpan });
      },
    };
  },
});
