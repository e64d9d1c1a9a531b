import { defineRule } from '../../rule';
import { asMap, getPair, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';

/**
 * Sysctls the baseline profile allows (pod-security-admission `sysctls`,
 * policy version 1.32, unchanged through 1.35). Names compare exactly.
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  // 1.0
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  // 1.27
  'net.ipv4.ip_local_reserved_ports',
  // 1.29
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // 1.32
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export default defineRule({
  meta: {
    id: 'unsafe-sysctls',
    title: 'Unsafe sysctl',
    description:
      'A sysctl outside the safe set is either not namespaced or not isolated between pods: setting it can change kernel behaviour for the whole node or let one pod starve others.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    messages: {
      unsafe: 'Pod sets sysctl "{{sysctl}}", which is not in the baseline safe set (securityContext.sysctls).',
      slashes:
        'Pod sets sysctl "{{sysctl}}" (securityContext.sysctls); Pod Security compares names exactly, write it as {{dotted}}.',
    },
    references: {
      pss: { level: 'baseline', control: 'Sysctls' },
      kubeLinter: ['unsafe-sysctls'],
      trivy: ['KSV026'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        for (const item of seqItems(pod.get(['securityContext', 'sysctls']), pod.doc)) {
          const pair = getPair(asMap(item, pod.doc), 'name');
          const sysctl = scalarValue(pair?.value, pod.doc);
          if (typeof sysctl !== 'string' || SAFE_SYSCTLS.has(sysctl)) continue;
          // The API accepts `kernel/shm_rmid_forced`; Pod Security does not.
          const dotted = sysctl.replace(/\//g, '.');
          ctx.report({
            messageId: dotted !== sysctl && SAFE_SYSCTLS.has(dotted) ? 'slashes' : 'unsafe',
            data: { sysctl, dotted },
            at: pairSpan(pair)!,
          });
        }
      },
    };
  },
});
