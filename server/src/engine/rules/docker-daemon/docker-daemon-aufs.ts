import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-aufs',
    title: 'aufs storage driver',
    description:
      'The aufs storage driver is deprecated and removed from current Docker releases; it had kernel crashes and is no longer maintained. Use overlay2.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    messages: {
      aufs: '"storage-driver": "aufs" is deprecated and unmaintained: use overlay2.',
    },
    references: {
      cisDocker: ['2.6'],
      urls: [DAEMON_DOC, 'https://docs.docker.com/engine/storage/drivers/select-storage-driver/'],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const s = view.setting('storage-driver');
        if (s?.value.type === 'string' && s.value.value.trim() === 'aufs') ctx.report({ messageId: 'aufs', at: s.span });
      },
    };
  },
});
