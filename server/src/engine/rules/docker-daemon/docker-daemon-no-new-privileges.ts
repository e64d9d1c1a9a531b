import { defineRule } from '../../rule';
import { checkFlag, DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-no-new-privileges',
    title: 'Containers may acquire new privileges',
    description:
      'Without "no-new-privileges": true, processes in containers can gain privileges through setuid and setgid binaries (or file capabilities) unless each container opts out. Setting it daemon-wide makes the safe choice the default for every container.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    fixable: 'fix',
    suggestions: true,
    messages: {
      written: '"no-new-privileges": {{value}}: processes in containers can gain privileges through setuid and setgid binaries.',
      missing: '"no-new-privileges" is not set (the default is false): processes in containers can gain privileges through setuid and setgid binaries. Set "no-new-privileges": true.',
    },
    references: {
      cisDocker: ['2.14'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        checkFlag(ctx, view, { key: 'no-new-privileges', byDefault: false, safe: true, addKind: 'fix' });
      },
    };
  },
});
