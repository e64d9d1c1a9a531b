import { defineRule } from '../../rule';
import { CORE_GROUP, namedResources } from '../../views/rbac';
import { RBAC_GOOD_PRACTICES, verbList } from './shared';

const NODES_PROXY = { 'nodes/proxy': [CORE_GROUP] } as const;

export default defineRule({
  meta: {
    id: 'rbac-nodes-proxy',
    title: 'RBAC rule allows the nodes/proxy subresource',
    description:
      'nodes/proxy reaches the kubelet API of the nodes through the API server. The kubelet runs commands in any pod on its node, and such requests bypass admission control and the API audit log of the exec; even get has been enough over WebSocket.',
    defaultSeverity: 'warning',
    category: 'rbac',
    messages: {
      proxy: '{{owner}} grants {{verbs}} on nodes/proxy: direct access to the kubelet API, which can run commands in every pod of a node (CIS 5.1.10: minimize access to the proxy subresource of nodes).',
    },
    references: {
      cis: ['5.1.10'],
      trivy: ['KSV047'],
      urls: [`${RBAC_GOOD_PRACTICES}#access-to-proxy-subresource-of-nodes`, 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/'],
    },
  },
  create(ctx) {
    return {
      role(role) {
        for (const rule of role.rules) {
          if (rule.verbs.length === 0) continue;
          const verbs = [...new Set(rule.verbs.map((v) => v.value))];
          for (const item of namedResources(rule, NODES_PROXY)) {
            ctx.report({ messageId: 'proxy', data: { owner: role.label, verbs: verbList(verbs) }, at: item.span });
          }
        }
      },
    };
  },
});
