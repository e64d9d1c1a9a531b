import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

const LOCAL_DRIVERS = new Set(['json-file', 'local', 'none']);

export default defineRule({
  meta: {
    id: 'docker-daemon-remote-logging',
    title: 'No centralized logging for containers',
    description:
      'With the default json-file (or local) log driver, container logs stay on the host, where an intruder can delete them and where they are lost with the host. A remote driver (syslog, journald forwarded, fluentd, gelf, awslogs, ...) keeps them elsewhere.',
    defaultSeverity: 'info',
    category: 'docker-daemon',
    messages: {
      missing: '"log-driver" is not set: container logs stay on the host (json-file). Configure a remote log driver.',
      local: '"log-driver": "{{driver}}" keeps container logs on the host only.',
    },
    references: {
      cisDocker: ['2.13'],
      urls: [DAEMON_DOC, 'https://docs.docker.com/engine/logging/configure/'],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const s = view.setting('log-driver');
        if (!s) ctx.report({ messageId: 'missing', at: view.anchorSpan });
        else if (s.value.type === 'string' && LOCAL_DRIVERS.has(s.value.value)) ctx.report({ messageId: 'local', data: { driver: s.value.value }, at: s.span });
      },
    };
  },
});
