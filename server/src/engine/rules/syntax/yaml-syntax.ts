import { defineRule } from '../../rule';

/** Emitted by the engine for text that does not parse as YAML. */
export default defineRule({
  meta: {
    id: 'yaml-syntax',
    title: 'YAML syntax error',
    description: 'The document is not valid YAML, so nothing in it can be checked. Kubernetes would reject it too.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      parse: 'YAML syntax error: {{message}} (this document was not checked).',
      crash: 'This document could not be checked: {{message}}.',
      tooLarge: 'This document was not checked: it has over {{limit}} lines and flow items, more than Shipshape parses in one YAML document (split it into several; the Kubernetes API server accepts no object over 3 MB).',
    },
    references: { urls: ['https://yaml.org/spec/1.2.2/'] },
  },
  create: () => ({}),
});
