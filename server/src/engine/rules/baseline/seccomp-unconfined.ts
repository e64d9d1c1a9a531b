import { defineRule } from '../../rule';
import { asSeq, nodeSpan, pairSpan } from '../../views/yaml-node';
import { containerSetting, podSetting, type SecurityContextSetting } from './shared';
import { fixOf } from '../../fixes/rule-fixes';
import { removeSeqItem, setIn } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import type { ContainerView, PodSpecView } from '../../views/resource';

/** Profile types the baseline profile accepts when a type is set at all. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

export default defineRule({
  meta: {
    id: 'seccomp-unconfined',
    title: 'Seccomp disabled',
    description:
      'seccompProfile.type: Unconfined turns off system-call filtering, so every kernel system call, including the rarely needed ones behind many container escapes, is reachable from the container.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      unconfined: '{{subject}} runs without a seccomp profile (securityContext.seccompProfile.type: Unconfined).',
      other: '{{subject}} sets securityContext.seccompProfile.type to "{{type}}"; only RuntimeDefault and Localhost are allowed.',
      compose: '{{owner}} runs without a seccomp profile (security_opt: {{option}}).',
    },
    references: {
      cisDocker: ['5.22'],
      pss: { level: 'baseline', control: 'Seccomp' },
      trivy: ['KSV104'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tutorials/security/seccomp/',
      ],
    },
  },
  create(ctx) {
    // Pod Security judges each level on its own: a bad pod-level type is
    // reported once at the pod, a container only for what it sets itself.
    // RuntimeDefault in place of the bad type (not where a localhostProfile is set: the API allows it only with Localhost).
    const fixFor = (owner: PodSpecView | ContainerView): Fix[] | undefined =>
      owner.get(['securityContext', 'seccompProfile', 'localhostProfile']) !== undefined
        ? undefined
        : fixOf('Set seccompProfile type: RuntimeDefault', 'suggestion', setIn(owner.doc, ctx.text, owner.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault'));
    const check = (s: SecurityContextSetting | undefined, owner: PodSpecView | ContainerView) => {
      if (!s || typeof s.value !== 'string' || ALLOWED_TYPES.has(s.value)) return;
      ctx.report({
        messageId: s.value === 'Unconfined' ? 'unconfined' : 'other',
        data: { subject: s.subject, type: s.value },
        at: pairSpan(s.pair)!,
        container: s.container,
        fixes: () => fixFor(owner),
      });
    };
    return {
      podSpec: (pod) => check(podSetting(pod, ['seccompProfile', 'type']), pod),
      container: (c) => check(containerSetting(c, ['seccompProfile', 'type']), c),
      composeService(s) {
        const seq = asSeq(s.get(['security_opt']), s.doc);
        for (const opt of s.securityOpts()) {
          if (opt.key !== 'seccomp' || opt.optionValue !== 'unconfined') continue;
          // Without the option Docker applies its default seccomp profile.
          const item = seq?.items.find((n) => nodeSpan(n)?.start === opt.span.start);
          const fixes = () => fixOf(`Remove ${opt.value} (use the default seccomp profile)`, 'suggestion', seq && removeSeqItem(s.doc, ctx.text, seq, item));
          ctx.report({ messageId: 'compose', data: { owner: s.owner, option: opt.value }, at: opt.span, container: s.name, fixes });
        }
      },
    };
  },
});
