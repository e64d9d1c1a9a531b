import { defineRule } from '../../rule';
import { nodeSpan, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';

/**
 * GID 0 as primary group (runAsGroup), volume group (fsGroup) or
 * supplementary group, at pod or container level. Wherever 0 is written it
 * is reported, like runAsUser: 0 in the restricted profile.
 */
export default defineRule({
  meta: {
    id: 'root-group',
    title: 'Root group',
    description:
      'A process in group 0 (root) can read and write every file the node or an image left group-root accessible. Set runAsGroup, fsGroup and supplementalGroups to non-zero GIDs.',
    defaultSeverity: 'warning',
    category: 'hardening',
    messages: {
      podRunAsGroup: 'The pod runs its containers in the root group (securityContext.runAsGroup: 0).',
      runAsGroup: '{{label}} "{{name}}" runs in the root group (securityContext.runAsGroup: 0).',
      fsGroup: 'The pod gives its volumes to the root group (securityContext.fsGroup: 0).',
      supplementalGroup: 'The pod adds the root group (0) to securityContext.supplementalGroups.',
    },
    references: {
      trivy: ['KSV029'],
      urls: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        // As for runAsUser in the restricted profile: GID 0 in a user namespace is not GID 0 on the node.
        if (pod.usesUserNamespace) return;
        const runAsGroup = pod.pair(['securityContext', 'runAsGroup']);
        if (runAsGroup && pod.value(['securityContext', 'runAsGroup']) === 0) {
          ctx.report({ messageId: 'podRunAsGroup', at: pairSpan(runAsGroup)! });
        }
        const fsGroup = pod.pair(['securityContext', 'fsGroup']);
        if (fsGroup && pod.value(['securityContext', 'fsGroup']) === 0) {
          ctx.report({ messageId: 'fsGroup', at: pairSpan(fsGroup)! });
        }
        for (const item of seqItems(pod.get(['securityContext', 'supplementalGroups']), pod.doc)) {
          const at = nodeSpan(item);
          if (at && scalarValue(item, pod.doc) === 0) ctx.report({ messageId: 'supplementalGroup', at });
        }
        for (const c of pod.containers) {
          const pair = c.pair(['securityContext', 'runAsGroup']);
          if (pair && c.value(['securityContext', 'runAsGroup']) === 0) {
            ctx.report({ messageId: 'runAsGroup', data: { label: c.label, name: c.name }, at: pairSpan(pair)!, container: c.name });
          }
        }
      },
    };
  },
});
