import { defineRule } from '../../rule';
import { RBAC_DOCS, RBAC_GOOD_PRACTICES } from './shared';

/** The built-in identities that must not receive permissions, with the message for each. */
const SYSTEM_SUBJECTS: Readonly<Record<string, string>> = {
  'system:anonymous': 'anonymous',
  'system:unauthenticated': 'anonymous',
  'system:authenticated': 'authenticated',
  'system:masters': 'masters',
};

/**
 * The discovery roles the API server itself binds to these groups (bootstrap
 * policy): granting them again is harmless and is not reported.
 */
const PUBLIC_CLUSTER_ROLES: ReadonlySet<string> = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export default defineRule({
  meta: {
    id: 'rbac-system-group-binding',
    title: 'Binding to a built-in system group',
    description:
      'system:anonymous and system:unauthenticated are every request without credentials, system:authenticated is every user and service account that can log in (on some managed clusters, any account of the cloud provider), and system:masters bypasses RBAC entirely. None of them should receive permissions.',
    defaultSeverity: 'error',
    category: 'rbac',
    messages: {
      anonymous: '{{owner}} grants {{role}} to {{subject}}: every request without credentials gets it.',
      authenticated:
        '{{owner}} grants {{role}} to system:authenticated: every user and service account that can log in gets it, on some managed clusters any account of the cloud provider.',
      masters: '{{owner}} binds the system:masters group, whose members bypass RBAC and cannot be restricted (CIS 5.1.7: avoid the system:masters group).',
    },
    references: {
      cis: ['5.1.7'],
      trivy: ['KSV122', 'KSV123'],
      urls: [`${RBAC_DOCS}#default-roles-and-role-bindings`, RBAC_GOOD_PRACTICES],
    },
  },
  create(ctx) {
    return {
      binding(binding) {
        const ref = binding.roleRef;
        const role = ref ? `${ref.kind ?? 'role'} "${ref.name ?? '(unnamed)'}"` : 'its role';
        const publicRole = ref?.kind === 'ClusterRole' && ref.name !== undefined && PUBLIC_CLUSTER_ROLES.has(ref.name);
        for (const subject of binding.subjects) {
          const name = subject.name;
          if (name === undefined || !Object.prototype.hasOwnProperty.call(SYSTEM_SUBJECTS, name)) continue;
          if (publicRole && name !== 'system:masters') continue;
          ctx.report({ messageId: SYSTEM_SUBJECTS[name]!, data: { owner: binding.label, role, subject: name }, at: subject.nameSpan });
        }
      },
    };
  },
});
