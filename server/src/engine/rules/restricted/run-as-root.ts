import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';

/** The non-root user id suggestions write (the image may expect another: a suggestion, never a fix). */
const NON_ROOT_UID = 10001;

const NON_ROOT = ['securityContext', 'runAsNonRoot'] as const;
const USER = ['securityContext', 'runAsUser'] as const;

const isSet = (v: unknown): boolean => v !== null && v !== undefined;

/**
 * PSS "Running as Non-root" and "Running as Non-root user", as the
 * pod-security-admission checks runAsNonRoot and runAsUser apply them
 * (Kubernetes 1.35): an explicit bad value is reported where it is written,
 * at pod or container level; a container that is not covered by a pod-level
 * `runAsNonRoot: true` and does not set it itself is reported at its nearest
 * existing key. Pods with `hostUsers: false` are exempt.
 */
export default defineRule({
  meta: {
    id: 'run-as-root',
    title: 'Container may run as root',
    description:
      'The restricted profile requires runAsNonRoot: true for every container (set on the pod or the container) and forbids runAsUser: 0. A process running as root in a container is one kernel or runtime bug away from root on the node.',
    defaultSeverity: 'warning',
    category: 'pod-security-restricted',
    level: 'restricted',
    fixable: 'suggestion',
    messages: {
      podNonRootFalse: 'The pod sets securityContext.runAsNonRoot: {{value}}; its containers may run as root.',
      nonRootNotTrue: '{{label}} "{{name}}" may run as root (securityContext.runAsNonRoot: {{value}}).',
      nonRootMissing:
        '{{label}} "{{name}}" may run as root: securityContext.runAsNonRoot: true is set neither on the container nor on the pod.',
      podRootUser: 'The pod runs its containers as root (securityContext.runAsUser: 0).',
      rootUser: '{{label}} "{{name}}" runs as root (securityContext.runAsUser: 0).',
      composeRootUser: '{{owner}} runs as root (user: {{user}}).',
    },
    references: {
      pss: { level: 'restricted', control: 'Running as Non-root; Running as Non-root user (v1.23+)' },
      cis: ['5.2.7'],
      kubeLinter: ['run-as-non-root'],
      polaris: ['runAsRootAllowed'],
      checkov: ['CKV_K8S_23'],
      trivy: ['KSV012'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        // User-namespaced pods: UID 0 in the pod maps to an unprivileged UID on the node (relaxed unconditionally from policy 1.35).
        if (pod.usesUserNamespace) return;
        const podNonRoot = pod.value([...NON_ROOT]);
        const podNonRootPair = pod.pair([...NON_ROOT]);
        const podNonRootSet = podNonRootPair !== undefined && isSet(podNonRoot);
        if (podNonRootSet && podNonRoot !== true) {
          const fixes = () => fixOf('Set runAsNonRoot: true on the pod', 'suggestion', setIn(pod.doc, ctx.text, pod.node, [...NON_ROOT], true));
          ctx.report({ messageId: 'podNonRootFalse', data: { value: String(podNonRoot) }, at: pairSpan(podNonRootPair)!, fixes });
        }
        const podUserPair = pod.pair([...USER]);
        if (podUserPair && pod.value([...USER]) === 0) {
          const fixes = () => fixOf(`Set runAsUser: ${NON_ROOT_UID} on the pod`, 'suggestion', setIn(pod.doc, ctx.text, pod.node, [...USER], NON_ROOT_UID));
          ctx.report({ messageId: 'podRootUser', at: pairSpan(podUserPair)!, fixes });
        }

        for (const c of pod.containers) {
          const data = { label: c.label, name: c.name };
          // runAsNonRoot: true with an effective runAsUser of 0 would not start: move the user off 0 in the same edit.
          const rootUser = c.value([...USER]) === 0 || (c.pair([...USER]) === undefined && pod.value([...USER]) === 0);
          const nonRootFix = () =>
            fixOf(
              rootUser ? `Set runAsNonRoot: true and runAsUser: ${NON_ROOT_UID}` : 'Set runAsNonRoot: true',
              'suggestion',
              setIn(c.doc, ctx.text, c.node, ['securityContext'], rootUser ? { runAsNonRoot: true, runAsUser: NON_ROOT_UID } : { runAsNonRoot: true }),
            );
          const own = c.value([...NON_ROOT]);
          const ownPair = c.pair([...NON_ROOT]);
          if (ownPair && isSet(own)) {
            if (own !== true) {
              ctx.report({ messageId: 'nonRootNotTrue', data: { ...data, value: String(own) }, at: pairSpan(ownPair)!, container: c.name, fixes: () => nonRootFix() });
            }
          } else if (!podNonRootSet) {
            // Not covered by the pod either. (A pod-level bad value is reported once, above.)
            ctx.report({ messageId: 'nonRootMissing', data, at: c.nearestSpan([...NON_ROOT]), container: c.name, fixes: () => nonRootFix() });
          }
          const userPair = c.pair([...USER]);
          if (userPair && c.value([...USER]) === 0) {
            const fixes = () => fixOf(`Set runAsUser: ${NON_ROOT_UID}`, 'suggestion', setIn(c.doc, ctx.text, c.node, [...USER], NON_ROOT_UID));
            ctx.report({ messageId: 'rootUser', data, at: pairSpan(userPair)!, container: c.name, fixes });
          }
        }
      },
      composeService(s) {
        // Only an explicit root user: without `user`, the image's USER decides (see dockerfile-root-user).
        const user = s.user();
        if (!user || (user.user !== 'root' && !/^0+$/.test(user.user))) return;
        const fixes = () => fixOf(`Set user: "${NON_ROOT_UID}"`, 'suggestion', setIn(s.doc, ctx.text, s.node, ['user'], String(NON_ROOT_UID)));
        ctx.report({ messageId: 'composeRootUser', data: { owner: s.owner, user: String(user.value) }, at: user.span, container: s.name, fixes });
      },
    };
  },
});
