import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

export default defineRule({
  meta: {
    id: 'host-ipc',
    title: 'Host IPC namespace',
    description:
      'A pod with hostIPC: true shares the IPC namespace of the node: it can read and write the shared memory segments, semaphores and message queues of every process on the node.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      hostIPC: 'Pod shares the host IPC namespace (hostIPC: true).',
      compose: '{{owner}} shares the host IPC namespace (ipc: host).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Namespaces' },
      cis: ['5.2.4'],
      cisDocker: ['5.17'],
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
        const fixes = () => fixOf('Remove hostIPC', 'suggestion', removeIn(pod.doc, ctx.text, pod.node, ['hostIPC']));
        ctx.report({ messageId: 'hostIPC', at: pairSpan(pod.pair(['hostIPC']))!, fixes });
      },
      composeService(s) {
        const setting = s.setting(['ipc']);
        if (setting?.value !== 'host') return;
        // In a compose file the service may rely on the host network (no `ports:`): offered, not applied in bulk.
        const fixes = () => fixOf('Remove ipc: host', 'suggestion', removeIn(s.doc, ctx.text, s.node, ['ipc']));
        ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name, fixes });
      },
    };
  },
});
