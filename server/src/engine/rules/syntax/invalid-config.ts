import { defineRule } from '../../rule';

/** Emitted for a `.shipshape.yaml` that does not parse or does not match its schema. */
export default defineRule({
  meta: {
    id: 'invalid-config',
    title: 'Invalid Shipshape configuration',
    description:
      'A `.shipshape.yaml` that is not valid YAML or does not match the configuration schema (wrong types, unknown keys or rule ids, an exemption without a reason). An invalid configuration is not applied: the files under it are checked with the editor settings (the CLI stops with exit status 2) until it is fixed.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      invalid: '{{message}}',
    },
    references: {},
  },
  create: () => ({}),
});
