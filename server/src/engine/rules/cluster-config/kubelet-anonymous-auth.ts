import { defineRule } from '../../rule';
import { keySpan, pairSpan } from '../../views/yaml-node';
import { CIS_KUBERNETES_URL, KUBELET_CONFIG_URL, kubeletSuggestion, onKubeletConfig } from './shared';

const PATH = ['authentication', 'anonymous', 'enabled'];

/** KubeletConfiguration `authentication.anonymous.enabled: true` (the config file's default is false). */
export default defineRule({
  meta: {
    id: 'kubelet-anonymous-auth',
    title: 'Kubelet anonymous requests enabled',
    description:
      'authentication.anonymous.enabled: true lets requests without credentials reach the kubelet API (port 10250) as system:anonymous; with a permissive authorizer that means exec into any pod of the node.',
    defaultSeverity: 'error',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      enabled: 'KubeletConfiguration enables anonymous requests: clients without credentials reach the kubelet API as system:anonymous; set authentication.anonymous.enabled: false.',
    },
    references: { cis: ['4.2.1'], urls: [KUBELET_CONFIG_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/', CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return onKubeletConfig((config) => {
      if (config.value(PATH) !== true) return;
      const pair = config.pair(PATH);
      ctx.report({ messageId: 'enabled', at: pairSpan(pair) ?? keySpan(pair) ?? config.nearestSpan(PATH), fixes: kubeletSuggestion(ctx, config, PATH, false) });
    });
  },
});
