import { defineRule } from '../../rule';
import { asMap, getPair, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';

export default defineRule({
  meta: {
    id: 'host-ports',
    title: 'Host port',
    description:
      'A container port with a non-zero hostPort is published on the node itself, bypassing network policies that select pods and exposing the workload on every address of the node.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      hostPort: '{{label}} "{{name}}" publishes port {{port}} on the node (ports[].hostPort: {{port}}).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Ports' },
      cis: ['5.2.13'],
      polaris: ['hostPortSet'],
      checkov: ['CKV_K8S_26'],
      trivy: ['KSV024'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/concepts/configuration/overview/',
      ],
    },
  },
  create(ctx) {
    return {
      container(c) {
        for (const item of seqItems(c.get(['ports']), c.doc)) {
          const pair = getPair(asMap(item, c.doc), 'hostPort');
          const port = scalarValue(pair?.value, c.doc);
          // Pod Security allows only an unset or zero hostPort.
          if (typeof port !== 'number' || port === 0) continue;
          ctx.report({
            messageId: 'hostPort',
            data: { label: c.label, name: c.name, port },
            at: pairSpan(pair)!,
            container: c.name,
          });
        }
      },
    };
  },
});
