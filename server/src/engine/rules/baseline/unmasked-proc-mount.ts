import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

export default defineRule({
  meta: {
    id: 'unmasked-proc-mount',
    title: 'Unmasked /proc',
    description:
      'procMount: Unmasked removes the masks and read-only paths the container runtime puts over /proc, exposing kernel interfaces (e.g. /proc/sys, /proc/sysrq-trigger) that help escape the container.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      unmasked: '{{label}} "{{name}}" unmasks /proc (securityContext.procMount: Unmasked).',
      other: '{{label}} "{{name}}" sets securityContext.procMount to "{{value}}"; only Default is allowed.',
      restricted:
        '{{label}} "{{name}}" sets securityContext.procMount to "{{value}}"; hostUsers: false relaxes this only under the baseline profile, restricted still requires Default.',
    },
    references: {
      pss: { level: 'baseline', control: '/proc Mount Type' },
      kubeLinter: ['unsafe-proc-mount'],
      trivy: ['KSV027'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
      ],
    },
  },
  create(ctx) {
    return {
      container(c) {
        const value = c.value(['securityContext', 'procMount']);
        if (typeof value !== 'string' || value === 'Default') return;
        // Policy version 1.35: the baseline check allows any procMount in a pod
        // with its own user namespace; the restricted check does not.
        const userNamespace = c.pod.usesUserNamespace;
        if (userNamespace && ctx.profile === 'baseline') return;
        ctx.report({
          messageId: userNamespace ? 'restricted' : value === 'Unmasked' ? 'unmasked' : 'other',
          data: { label: c.label, name: c.name, value },
          at: pairSpan(c.pair(['securityContext', 'procMount']))!,
          container: c.name,
          fixes: () => fixOf('Remove procMount (use the default masked /proc)', 'suggestion', removeIn(c.doc, ctx.text, c.node, ['securityContext', 'procMount'])),
        });
      },
    };
  },
});
