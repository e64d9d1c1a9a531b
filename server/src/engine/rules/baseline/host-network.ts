import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';

export default defineRule({
  meta: {
    id: 'host-network',
    title: 'Host network namespace',
    description:
      'A pod with hostNetwork: true shares the network namespace of the node: it sees every interface, can reach services bound to the node loopback and can bind any node port.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      hostNetwork: 'Pod uses the host network (hostNetwork: true).',
      compose: '{{owner}} uses the host network (network_mode: host).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Namespaces' },
      cis: ['5.2.5'],
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
        ctx.report({ messageId: 'hostNetwork', at: pairSpan(pod.pair(['hostNetwork']))! });
      },
      composeService(s) {
        const setting = s.setting(['network_mode']);
        if (setting?.value === 'host') ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name });
      },
    };
  },
});
