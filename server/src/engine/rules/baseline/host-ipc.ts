import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';

export default defineRule({
  meta: {
    id: 'host-ipc',
    title: 'Host IPC namespace',
    description:
      'A pod with hostIPC: true shares the IPC namespace of the node: it can read and write the shared memory segments, semaphores and message queues of every process on the node.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      hostIPC: 'Pod shares the host IPC namespace (hostIPC: true).',
      compose: '{{owner}} shares the host IPC namespace (ipc: host).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Namespaces' },
      cis: ['5.2.4'],
      kubeLinter: ['host-ipc'],
      polaris: ['hostIPCSet'],
      checkov: ['CKV_K8S_18'],
      trivy: ['KSV008'],
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        if (pod.value(['hostIPC']) !== true) return;
        ctx.report({ messageId: 'hostIPC', at: pairSpan(pod.pair(['hostIPC']))! });
      },
      composeService(s) {
        const setting = s.setting(['ipc']);
        if (setting?.value === 'host') ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name });
      },
    };
  },
});
