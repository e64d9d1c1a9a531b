import { defineRule } from '../../rule';
import { grantedVerbs, namedResources } from '../../views/rbac';
import { RBAC_GOOD_PRACTICES, verbList, WORKLOADS } from './shared';

const CREATE: ReadonlySet<string> = new Set(['create']);


export default defineRule({
  meta: {
    id: 'rbac-workload-create',
    title: 'RBAC rule allows creating pods or workloads',
    description:
      'Whoever can create pods, or controllers that create them, can run any image with any service account of the namespace and mount its Secrets; unless admission control forbids it, also privileged pods that take over the node.',
    defaultSeverity: 'info',
    category: 'rbac',
    messages: {
      create:
        '{{owner}} grants {{verbs}} on {{resource}}: the holder can run pods with any service account and Secret of the namespace (CIS 5.1.4: minimize access to create pods).',
    },
    references: {
      cis: ['5.1.4'],
      kubeLinter: ['access-to-create-pods'],
      trivy: ['KSV048'],
      urls: [`${RBAC_GOOD_PRACTICES}#workload-creation`],
    },
  },
  create(ctx) {
    return {
      role(role) {
        for (const rule of role.rules) {
          const verbs = grantedVerbs(rule, CREATE);
          if (verbs.length === 0) continue;
          for (const item of namedResources(rule, WORKLOADS)) {
            ctx.report({ messageId: 'create', data: { owner: role.label, verbs: verbList(verbs), resource: item.value }, at: item.span });
          }
        }
      },
    };
  },
});
