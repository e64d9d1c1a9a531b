import { defineRule } from '../../rule';
import { ABAC_DOC, subjectsOf } from './shared';

const ANONYMOUS: Record<string, string> = { 'system:anonymous': 'user', 'system:unauthenticated': 'group' };

/** Anything granted to the anonymous user or the unauthenticated group is granted to whoever reaches the API server. */
export default defineRule({
  meta: {
    id: 'abac-anonymous-access',
    title: 'ABAC policy grants access to anonymous requests',
    description:
      'A policy for the user system:anonymous or the group system:unauthenticated grants access to requests that present no credentials at all: to anyone who can reach the API server.',
    defaultSeverity: 'error',
    category: 'abac',
    messages: {
      anonymous: 'Policy on line {{line}} grants access to {{subject}}: to requests without any credentials.',
    },
    references: {
      urls: [ABAC_DOC, 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests'],
    },
  },
  create(ctx) {
    return {
      abacPolicies(file) {
        for (const policy of file.policies) {
          for (const s of subjectsOf(file, policy)) {
            if (ANONYMOUS[s.value] !== undefined) ctx.report({ messageId: 'anonymous', data: { line: policy.line + 1, subject: s.value }, at: s.span });
          }
        }
      },
    };
  },
});
