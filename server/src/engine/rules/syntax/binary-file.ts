import { defineRule } from '../../rule';

/** Emitted by the engine, once, for content that is not text. */
export default defineRule({
  meta: {
    id: 'binary-file',
    title: 'Binary content not checked',
    description: 'The file contains NUL bytes or invalid UTF-8 and is not a text manifest, so it is not checked.',
    defaultSeverity: 'info',
    category: 'syntax',
    messages: {
      binary: 'This file looks binary (NUL bytes or invalid UTF-8); it is not checked.',
    },
    references: {},
  },
  create: () => ({}),
});
