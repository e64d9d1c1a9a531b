import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import type { YamlValue } from '../../fixes/yaml-format';
import type { Span } from '../../types';

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
 *
 * One finding per container and one for the pod, each with the strongest
 * reason: `runAsUser: 0` (runs as root) before `runAsNonRoot: false` before
 * `runAsNonRoot` unset (may run as root). A container reports what it writes
 * itself; a container whose only reason is a pod-level value (an inherited
 * `runAsUser: 0`, a pod-level `runAsNonRoot: false`) is covered by the pod's
 * finding. Each suggestion sets everything
 * its place needs (`runAsNonRoot: true` and `runAsUser: 10001` together).
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
        const podUserPair = pod.pair([...USER]);
        const podRootUser = podUserPair !== undefined && pod.value([...USER]) === 0;
        // One finding for the pod, with the strongest reason: runAsUser: 0 runs as root, runAsNonRoot: false only may.
        if (podRootUser) {
          const change: Record<string, YamlValue> = podNonRoot === true ? { runAsUser: NON_ROOT_UID } : { runAsNonRoot: true, runAsUser: NON_ROOT_UID };
          const title = podNonRoot === true ? `Set runAsUser: ${NON_ROOT_UID} on the pod` : `Set runAsNonRoot: true and runAsUser: ${NON_ROOT_UID} on the pod`;
          const fixes = () => fixOf(title, 'suggestion', setIn(pod.doc, ctx.text, pod.node, ['securityContext'], change));
          ctx.report({ messageId: 'podRootUser', at: pairSpan(podUserPair)!, fixes });
        } else if (podNonRootSet && podNonRoot !== true) {
          const fixes = () => fixOf('Set runAsNonRoot: true on the pod', 'suggestion', setIn(pod.doc, ctx.text, pod.node, [...NON_ROOT], true));
          ctx.report({ messageId: 'podNonRootFalse', data: { value: String(podNonRoot) }, at: pairSpan(podNonRootPair)!, fixes });
        }

        // One finding per container, with the strongest reason; a reason the pod-level finding already gives is not repeated.
        for (const c of pod.containers) {
          const data = { label: c.label, name: c.name };
          const own = c.value([...NON_ROOT]);
          const ownPair = c.pair([...NON_ROOT]);
          const ownNonRootSet = ownPair !== undefined && isSet(own);
          const userPair = c.pair([...USER]);
          const ownRootUser = userPair !== undefined && c.value([...USER]) === 0;
          const inheritsRootUser = (userPair === undefined || !isSet(c.value([...USER]))) && podRootUser;
          const nonRootTrue = ownNonRootSet ? own === true : podNonRoot === true;
          // runAsNonRoot: true with an effective runAsUser of 0 would not start: move the user off 0 in the same edit.
          const rootUser = ownRootUser || inheritsRootUser;
          const change: Record<string, YamlValue> = { ...(nonRootTrue ? {} : { runAsNonRoot: true }), ...(rootUser ? { runAsUser: NON_ROOT_UID } : {}) };
          const title = `Set ${Object.entries(change).map(([k, v]) => `${k}: ${String(v)}`).join(' and ')}`;
          const fixes = () => fixOf(title, 'suggestion', setIn(c.doc, ctx.text, c.node, ['securityContext'], change));
          const report = (messageId: string, at: Span, extra: Record<string, string> = {}): void =>
            ctx.report({ messageId, data: { ...data, ...extra }, at, container: c.name, fixes });
          if (ownRootUser) report('rootUser', pairSpan(userPair)!);
          else if (ownNonRootSet && own !== true) report('nonRootNotTrue', pairSpan(ownPair)!, { value: String(own) });
          else if (!ownNonRootSet && !podNonRootSet && !inheritsRootUser) report('nonRootMissing', c.nearestSpan([...NON_ROOT]));
          // (otherwise the reason is a pod-level value, reported once above, whose suggestion covers this container)
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
