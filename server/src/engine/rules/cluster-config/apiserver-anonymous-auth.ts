import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportSetting } from './shared';

/** `--anonymous-auth=true` written on the API server (the flag's line). Unset is not reported: see the rule page. */
export default defineRule({
  meta: {
    id: 'apiserver-anonymous-auth',
    title: 'API server anonymous requests enabled explicitly',
    description:
      '--anonymous-auth=true lets requests without credentials in as system:anonymous; whatever RBAC grants that user or system:unauthenticated is open to anyone who reaches the API server.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      enabled:
        '{{component}} sets --anonymous-auth=true: requests without credentials are served as system:anonymous, with whatever RBAC grants it; set --anonymous-auth=false unless health probes need it.',
    },
    references: { cis: ['1.2.1'], urls: [APISERVER_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests', CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      const s = view.flag('anonymous-auth');
      if (s?.span && view.bool('anonymous-auth', true)) reportSetting(ctx, view, s, { messageId: 'enabled' }, { value: 'false' });
    });
  },
});
