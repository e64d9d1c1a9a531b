import { defineRule } from '../../rule';
import type { YamlDocument } from '../../parse/yaml-document';
import type { Span } from '../../types';
import { asMap, getNode, getPair, keySpan, pairSpan, scalarValue } from '../../views/yaml-node';
import type { Node, Pair, YAMLMap } from 'yaml';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import type { ContainerView, PodSpecView } from '../../views/resource';

const PROFILE = ['securityContext', 'seccompProfile'] as const;
const VALID: ReadonlySet<unknown> = new Set(['RuntimeDefault', 'Localhost']);

type Verdict =
  | { kind: 'unset' }
  | { kind: 'valid' }
  /**
   * Any other type written as a string (Unconfined, a typo): the baseline rule
   * seccomp-unconfined reports it where it is written, so it is not repeated here.
   */
  | { kind: 'baseline' }
  /** A profile with no usable `type`: nobody else reports it. */
  | { kind: 'noType'; at: Span };

/** Classify a `seccompProfile:` pair (pod or container level). */
function classify(pair: Pair<Node, Node> | undefined, doc: YamlDocument): Verdict {
  if (!pair || pair.value === null || pair.value === undefined || scalarValue(pair.value, doc) === null) return { kind: 'unset' };
  const profile: YAMLMap | undefined = asMap(pair.value, doc);
  const typePair = getPair(profile, 'type');
  const type = scalarValue(getNode(profile, 'type'), doc);
  if (VALID.has(type)) return { kind: 'valid' };
  if (typeof type === 'string') return { kind: 'baseline' };
  const at = (typePair && pairSpan(typePair)) ?? keySpan(pair)!;
  return { kind: 'noType', at };
}

export default defineRule({
  meta: {
    id: 'seccomp-profile-missing',
    title: 'Seccomp profile not set',
    description:
      'The restricted profile requires a seccomp profile of type RuntimeDefault or Localhost, on the pod or on every container. Without one, containers run with every system call available, a large kernel attack surface.',
    defaultSeverity: 'warning',
    category: 'pod-security-restricted',
    level: 'restricted',
    fixable: 'fix',
    messages: {
      missing:
        '{{label}} "{{name}}" has no seccomp profile: set securityContext.seccompProfile.type to RuntimeDefault or Localhost on the pod or the container.',
      podNoType: 'The pod\'s securityContext.seccompProfile has no valid type; the restricted profile requires RuntimeDefault or Localhost.',
      noType: '{{label}} "{{name}}" has a securityContext.seccompProfile without a valid type; the restricted profile requires RuntimeDefault or Localhost.',
    },
    references: {
      pss: { level: 'restricted', control: 'Seccomp (v1.19+)' },
      cis: ['5.7.2'],
      checkov: ['CKV_K8S_31'],
      trivy: ['KSV030'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://kubernetes.io/docs/tutorials/security/seccomp/',
      ],
    },
  },
  create(ctx) {
    /** `type: RuntimeDefault` in a profile that has no valid type (none where a localhostProfile is set). */
    const typeFix = (owner: PodSpecView | ContainerView) =>
      owner.get([...PROFILE, 'localhostProfile']) !== undefined
        ? undefined
        : fixOf('Set seccompProfile type: RuntimeDefault', 'fix', setIn(owner.doc, ctx.text, owner.node, [...PROFILE, 'type'], 'RuntimeDefault'));
    return {
      podSpec(pod) {
        // Windows pods are exempt since policy 1.25: seccomp is Linux-only and API validation rejects it there.
        if (pod.isWindows) return;
        const podVerdict = classify(pod.pair([...PROFILE]), pod.doc);
        if (podVerdict.kind === 'noType') ctx.report({ messageId: 'podNoType', at: podVerdict.at, fixes: () => typeFix(pod) });
        for (const c of pod.containers) {
          const verdict = classify(c.pair([...PROFILE]), c.doc);
          const data = { label: c.label, name: c.name };
          if (verdict.kind === 'noType') {
            ctx.report({ messageId: 'noType', data, at: verdict.at, container: c.name, fixes: () => typeFix(c) });
          } else if (verdict.kind === 'unset' && podVerdict.kind === 'unset') {
            // A container without its own profile inherits the pod's; a bad pod value is reported once, at the pod.
            // The pod-level profile covers every container (and containers added later).
            const fixes = () => fixOf('Set seccompProfile type: RuntimeDefault on the pod', 'fix', setIn(pod.doc, ctx.text, pod.node, [...PROFILE], { type: 'RuntimeDefault' }));
            ctx.report({ messageId: 'missing', data, at: c.nearestSpan([...PROFILE]), container: c.name, fixes });
          }
        }
      },
    };
  },
});
