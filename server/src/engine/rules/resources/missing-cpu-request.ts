import { defineRule } from '../../rule';
import { missingMessages, missingResourceVisitors } from './shared';

export default defineRule({
  meta: {
    id: 'missing-cpu-request',
    title: 'Container without a CPU request',
    description:
      'A container without a CPU request (and without a CPU limit it would default to) is scheduled as if it needed no CPU and gets the smallest CPU share under contention, so a busy neighbour can starve it.',
    defaultSeverity: 'warning',
    category: 'resources',
    fixable: 'suggestion',
    messages: missingMessages('requests'),
    references: {
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuRequestsMissing'],
      checkov: ['CKV_K8S_10'],
      trivy: ['KSV015'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
      ],
    },
  },
  create(ctx) {
    return missingResourceVisitors(ctx, 'cpu', 'requests');
  },
});
