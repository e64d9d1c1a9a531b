import { defineRule } from '../../rule';
import { asSeq, nodeSpan, pairSpan } from '../../views/yaml-node';
import { containerSetting, podSetting, type SecurityContextSetting } from './shared';
import { fixOf } from '../../fixes/rule-fixes';
import { removeSeqItem, replaceNode, setIn } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import type { ContainerView, PodSpecView } from '../../views/resource';

/** Legacy per-container annotation, read by Pod Security on the pod (template) metadata. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Annotation values the baseline profile accepts: empty, runtime/default, localhost/<profile>. */
function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/** `appArmorProfile.type` values the baseline profile accepts. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

export default defineRule({
  meta: {
    id: 'apparmor-unconfined',
    title: 'AppArmor disabled or overridden',
    description:
      'An Unconfined AppArmor profile (or any profile other than the runtime default or a localhost profile) removes the mandatory access control that limits what a compromised container may read, write and execute on the node.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      unconfined: '{{subject}} runs without AppArmor (securityContext.appArmorProfile.type: Unconfined).',
      otherType:
        '{{subject}} sets securityContext.appArmorProfile.type to "{{type}}"; only RuntimeDefault and Localhost are allowed.',
      annotationUnconfined: 'AppArmor is disabled for container "{{container}}" by the annotation {{key}}: unconfined.',
      annotationOther:
        'The annotation {{key}} sets AppArmor profile "{{value}}" for container "{{container}}"; only runtime/default and localhost/<profile> are allowed.',
      compose: '{{owner}} runs without AppArmor (security_opt: {{option}}).',
    },
    references: {
      cisDocker: ['5.2'],
      pss: { level: 'baseline', control: 'AppArmor' },
      trivy: ['KSV002'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tutorials/security/apparmor/',
      ],
    },
  },
  create(ctx) {
    // RuntimeDefault in place of the bad type (not where a localhostProfile is set: the API allows it only with Localhost).
    const typeFix = (owner: PodSpecView | ContainerView): Fix[] | undefined =>
      owner.get(['securityContext', 'appArmorProfile', 'localhostProfile']) !== undefined
        ? undefined
        : fixOf('Set appArmorProfile type: RuntimeDefault', 'suggestion', setIn(owner.doc, ctx.text, owner.node, ['securityContext', 'appArmorProfile', 'type'], 'RuntimeDefault'));
    const checkType = (s: SecurityContextSetting | undefined, owner: PodSpecView | ContainerView) => {
      if (!s || typeof s.value !== 'string' || ALLOWED_TYPES.has(s.value)) return;
      ctx.report({
        messageId: s.value === 'Unconfined' ? 'unconfined' : 'otherType',
        data: { subject: s.subject, type: s.value },
        at: pairSpan(s.pair)!,
        container: s.container,
        fixes: () => typeFix(owner),
      });
    };
    return {
      podSpec(pod) {
        checkType(podSetting(pod, ['appArmorProfile', 'type']), pod);
        // Only the pod template's annotations count: Pod Security never looks
        // at the annotations of the Deployment (or other controller) itself.
        for (const [key, { value, pair }] of pod.annotations()) {
          if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || typeof value !== 'string' || allowedAnnotationValue(value)) continue;
          const container = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
          ctx.report({
            messageId: value === 'unconfined' ? 'annotationUnconfined' : 'annotationOther',
            data: { key, value, container },
            at: pairSpan(pair)!,
            container,
            fixes: () => fixOf('Set the annotation to runtime/default', 'suggestion', replaceNode(pod.doc, ctx.text, pair.value, 'runtime/default')),
          });
        }
      },
      container: (c) => checkType(containerSetting(c, ['appArmorProfile', 'type']), c),
      composeService(s) {
        const seq = asSeq(s.get(['security_opt']), s.doc);
        for (const opt of s.securityOpts()) {
          if (opt.key !== 'apparmor' || opt.optionValue !== 'unconfined') continue;
          // Without the option Docker applies its default AppArmor profile.
          const item = seq?.items.find((n) => nodeSpan(n)?.start === opt.span.start);
          const fixes = () => fixOf(`Remove ${opt.value} (use the default AppArmor profile)`, 'suggestion', seq && removeSeqItem(s.doc, ctx.text, seq, item));
          ctx.report({ messageId: 'compose', data: { owner: s.owner, option: opt.value }, at: opt.span, container: s.name, fixes });
        }
      },
    };
  },
});
