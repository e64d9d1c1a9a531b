import { defineRule } from '../../rule';
import { checkFlag, DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-live-restore',
    title: 'Live restore disabled',
    description:
      'Without live-restore, stopping or upgrading dockerd stops every container, so security updates of the daemon mean downtime and tend to be put off. Set "live-restore": true (not available in swarm mode).',
    defaultSeverity: 'info',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      written: '"live-restore": {{value}}: every container stops when dockerd stops or is upgraded.',
      missing: '"live-restore" is not set (the default is false): every container stops when dockerd stops or is upgraded. Set "live-restore": true.',
    },
    references: {
      cisDocker: ['2.15'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        checkFlag(ctx, view, { key: 'live-restore', byDefault: false, safe: true, addKind: 'suggestion' });
      },
    };
  },
});
