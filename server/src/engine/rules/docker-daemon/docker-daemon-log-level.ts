import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

export default defineRule({
  meta: {
    id: 'docker-daemon-log-level',
    title: 'Daemon log level not info',
    description:
      '"log-level": "debug" logs far more than an audit needs (request bodies, environment of created containers), while "warn", "error" or "fatal" drop the events an investigation needs. The benchmark asks for "info", the default.',
    defaultSeverity: 'info',
    category: 'docker-daemon',
    fixable: 'suggestion',
    messages: {
      level: '"log-level": "{{level}}": use "info" (the default) so the daemon logs what an audit needs and no more.',
    },
    references: {
      cisDocker: ['2.3'],
      urls: [DAEMON_DOC],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const s = view.setting('log-level');
        if (s?.value.type !== 'string' || s.value.value === 'info') return;
        const fixes = () => [{ title: 'Set "log-level": "info"', kind: 'suggestion' as const, edits: [view.replaceEdit(s, '"info"')] }];
        ctx.report({ messageId: 'level', data: { level: s.value.value }, at: s.span, fixes });
      },
    };
  },
});
