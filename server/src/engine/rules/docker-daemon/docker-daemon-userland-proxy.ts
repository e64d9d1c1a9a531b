import { defineRule } from '../../rule';
import { checkFlag, DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-userland-proxy',
    title: 'Userland proxy enabled',
    description:
      'With the userland proxy on (dockerd’s default), a docker-proxy process per published port forwards traffic, adding attack surface and hiding client addresses, where iptables (hairpin NAT) would do. Set "userland-proxy": false.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      written: '"userland-proxy": {{value}}: a docker-proxy process forwards every published port where hairpin NAT would do.',
      missing: '"userland-proxy" is not set, and dockerd runs a docker-proxy process per published port (the default is true). Set "userland-proxy": false.',
    },
    references: {
      cisDocker: ['2.16'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        checkFlag(ctx, view, { key: 'userland-proxy', byDefault: true, safe: false, addKind: 'suggestion' });
      },
    };
  },
});
