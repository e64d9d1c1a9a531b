import { defineRule } from '../../rule';
import { asMap, getNode, getPair, nodeSpan, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';

/**
 * The sysctls the baseline profile allows, by the pod-security-admission
 * policy version that added them (`policy/check_sysctls.go`: versions 1.0,
 * 1.27, 1.29, 1.32 and 1.37). A policy version allows every name added at or
 * before it. Names compare exactly.
 */
export const SAFE_SYSCTLS_BY_VERSION: readonly { readonly minor: number; readonly names: readonly string[] }[] = [
  {
    minor: 0,
    names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'],
  },
  { minor: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { minor: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { minor: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { minor: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

/** The policy version of the newest entry: what `latest` means. */
export const LATEST_SYSCTLS_MINOR = SAFE_SYSCTLS_BY_VERSION[SAFE_SYSCTLS_BY_VERSION.length - 1]!.minor;

/** The minor version that made `name` safe, or undefined when no version does. */
export function sysctlSafeSince(name: string): number | undefined {
  return SAFE_SYSCTLS_BY_VERSION.find((v) => v.names.includes(name))?.minor;
}

/** The safe set of the newest policy version. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set(SAFE_SYSCTLS_BY_VERSION.flatMap((v) => v.names));

/** `1.32` for the option values `v1.32`, `1.32`; the newest version for `latest` or no option. */
export function policyMinor(option: unknown): number {
  if (typeof option !== 'string') return LATEST_SYSCTLS_MINOR;
  const m = /^v?1\.(\d{1,3})$/.exec(option.trim());
  return m ? Number(m[1]) : LATEST_SYSCTLS_MINOR;
}

const isSysctlNameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 /* . */ || c === 95 /* _ */ || c === 47 /* / */ || c === 45; /* - */

/**
 * The sysctl a value smuggles in, CVE-2022-0811 style: CRI-O before the fix
 * joined `name=value` pairs with `+` for pinns, which split them again, so a
 * value `1+kernel.core_pattern=|/x` also set `kernel.core_pattern`. Returns
 * the first injected name (`+`, a name, `=`), or undefined. Linear: each
 * scan for a name stops at the next non-name character, and `+` is not one.
 */
export function injectedSysctl(value: string): string | undefined {
  for (let plus = value.indexOf('+'); plus >= 0; plus = value.indexOf('+', plus + 1)) {
    let end = plus + 1;
    while (end < value.length && isSysctlNameChar(value.charCodeAt(end))) end++;
    if (end > plus + 1 && value.charCodeAt(end) === 61 /* = */) return value.slice(plus + 1, end);
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'unsafe-sysctls',
    title: 'Unsafe sysctl',
    description:
      'A sysctl outside the safe set is either not namespaced or not isolated between pods: setting it can change kernel behaviour for the whole node or let one pod starve others. A value that carries "+name=value" sets a second sysctl on CRI-O nodes without the CVE-2022-0811 fix.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        version: {
          type: 'string',
          pattern: '^(latest|v?1\\.[0-9]{1,3})$',
          description:
            'The Pod Security Standards version whose safe set applies, as in the pod-security.kubernetes.io/enforce-version label ("v1.32", "1.32" or "latest", the default). Sysctls that a later version made safe are reported when an older version is chosen.',
        },
      },
    },
    messages: {
      unsafe: 'Pod sets sysctl "{{sysctl}}", which is not in the baseline safe set (securityContext.sysctls).',
      newer:
        'Pod sets sysctl "{{sysctl}}", which is in the baseline safe set only from Pod Security v1.{{since}}, not in v1.{{version}} (securityContext.sysctls).',
      slashes:
        'Pod sets sysctl "{{sysctl}}" (securityContext.sysctls); Pod Security compares names exactly, write it as {{dotted}}.',
      injection:
        'The value of sysctl "{{sysctl}}" also sets sysctl "{{injected}}" on CRI-O nodes without the CVE-2022-0811 fix ("+" separated sysctls there); a sysctl value never needs "+" followed by "name=".',
    },
    references: {
      pss: { level: 'baseline', control: 'Sysctls' },
      kubeLinter: ['unsafe-sysctls'],
      trivy: ['KSV026'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
        'https://nvd.nist.gov/vuln/detail/CVE-2022-0811',
      ],
    },
  },
  create(ctx) {
    const version = policyMinor(ctx.options.version);
    const allowed = (name: string): boolean => {
      const since = sysctlSafeSince(name);
      return since !== undefined && since <= version;
    };
    return {
      podSpec(pod) {
        for (const item of seqItems(pod.get(['securityContext', 'sysctls']), pod.doc)) {
          const entry = asMap(item, pod.doc);
          const pair = getPair(entry, 'name');
          const sysctl = scalarValue(pair?.value, pod.doc);
          if (typeof sysctl !== 'string') continue;
          if (!allowed(sysctl)) {
            // The API accepts `kernel/shm_rmid_forced`; Pod Security does not.
            const dotted = sysctl.replace(/\//g, '.');
            const since = sysctlSafeSince(dotted);
            const messageId = dotted !== sysctl && allowed(dotted) ? 'slashes' : since !== undefined ? 'newer' : 'unsafe';
            ctx.report({ messageId, data: { sysctl, dotted, since: since ?? '', version }, at: pairSpan(pair)! });
          }
          const valueNode = getNode(entry, 'value');
          const value = scalarValue(valueNode, pod.doc);
          const injected = typeof value === 'string' ? injectedSysctl(value) : undefined;
          const at = nodeSpan(valueNode);
          if (injected !== undefined && at) ctx.report({ messageId: 'injection', data: { sysctl, injected }, at });
        }
      },
    };
  },
});
