import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

/** compose `uts: host` (docker run --uts=host). Kubernetes pods have no such setting. */
export default defineRule({
  meta: {
    id: 'host-uts',
    title: 'Host UTS namespace',
    description:
      'A container sharing the host UTS namespace (uts: host) sees the host\'s hostname and domain name and, with CAP_SYS_ADMIN, can change them for the whole host.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fixable: 'suggestion',
    messages: {
      compose: '{{owner}} shares the host UTS namespace (uts: host).',
    },
    references: {
      cisDocker: ['5.21'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#uts'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        const setting = s.setting(['uts']);
        if (setting?.value !== 'host') return;
        const fixes = () => fixOf('Remove uts: host', 'suggestion', removeIn(s.doc, ctx.text, s.node, ['uts']));
        ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name, fixes });
      },
    };
  },
});
