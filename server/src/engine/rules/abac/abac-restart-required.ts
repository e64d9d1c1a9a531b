import { defineRule } from '../../rule';
import { ABAC_DOC } from './shared';

/** Once per file: the API server reads the policy file at start-up only. */
export default defineRule({
  meta: {
    id: 'abac-restart-required',
    title: 'ABAC policy changes need an API server restart',
    description:
      'The API server reads its ABAC policy file once, at start-up: an edit (a revoked grant included) takes effect only when every API server restarts, and a mistake in the file stops it from starting. RBAC changes take effect at once, through the API.',
    defaultSeverity: 'info',
    category: 'abac',
    messages: {
      restart: 'ABAC policies are read when the API server starts: a change to this file (a revoked grant too) takes effect only after every API server restarts. Prefer RBAC.',
    },
    references: {
      urls: [ABAC_DOC, 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/'],
    },
  },
  create(ctx) {
    return {
      abacPolicies(file) {
        const first = file.policies[0];
        if (first) ctx.report({ messageId: 'restart', at: first.span });
      },
    };
  },
});
