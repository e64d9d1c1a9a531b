import { defineRule } from '../../rule';
import { WILDCARD } from '../../views/rbac';
import { RBAC_GOOD_PRACTICES } from './shared';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'Wildcard in an RBAC rule',
    description:
      'A "*" in verbs, resources or apiGroups grants everything that matches, today and in the future: new verbs, every Secret and subresource such as pods/exec, and custom resources installed later.',
    defaultSeverity: 'error',
    category: 'rbac',
    messages: {
      verbs: '{{owner}} uses "*" in verbs: every verb on the listed resources, including verbs added later (CIS 5.1.3: minimize wildcard use).',
      resources:
        '{{owner}} uses "*" in resources: every resource of its API groups, secrets and subresources such as pods/exec included (CIS 5.1.3: minimize wildcard use).',
      apiGroups: '{{owner}} uses "*" in apiGroups: every API group, including custom resources installed later (CIS 5.1.3: minimize wildcard use).',
      subresource:
        '{{owner}} uses "{{value}}" in resources: the {{subresource}} subresource of every resource (CIS 5.1.3: minimize wildcard use).',
    },
    references: {
      cis: ['5.1.3'],
      kubeLinter: ['wildcard-in-rules'],
      checkov: ['CKV_K8S_49'],
      trivy: ['KSV044', 'KSV045', 'KSV046'],
      urls: [RBAC_GOOD_PRACTICES],
    },
  },
  create(ctx) {
    return {
      role(role) {
        for (const rule of role.rules) {
          for (const field of FIELDS) {
            for (const item of rule[field]) {
              if (item.value === WILDCARD) {
                ctx.report({ messageId: field, data: { owner: role.label }, at: item.span });
              } else if (field === 'resources' && item.value.startsWith(`${WILDCARD}/`)) {
                ctx.report({
                  messageId: 'subresource',
                  data: { owner: role.label, value: item.value, subresource: item.value.slice(2) },
                  at: item.span,
                });
              }
            }
          }
        }
      },
    };
  },
});
