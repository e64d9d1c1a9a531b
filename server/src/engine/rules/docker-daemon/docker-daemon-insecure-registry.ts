import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-insecure-registry',
    title: 'Insecure registry configured',
    description:
      'A registry listed in insecure-registries is reached over plain HTTP or with its certificate unchecked: anyone on the path can read pulled images and replace them with their own.',
    defaultSeverity: 'error',
    category: 'docker-daemon',
    messages: {
      insecure: 'Registry "{{registry}}" is used without TLS verification (insecure-registries): images pulled from it can be read and replaced in transit.',
    },
    references: {
      cisDocker: ['2.5'],
      urls: [DAEMON_DOC, 'https://docs.docker.com/reference/cli/dockerd/#insecure-registries'],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const s = view.setting('insecure-registries');
        if (s?.value.type !== 'array') return;
        for (const item of s.value.items) {
          if (item.type !== 'string' || item.value.trim() === '') continue;
          ctx.report({ messageId: 'insecure', data: { registry: item.value }, at: item.span });
        }
      },
    };
  },
});
