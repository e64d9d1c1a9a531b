import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';

const PATH = ['securityContext', 'allowPrivilegeEscalation'] as const;

export default defineRule({
  meta: {
    id: 'privilege-escalation-allowed',
    title: 'Privilege escalation allowed',
    description:
      'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent (set-user-ID binaries, file capabilities); the restricted profile requires it to be false for every container.',
    defaultSeverity: 'warning',
    category: 'pod-security-restricted',
    level: 'restricted',
    messages: {
      allowed: '{{label}} "{{name}}" allows privilege escalation (securityContext.allowPrivilegeEscalation: {{value}}).',
      missing: '{{label}} "{{name}}" does not set securityContext.allowPrivilegeEscalation: false.',
    },
    references: {
      pss: { level: 'restricted', control: 'Privilege Escalation' },
      cis: ['5.2.6'],
      kubeLinter: ['privilege-escalation-container'],
      polaris: ['privilegeEscalationAllowed'],
      checkov: ['CKV_K8S_20'],
      trivy: ['KSV001'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      ],
    },
  },
  create(ctx) {
    return {
      container(c) {
        // Windows pods are exempt since policy 1.25: the field is Linux-only and API validation rejects it there.
        if (c.pod.isWindows) return;
        const value = c.value([...PATH]);
        if (value === false) return;
        const pair = c.pair([...PATH]);
        const data = { label: c.label, name: c.name };
        if (pair && value !== null && value !== undefined) {
          ctx.report({ messageId: 'allowed', data: { ...data, value: String(value) }, at: pairSpan(pair)!, container: c.name });
        } else {
          ctx.report({ messageId: 'missing', data, at: c.nearestSpan([...PATH]), container: c.name });
        }
      },
    };
  },
});
