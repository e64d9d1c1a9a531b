import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-userns-remap',
    title: 'User namespace remapping not enabled',
    description:
      'Without userns-remap, root in a container is root on the host: a container escape, or a write through a mounted host path, happens with full host privileges. Remapping makes container root an unprivileged user on the host.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      missing: '"userns-remap" is not set: root in a container is root on the host. Set "userns-remap": "default" (or a user of your own).',
      empty: '"userns-remap" is empty: root in a container is root on the host.',
    },
    references: {
      cisDocker: ['2.9'],
      urls: [DAEMON_DOC, 'https://docs.docker.com/engine/security/userns-remap/'],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const s = view.setting('userns-remap');
        if (!s) {
          // Remapping changes the owner of files in volumes and images: chosen, not applied in bulk.
          const fixes = () => [{ title: 'Add "userns-remap": "default"', kind: 'suggestion' as const, edits: [view.insertEdit('userns-remap', '"default"')] }];
          ctx.report({ messageId: 'missing', at: view.anchorSpan, fixes });
        } else if (s.value.type === 'string' && s.value.value.trim() === '') {
          const fixes = () => [{ title: 'Set "userns-remap": "default"', kind: 'suggestion' as const, edits: [view.replaceEdit(s, '"default"')] }];
          ctx.report({ messageId: 'empty', at: s.span, fixes });
        }
      },
    };
  },
});
