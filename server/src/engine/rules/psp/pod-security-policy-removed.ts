import { defineRule } from '../../rule';
import { pssLevelOf } from './pss-level';

const REMOVED = 'PodSecurityPolicy "{{name}}" uses an API removed in Kubernetes 1.25: current clusters reject it and it enforces nothing.';

export default defineRule({
  meta: {
    id: 'pod-security-policy-removed',
    title: 'PodSecurityPolicy was removed',
    description:
      'PodSecurityPolicy was removed in Kubernetes 1.25. A PSP still in a repository protects nothing on a current cluster; Pod Security Admission replaces it with a namespace label naming a Pod Security Standard.',
    defaultSeverity: 'warning',
    category: 'pod-security-policy',
    messages: {
      restricted: `${REMOVED} Its settings correspond to the restricted Pod Security Standard: label the namespaces it covered with pod-security.kubernetes.io/enforce: restricted instead.`,
      baseline: `${REMOVED} Its settings correspond to the baseline Pod Security Standard (not restricted: {{reason}}): label the namespaces it covered with pod-security.kubernetes.io/enforce: baseline instead.`,
      privileged: `${REMOVED} Its settings correspond only to the privileged Pod Security Standard ({{reason}}): label the namespaces that need it with pod-security.kubernetes.io/enforce: privileged and every other namespace with baseline or restricted.`,
    },
    references: {
      cis: ['5.2.1'],
      urls: [
        'https://kubernetes.io/docs/reference/access-authn-authz/psp-to-pod-security-standards/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/migrate-from-psp/',
        'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
      ],
    },
  },
  create(ctx) {
    return {
      psp(psp) {
        const { level, reason } = pssLevelOf(psp);
        ctx.report({ messageId: level, data: { name: psp.name, ...(reason === undefined ? {} : { reason }) }, at: psp.kindSpan });
      },
    };
  },
});
