import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';

export default defineRule({
  meta: {
    id: 'privileged-container',
    title: 'Privileged container',
    description:
      'A privileged container has all capabilities and full access to the host devices; escaping to the node is trivial.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    fixable: 'suggestion',
    messages: {
      privileged: '{{label}} "{{name}}" runs privileged (securityContext.privileged: true).',
      compose: '{{owner}} runs privileged (privileged: true).',
    },
    references: {
      pss: { level: 'baseline', control: 'Privileged Containers' },
      cis: ['5.2.2'],
      cisDocker: ['5.5'],
      kubeLinter: ['privileged-container'],
      polaris: ['runAsPrivileged'],
      checkov: ['CKV_K8S_16'],
      trivy: ['KSV017'],
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  create(ctx) {
    return {
      container(c) {
        const pair = c.pair(['securityContext', 'privileged']);
        if (!pair || c.value(['securityContext', 'privileged']) !== true) return;
        ctx.report({
          messageId: 'privileged',
          data: { label: c.label, name: c.name },
          at: pairSpan(pair)!,
          container: c.name,
          fixes: () => fixOf('Set privileged: false', 'suggestion', setIn(c.doc, ctx.text, c.node, ['securityContext', 'privileged'], false)),
        });
      },
      composeService(s) {
        const setting = s.privileged();
        if (!setting) return;
        const fixes = () => fixOf('Set privileged: false', 'suggestion', setIn(s.doc, ctx.text, s.node, ['privileged'], false));
        ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name, fixes });
      },
    };
  },
});
