import { defineRule } from '../../rule';
import { nodeSpan, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { addToSeq, replaceNode, setIn } from '../../fixes/yaml-edit';
import type { ContainerView } from '../../views/resource';
import type { RuleContext } from '../../rule';
import type { FixKind } from '../../types';

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
    fixable: 'fix',
    suggestions: true,
    messages: {
      allowed: '{{label}} "{{name}}" allows privilege escalation (securityContext.allowPrivilegeEscalation: {{value}}).',
      missing: '{{label}} "{{name}}" does not set securityContext.allowPrivilegeEscalation: false.',
      composeMissing: '{{owner}} does not set security_opt no-new-privileges:true: its processes can gain privileges through setuid and setgid binaries.',
      composeFalse: '{{owner}} sets security_opt {{value}}: its processes can gain privileges through setuid and setgid binaries.',
    },
    references: {
      pss: { level: 'restricted', control: 'Privilege Escalation' },
      cis: ['5.2.6'],
      cisDocker: ['5.26'],
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
          // The author wrote it: changing it is a decision (a suggestion), never part of fix-all.
          const fixes = () => fixFor(ctx, c, 'suggestion');
          ctx.report({ messageId: 'allowed', data: { ...data, value: String(value) }, at: pairSpan(pair)!, container: c.name, fixes });
        } else {
          const fixes = () => fixFor(ctx, c, 'fix');
          ctx.report({ messageId: 'missing', data, at: c.nearestSpan([...PATH]), container: c.name, fixes });
        }
      },
      composeService(s) {
        // compose's `no-new-privileges` is Kubernetes' allowPrivilegeEscalation: false (both set the no_new_privs bit).
        if (!s.definesContainer) return;
        const opts = s.securityOpts().filter((o) => o.key === 'no-new-privileges');
        const last = opts[opts.length - 1];
        if (last && (last.optionValue === undefined || last.optionValue === 'true')) return;
        if (last) {
          const fixes = () => fixOf('Set no-new-privileges:true', 'suggestion', replaceNode(s.doc, ctx.text, seqItems(s.get(['security_opt']), s.doc).find((n) => nodeSpan(n)?.start === last.span.start), 'no-new-privileges:true'));
          ctx.report({ messageId: 'composeFalse', data: { owner: s.owner, value: last.value }, at: last.span, container: s.name, fixes });
          return;
        }
        const fixes = () => fixOf('Add security_opt no-new-privileges:true', 'fix', addToSeq(s.doc, ctx.text, s.node, ['security_opt'], ['no-new-privileges:true']));
        ctx.report({ messageId: 'composeMissing', data: { owner: s.owner }, at: s.nearestSpan(['security_opt']), container: s.name, fixes });
      },
    };
  },
});

/**
 * `allowPrivilegeEscalation: false`, except where the API server would reject
 * it: with `privileged: true` or the SYS_ADMIN capability added.
 */
function fixFor(ctx: RuleContext, c: ContainerView, kind: FixKind) {
  if (c.value(['securityContext', 'privileged']) === true) return undefined;
  const adds = seqItems(c.get(['securityContext', 'capabilities', 'add']), c.doc).map((n) => scalarValue(n, c.doc));
  if (adds.some((a) => a === 'SYS_ADMIN' || a === 'CAP_SYS_ADMIN')) return undefined;
  return fixOf('Set allowPrivilegeEscalation: false', kind, setIn(c.doc, ctx.text, c.node, [...PATH], false));
}
