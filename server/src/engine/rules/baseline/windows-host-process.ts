import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { containerSetting, podSetting, type SecurityContextSetting } from './shared';

export default defineRule({
  meta: {
    id: 'windows-host-process',
    title: 'Windows HostProcess container',
    description:
      'A Windows HostProcess container runs directly on the node, in the host network namespace, with access to the node file system and, by default, as a node administrator account.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      pod: 'Pod runs its containers as Windows HostProcess containers (securityContext.windowsOptions.hostProcess: true).',
      container: '{{subject}} runs as a Windows HostProcess container (securityContext.windowsOptions.hostProcess: true).',
    },
    references: {
      pss: { level: 'baseline', control: 'HostProcess' },
      cis: ['5.2.11'],
      trivy: ['KSV103'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
      ],
    },
  },
  create(ctx) {
    const check = (s: SecurityContextSetting | undefined, messageId: 'pod' | 'container') => {
      if (!s || s.value !== true) return;
      ctx.report({ messageId, data: { subject: s.subject }, at: pairSpan(s.pair)!, container: s.container });
    };
    return {
      podSpec: (pod) => check(podSetting(pod, ['windowsOptions', 'hostProcess']), 'pod'),
      container: (c) => check(containerSetting(c, ['windowsOptions', 'hostProcess']), 'container'),
    };
  },
});
