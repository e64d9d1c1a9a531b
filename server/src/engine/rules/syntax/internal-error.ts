import { defineRule } from '../../rule';

/**
 * Emitted by the engine when a rule throws: once per rule and document, at
 * the start of the object (or file) it was checking. The message names the
 * rule and the kind of error only: an error's own message may quote the
 * document (a secret), so it is never shown or logged.
 */
export default defineRule({
  meta: {
    id: 'internal-error',
    title: 'A rule failed (Shipshape bug)',
    description:
      'A rule threw an exception on this document, so its findings here are missing; the other rules still ran. This is a bug in Shipshape, not in the file: please report it with the log entry.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      failed: 'Rule "{{rule}}" failed on this document ({{error}}), so its findings here are missing. This is a Shipshape bug; please report it.',
    },
    references: {},
  },
  create: () => ({}),
});
