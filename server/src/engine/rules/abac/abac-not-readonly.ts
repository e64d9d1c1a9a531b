import { defineRule } from '../../rule';
import { ABAC_DOC } from './shared';

/** A policy without `"readonly": true` allows every verb, writes and deletes included. */
export default defineRule({
  meta: {
    id: 'abac-not-readonly',
    title: 'ABAC policy allows writes',
    description:
      'An ABAC policy without "readonly": true allows every verb on what it matches: create, update, patch and delete as well as reads. ABAC cannot narrow a grant to some verbs; grant writes only where they are needed, or move to RBAC.',
    defaultSeverity: 'warning',
    category: 'abac',
    fixable: 'suggestion',
    messages: {
      writes: 'Policy on line {{line}} allows writes as well as reads (no "readonly": true).',
      written: 'Policy on line {{line}} sets "readonly": {{value}}: it allows writes as well as reads.',
    },
    references: {
      urls: [ABAC_DOC],
    },
  },
  create(ctx) {
    return {
      abacPolicies(file) {
        for (const policy of file.policies) {
          const entry = file.field(policy, 'readonly');
          if (entry?.value.type === 'boolean' && entry.value.value) continue;
          const data = { line: policy.line + 1 };
          if (entry) {
            const v = entry.value;
            const fixes = () => [{ title: 'Set "readonly": true', kind: 'suggestion' as const, edits: [{ start: v.span.start, end: v.span.end, text: 'true' }] }];
            ctx.report({ messageId: 'written', data: { ...data, value: ctx.text.slice(v.span.start, v.span.end) }, at: { start: entry.keySpan.start, end: v.span.end }, fixes });
            continue;
          }
          // Taking writes away changes what the grantee can do: offered, never applied in bulk.
          const rule = policy.rule;
          const at = rule.span.start + 1;
          const empty = rule.entries.length === 0;
          const fixes = () => [{ title: 'Add "readonly": true', kind: 'suggestion' as const, edits: [{ start: at, end: at, text: empty ? '"readonly": true' : '"readonly": true, ' }] }];
          ctx.report({ messageId: 'writes', data, at: policy.span, fixes });
        }
      },
    };
  },
});
