import { defineRule } from '../../rule';
import { checkFlag, DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-experimental',
    title: 'Experimental features enabled',
    description:
      'Experimental features are unsupported, change without notice and have not had the review stable features get: they do not belong on a production daemon.',
    defaultSeverity: 'warning',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      written: '"experimental": {{value}} turns on features that are unsupported and not reviewed like stable ones.',
    },
    references: {
      cisDocker: ['2.18'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        checkFlag(ctx, view, { key: 'experimental', byDefault: false, safe: false, addKind: 'suggestion' });
      },
    };
  },
});
