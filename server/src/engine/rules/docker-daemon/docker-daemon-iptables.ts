import { defineRule } from '../../rule';
import { checkFlag, DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-iptables',
    title: 'Docker not allowed to change iptables',
    description:
      'With "iptables": false, dockerd leaves the firewall alone, and published ports, inter-container isolation and masquerading must be kept right by hand; a mistake leaves containers open or broken. Leave iptables to Docker.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      written: '"iptables": {{value}}: dockerd does not manage the firewall rules that isolate containers and publish their ports.',
    },
    references: {
      cisDocker: ['2.4'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        checkFlag(ctx, view, { key: 'iptables', byDefault: true, safe: true, addKind: 'suggestion' });
      },
    };
  },
});
