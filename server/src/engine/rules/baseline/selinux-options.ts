import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { containerSetting, podSetting, type SecurityContextSetting } from './shared';

/**
 * SELinux types the baseline profile accepts (pod-security-admission
 * `seLinuxOptions`, policy version 1.31+: container_engine_t was added then).
 */
export const ALLOWED_SELINUX_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

export default defineRule({
  meta: {
    id: 'selinux-options',
    title: 'Custom SELinux options',
    description:
      'A custom SELinux type, user or role replaces the confined container label; a type such as spc_t or unconfined_t lifts SELinux confinement from the container entirely.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      type: '{{subject}} sets SELinux type "{{value}}" (seLinuxOptions.type); only container_t, container_init_t, container_kvm_t and container_engine_t are allowed.',
      user: '{{subject}} sets a custom SELinux user (seLinuxOptions.user: {{value}}).',
      role: '{{subject}} sets a custom SELinux role (seLinuxOptions.role: {{value}}).',
    },
    references: {
      pss: { level: 'baseline', control: 'SELinux' },
      trivy: ['KSV025'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
      ],
    },
  },
  create(ctx) {
    const report = (s: SecurityContextSetting | undefined, messageId: 'type' | 'user' | 'role') => {
      if (!s || typeof s.value !== 'string') return;
      const bad = messageId === 'type' ? !ALLOWED_SELINUX_TYPES.has(s.value) : s.value.length > 0;
      if (!bad) return;
      ctx.report({ messageId, data: { subject: s.subject, value: s.value }, at: pairSpan(s.pair)!, container: s.container });
    };
    const fields = ['type', 'user', 'role'] as const;
    // Pod Security checks the pod-level and each container-level seLinuxOptions
    // on its own; `level` is not restricted.
    return {
      podSpec(pod) {
        for (const f of fields) report(podSetting(pod, ['seLinuxOptions', f]), f);
      },
      container(c) {
        for (const f of fields) report(containerSetting(c, ['seLinuxOptions', f]), f);
      },
    };
  },
});
