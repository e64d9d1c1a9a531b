import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';

/** Handlers whose `host` Pod Security restricts (policy version 1.34+). */
const HANDLERS: ReadonlyArray<readonly string[]> = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  meta: {
    id: 'host-probe',
    title: 'Probe or lifecycle handler with a host',
    description:
      'The kubelet runs httpGet and tcpSocket probes and lifecycle hooks from the node; a host field points those requests at any address the node can reach, which turns the pod into a server-side request forgery vector.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      host: '{{label}} "{{name}}" sends its {{handler}} to host "{{host}}" ({{field}}).',
    },
    references: {
      pss: { level: 'baseline', control: 'Host Probes / Lifecycle Hooks (v1.34+)' },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
        'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
      ],
    },
  },
  create(ctx) {
    return {
      container(c) {
        for (const handler of HANDLERS) {
          for (const action of ACTIONS) {
            const path = [...handler, action, 'host'];
            const host = c.value(path);
            if (typeof host !== 'string' || host === '') continue;
            ctx.report({
              messageId: 'host',
              data: { label: c.label, name: c.name, handler: `${handler.join('.')} ${action}`, host, field: path.join('.') },
              at: pairSpan(c.pair(path))!,
              container: c.name,
            });
          }
        }
      },
    };
  },
});
