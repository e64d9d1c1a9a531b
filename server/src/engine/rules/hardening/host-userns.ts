import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';

/** compose `userns_mode: host` (docker run --userns=host): the container opts out of the daemon's user namespace remapping. */
export default defineRule({
  meta: {
    id: 'host-userns',
    title: 'Host user namespace',
    description:
      'userns_mode: host takes the container out of the daemon\'s user namespace remapping (userns-remap): root in it is root on the host again.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fixable: 'suggestion',
    messages: {
      compose: '{{owner}} shares the host user namespace (userns_mode: host): root in it is root on the host.',
    },
    references: {
      cisDocker: ['5.31'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#userns_mode', 'https://docs.docker.com/engine/security/userns-remap/'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        const setting = s.setting(['userns_mode']);
        if (setting?.value !== 'host') return;
        const fixes = () => fixOf('Remove userns_mode: host', 'suggestion', removeIn(s.doc, ctx.text, s.node, ['userns_mode']));
        ctx.report({ messageId: 'compose', data: { owner: s.owner }, at: setting.span, container: s.name, fixes });
      },
    };
  },
});
