import { defineRule } from '../../rule';
import { asSeq, nodeSpan, scalarValue, seqItems } from '../../views/yaml-node';
import { fixOf, fixesOf } from '../../fixes/rule-fixes';
import { removeSeqItem, replaceNode } from '../../fixes/yaml-edit';

/**
 * Capabilities the baseline profile lets a container add: the container
 * runtime's default set (pod-security-admission `capabilities_baseline`,
 * unchanged from policy version 1.0 through 1.35). Names compare exactly.
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The spelling Pod Security would accept for a capability written as `cap_chown` or `CAP_CHOWN`. */
function canonical(capability: string): string | undefined {
  const upper = capability.toUpperCase().replace(/^CAP_/, '');
  return upper !== capability && BASELINE_CAPABILITIES.has(upper) ? upper : undefined;
}

export default defineRule({
  meta: {
    id: 'dangerous-capabilities',
    title: 'Capability beyond the baseline set',
    description:
      'Adding a Linux capability outside the container runtime default set (SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, ALL, ...) hands the container kernel privileges that enable container escapes and attacks on the node network.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      capability:
        '{{label}} "{{name}}" adds capability {{capability}}, which is outside the baseline set (securityContext.capabilities.add).',
      all: '{{label}} "{{name}}" adds ALL capabilities (securityContext.capabilities.add).',
      spelling:
        '{{label}} "{{name}}" adds capability "{{capability}}" (securityContext.capabilities.add); Pod Security compares names exactly, write it as {{canonical}}.',
      composeCapability: '{{owner}} adds capability {{capability}}, which is outside the baseline set (cap_add).',
      composeAll: '{{owner}} adds ALL capabilities (cap_add).',
    },
    references: {
      pss: { level: 'baseline', control: 'Capabilities' },
      cis: ['5.2.8', '5.2.9'],
      cisDocker: ['5.4'],
      polaris: ['dangerousCapabilities'],
      checkov: ['CKV_K8S_25', 'CKV_K8S_39'],
      trivy: ['KSV022'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
      ],
    },
  },
  create(ctx) {
    return {
      container(c) {
        const addSeq = asSeq(c.get(['securityContext', 'capabilities', 'add']), c.doc);
        for (const item of seqItems(addSeq, c.doc)) {
          const capability = scalarValue(item, c.doc);
          if (typeof capability !== 'string' || BASELINE_CAPABILITIES.has(capability)) continue;
          const fixed = canonical(capability);
          // The workload may need the capability: removing it is a suggestion; respelling it changes nothing the runtime grants.
          const fixes = () => fixesOf(
            // Under restricted, a respelt capability other than NET_BIND_SERVICE is still reported (capabilities-not-dropped).
            fixed !== undefined && (ctx.profile === 'baseline' || fixed === 'NET_BIND_SERVICE') ? fixOf(`Write the capability as ${fixed}`, 'suggestion', replaceNode(c.doc, ctx.text, item, fixed)) : undefined,
            fixOf(`Remove capability ${capability}`, 'suggestion', addSeq && removeSeqItem(c.doc, ctx.text, addSeq, item)),
          );
          ctx.report({
            messageId: capability === 'ALL' ? 'all' : fixed !== undefined ? 'spelling' : 'capability',
            data: { label: c.label, name: c.name, capability, canonical: fixed ?? capability },
            at: nodeSpan(item)!,
            container: c.name,
            fixes,
          });
        }
      },
      composeService(s) {
        // Docker reads capability names case-insensitively, with or without the CAP_ prefix.
        const addSeq = asSeq(s.get(['cap_add']), s.doc);
        for (const item of s.capAdd()) {
          const capability = item.value.toUpperCase().replace(/^CAP_/, '');
          if (BASELINE_CAPABILITIES.has(capability)) continue;
          ctx.report({
            messageId: capability === 'ALL' ? 'composeAll' : 'composeCapability',
            data: { owner: s.owner, capability },
            at: item.span,
            container: s.name,
            fixes: () => fixOf(`Remove capability ${capability}`, 'suggestion', addSeq && removeSeqItem(s.doc, ctx.text, addSeq, addSeq.items.find((n) => nodeSpan(n)?.start === item.span.start))),
          });
        }
      },
    };
  },
});
