import { defineRule } from '../../rule';
import { CORE_GROUP, grantedVerbs, namedResources } from '../../views/rbac';
import { RBAC_GOOD_PRACTICES, verbList } from './shared';

const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);
const SECRETS = { secrets: [CORE_GROUP] } as const;

/**
 * Only rules that name `secrets` are reported; a `*` resource is left to
 * rbac-wildcard (one finding per offending item). Rules restricted with
 * resourceNames (named Secrets only) are the least-privilege form and pass.
 */
export default defineRule({
  meta: {
    id: 'rbac-secrets-access',
    title: 'RBAC rule reads Secrets',
    description:
      'get, list or watch on secrets reads every Secret in scope: service account tokens, registry credentials, TLS keys and application passwords. list and watch return the values too, not just the names.',
    defaultSeverity: 'warning',
    category: 'rbac',
    messages: {
      secrets: '{{owner}} grants {{verbs}} on secrets without resourceNames (CIS 5.1.2: minimize access to secrets).',
    },
    references: {
      cis: ['5.1.2'],
      kubeLinter: ['access-to-secrets'],
      trivy: ['KSV041'],
      urls: [RBAC_GOOD_PRACTICES, 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    },
  },
  create(ctx) {
    return {
      role(role) {
        for (const rule of role.rules) {
          if (rule.resourceNames.length > 0) continue;
          const verbs = grantedVerbs(rule, READ_VERBS);
          if (verbs.length === 0) continue;
          for (const item of namedResources(rule, SECRETS)) {
            ctx.report({ messageId: 'secrets', data: { owner: role.label, verbs: verbList(verbs) }, at: item.span });
          }
        }
      },
    };
  },
});
