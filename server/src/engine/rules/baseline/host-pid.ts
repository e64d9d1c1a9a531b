import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

export default defineRule({
  meta: {
    id: 'host-pid',
    title: 'Host PID namespace',
    description:
      'A pod with hostPID: true shares the process namespace of the node: it sees every process on the node, their command lines and environments, and can signal or trace them.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      hostPID: 'Pod shares the host process namespace (hostPID: true).',
      compose: '{{owner}} shares the host process namespace (pid: host).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Namespaces' },
      cis: ['5.2.3'],
      cisDocker: ['5.16'],
      kubeLinter: ['host-pid'],
      polaris: ['hostPIDSet'],
      checkov: ['CKV_K8S_17'],
      trivy: ['KSV010'],
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        if (pod.value(['hostPID']) !== true) return;
        const fixes = () => fixOf('Remove hostPID', 'suggestion', removeIn(pod.doc, ctx.text, pod.node, ['hostPID']));
        ctx.report({ messageId: 'hostPID', at: pairSpan(pod.pair(['hostPID']))!, fixes });
      },
      composeService(s) {
        const setting = s.setting(['pid']);
        if (setting?.value !== 'host') return;
        // In a compose file the service may rely on the host network (no `ports:`): offered, not applied in bulk.
        const fixes = () => fixOf('Remove pid: host', 'suggestion', removeIn(s.doc, ctx.text, s.node, ['pid']));
        ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name, fixes });
      },
    };
  },
});
