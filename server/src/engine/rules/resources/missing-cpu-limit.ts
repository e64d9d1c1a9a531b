import { defineRule } from '../../rule';
import { missingMessages, missingResourceVisitors } from './shared';
import { checkComposeLimit, COMPOSE_LIMIT_MESSAGES } from './compose-limits';

/**
 * CPU limits are debated (they throttle a container even when the node has idle
 * CPU), so this rule is easy to turn off: `"shipshape.rules": {"missing-cpu-limit": "off"}`.
 * docs/rules/missing-cpu-limit.md explains the trade-off.
 */
export default defineRule({
  meta: {
    id: 'missing-cpu-limit',
    title: 'Container without a CPU limit',
    description:
      'A container without resources.limits.cpu can use every idle CPU of its node, so a runaway or compromised process (a crypto miner) is bounded only by the requests of its neighbours. CPU limits also throttle; turn the rule off if you rely on requests alone.',
    defaultSeverity: 'warning',
    category: 'resources',
    fixable: 'suggestion',
    messages: { ...missingMessages('limits'), ...COMPOSE_LIMIT_MESSAGES },
    references: {
      cisDocker: ['5.12'],
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuLimitsMissing'],
      checkov: ['CKV_K8S_11'],
      trivy: ['KSV011'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/assign-cpu-resource/',
      ],
    },
  },
  create(ctx) {
    return { ...missingResourceVisitors(ctx, 'cpu', 'limits'), composeService: (s) => checkComposeLimit(ctx, s, 'cpu') };
  },
});
