import { defineRule } from '../../rule';
import { CORE_GROUP, grantedVerbs, namedResources, WILDCARD } from '../../views/rbac';
import { RBAC_GOOD_PRACTICES, verbList } from './shared';

const STREAM_VERBS: ReadonlySet<string> = new Set(['create', 'get']);
const STREAMS = { 'pods/exec': [CORE_GROUP], 'pods/attach': [CORE_GROUP] } as const;

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'RBAC rule allows exec or attach into pods',
    description:
      'create on pods/exec or pods/attach lets the holder run commands in, or attach to, the containers of every pod in scope, with their service account tokens, mounted Secrets and host access. Before Kubernetes 1.35, get was enough over WebSocket.',
    defaultSeverity: 'warning',
    category: 'rbac',
    messages: {
      create: '{{owner}} grants {{verbs}} on {{resource}}: the holder can run commands in the containers of the pods in scope, with their credentials.',
      get: '{{owner}} grants get on {{resource}}: API servers before Kubernetes 1.35 accept it for exec and attach over WebSocket.',
    },
    references: {
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
      trivy: ['KSV053'],
      urls: [RBAC_GOOD_PRACTICES, 'https://github.com/kubernetes/kubernetes/issues/78741'],
    },
  },
  create(ctx) {
    return {
      role(role) {
        for (const rule of role.rules) {
          const verbs = grantedVerbs(rule, STREAM_VERBS);
          if (verbs.length === 0) continue;
          const getOnly = !verbs.includes('create') && !verbs.includes(WILDCARD);
          for (const item of namedResources(rule, STREAMS)) {
            ctx.report({
              messageId: getOnly ? 'get' : 'create',
              data: { owner: role.label, verbs: verbList(verbs), resource: item.value },
              at: item.span,
            });
          }
        }
      },
    };
  },
});
