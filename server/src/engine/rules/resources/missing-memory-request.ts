import { defineRule } from '../../rule';
import { missingMessages, missingResourceVisitors } from './shared';

export default defineRule({
  meta: {
    id: 'missing-memory-request',
    title: 'Container without a memory request',
    description:
      'A container without a memory request (and without a memory limit it would default to) is scheduled as if it needed no memory, overcommits its node and is among the first to be evicted under memory pressure.',
    defaultSeverity: 'warning',
    category: 'resources',
    fixable: 'suggestion',
    messages: missingMessages('requests'),
    references: {
      kubeLinter: ['unset-memory-requirements'],
      polaris: ['memoryRequestsMissing'],
      checkov: ['CKV_K8S_12'],
      trivy: ['KSV016'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
      ],
    },
  },
  create(ctx) {
    return missingResourceVisitors(ctx, 'memory', 'requests');
  },
});
