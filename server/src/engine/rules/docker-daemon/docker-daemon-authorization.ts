import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-authorization',
    title: 'No authorization plugin for Docker client commands',
    description:
      'Without an authorization plugin, every client that can reach the Docker socket may run any command, including privileged containers that own the host. An authorization plugin (authorization-plugins) lets each request be allowed or denied.',
    defaultSeverity: 'info',
    category: 'docker-daemon',
    messages: {
      missing: '"authorization-plugins" is not set: every client that reaches the daemon may run any command.',
    },
    references: {
      cisDocker: ['2.12'],
      urls: [DAEMON_DOC, 'https://docs.docker.com/engine/extend/plugins_authorization/'],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const s = view.setting('authorization-plugins');
        const none = !s || (s.value.type === 'array' && !s.value.items.some((i) => i.type === 'string' && i.value.trim() !== ''));
        if (none) ctx.report({ messageId: 'missing', at: s?.span ?? view.anchorSpan });
      },
    };
  },
});
