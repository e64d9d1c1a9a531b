import { defineRule } from '../../rule';
import { asMap, getPair, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

export default defineRule({
  meta: {
    id: 'host-ports',
    title: 'Host port',
    description:
      'A container port with a non-zero hostPort is published on the node itself, bypassing network policies that select pods and exposing the workload on every address of the node.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
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
          const port0 = asMap(item, c.doc);
          const pair = getPair(port0, 'hostPort');
          const port = scalarValue(pair?.value, c.doc);
          // Pod Security allows only an unset or zero hostPort.
          if (typeof port !== 'number' || port === 0) continue;
          ctx.report({
            messageId: 'hostPort',
            data: { label: c.label, name: c.name, port },
            at: pairSpan(pair)!,
            container: c.name,
            // Clients may reach the port on the node: a suggestion (a Service replaces it).
            fixes: () => port0 && fixOf('Remove hostPort', 'suggestion', removeIn(c.doc, ctx.text, port0, ['hostPort'])),
          });
        }
      },
    };
  },
});
