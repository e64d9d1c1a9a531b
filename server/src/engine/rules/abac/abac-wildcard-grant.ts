import { defineRule } from '../../rule';
import { ABAC_DOC, subjectsOf } from './shared';

const SCOPES = ['resource', 'namespace', 'nonResourcePath', 'apiGroup'] as const;

/** A policy for every user (or group) over every resource, namespace or non-resource path. */
export default defineRule({
  meta: {
    id: 'abac-wildcard-grant',
    title: 'ABAC policy grants a wildcard to everyone',
    description:
      'An ABAC policy with user or group "*" and a wildcard resource, namespace, API group or non-resource path grants every authenticated client (and with anonymous auth on, every client) access across the cluster.',
    defaultSeverity: 'error',
    category: 'abac',
    messages: {
      wildcard: 'Policy on line {{line}} grants {{field}} "*" access to {{scope}} "*"{{access}}.',
    },
    references: {
      urls: [ABAC_DOC],
    },
  },
  create(ctx) {
    return {
      abacPolicies(file) {
        for (const policy of file.policies) {
          const everyone = subjectsOf(file, policy).find((s) => s.value === '*');
          if (!everyone) continue;
          const scope = SCOPES.find((k) => file.stringField(policy, k)?.value === '*');
          if (!scope) continue;
          const readonly = file.field(policy, 'readonly')?.value;
          const access = readonly?.type === 'boolean' && readonly.value ? ' (read-only)' : ', writes included';
          ctx.report({ messageId: 'wildcard', data: { line: policy.line + 1, field: everyone.field, scope, access }, at: everyone.span });
        }
      },
    };
  },
});
