import { defineRule } from '../../rule';
import { checkFlag, DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-icc',
    title: 'Inter-container communication on the default bridge',
    description:
      'With icc on (dockerd’s default), every container on the default bridge network can reach every other one on any port: one compromised container can probe and attack the rest. Set "icc": false and link the containers that must talk through user-defined networks.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      written: '"icc": {{value}} lets every container on the default bridge reach every other one on any port.',
      missing: '"icc" is not set, and dockerd lets every container on the default bridge reach every other one (the default is true). Set "icc": false.',
    },
    references: {
      cisDocker: ['2.2'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        checkFlag(ctx, view, { key: 'icc', byDefault: true, safe: false, addKind: 'suggestion' });
      },
    };
  },
});
