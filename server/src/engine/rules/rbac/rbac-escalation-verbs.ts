import { defineRule } from '../../rule';
import { RBAC_DOCS, RBAC_GOOD_PRACTICES } from './shared';

const ESCALATION_VERBS: ReadonlySet<string> = new Set(['escalate', 'bind', 'impersonate']);

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'RBAC rule grants escalate, bind or impersonate',
    description:
      'escalate, bind and impersonate are the verbs RBAC uses to stop privilege escalation; granting them hands that protection away: the holder can write more powerful roles, bind any role, or act as any user or group, system:masters included.',
    defaultSeverity: 'error',
    category: 'rbac',
    messages: {
      escalate:
        '{{owner}} grants "escalate": the holder can create and edit roles with permissions it does not have (CIS 5.1.8: limit bind, impersonate and escalate).',
      bind: '{{owner}} grants "bind": the holder can bind roles with permissions it does not have, cluster-admin included (CIS 5.1.8: limit bind, impersonate and escalate).',
      impersonate:
        '{{owner}} grants "impersonate": the holder can act as other users, groups or service accounts, system:masters included (CIS 5.1.8: limit bind, impersonate and escalate).',
    },
    references: {
      cis: ['5.1.8'],
      kubeLinter: ['escalate-verb-in-role', 'bind-verb-in-role', 'impersonate-without-resource-names'],
      checkov: ['CKV_K8S_157', 'CKV_K8S_158'],
      urls: [
        `${RBAC_DOCS}#privilege-escalation-prevention-and-bootstrapping`,
        `${RBAC_GOOD_PRACTICES}#escalate-verb`,
        'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
      ],
    },
  },
  create(ctx) {
    return {
      role(role) {
        for (const rule of role.rules) {
          for (const verb of rule.verbs) {
            if (ESCALATION_VERBS.has(verb.value)) ctx.report({ messageId: verb.value, data: { owner: role.label }, at: verb.span });
          }
        }
      },
    };
  },
});
