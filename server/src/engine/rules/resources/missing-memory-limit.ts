import { defineRule } from '../../rule';
import { missingMessages, missingResourceVisitors } from './shared';
import { checkComposeLimit, COMPOSE_LIMIT_MESSAGES } from './compose-limits';

export default defineRule({
  meta: {
    id: 'missing-memory-limit',
    title: 'Container without a memory limit',
    description:
      'A container without resources.limits.memory can use all the memory of its node: a leak or an attack starves the other pods until the kernel OOM-kills processes, possibly not the guilty ones.',
    defaultSeverity: 'warning',
    category: 'resources',
    fixable: 'suggestion',
    messages: { ...missingMessages('limits'), ...COMPOSE_LIMIT_MESSAGES },
    references: {
      cisDocker: ['5.11'],
      kubeLinter: ['unset-memory-requirements'],
      polaris: ['memoryLimitsMissing'],
      checkov: ['CKV_K8S_13'],
      trivy: ['KSV018'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/',
      ],
    },
  },
  create(ctx) {
    return { ...missingResourceVisitors(ctx, 'memory', 'limits'), composeService: (s) => checkComposeLimit(ctx, s, 'memory') };
  },
});
