import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

export default defineRule({
  meta: {
    id: 'host-network',
    title: 'Host network namespace',
    description:
      'A pod with hostNetwork: true shares the network namespace of the node: it sees every interface, can reach services bound to the node loopback and can bind any node port.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      hostNetwork: 'Pod uses the host network (hostNetwork: true).',
      compose: '{{owner}} uses the host network (network_mode: host).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Namespaces' },
      cis: ['5.2.5'],
      cisDocker: ['5.10'],
      kubeLinter: ['host-network'],
      polaris: ['hostNetworkSet'],
      checkov: ['CKV_K8S_19'],
      trivy: ['KSV009'],
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        if (pod.value(['hostNetwork']) !== true) return;
        const fixes = () => fixOf('Remove hostNetwork', 'suggestion', removeIn(pod.doc, ctx.text, pod.node, ['hostNetwork']));
        ctx.report({ messageId: 'hostNetwork', at: pairSpan(pod.pair(['hostNetwork']))!, fixes });
      },
      composeService(s) {
        const setting = s.setting(['network_mode']);
        if (setting?.value !== 'host') return;
        // In a compose file the service may rely on the host network (no `ports:`): offered, not applied in bulk.
        const fixes = () => fixOf('Remove network_mode: host', 'suggestion', removeIn(s.doc, ctx.text, s.node, ['network_mode']));
        ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name, fixes });
      },
    };
  },
});
