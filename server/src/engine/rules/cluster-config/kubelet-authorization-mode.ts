import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { CIS_KUBERNETES_URL, KUBELET_CONFIG_URL, kubeletSuggestion, onKubeletConfig } from './shared';

const PATH = ['authorization', 'mode'];

/** KubeletConfiguration `authorization.mode: AlwaysAllow` (the config file's default is Webhook). */
export default defineRule({
  meta: {
    id: 'kubelet-authorization-mode',
    title: 'Kubelet authorizes every request',
    description:
      'authorization.mode: AlwaysAllow lets every authenticated client (and anonymous ones, if enabled) use the whole kubelet API: exec, logs and port-forward into every pod of the node. Webhook asks the API server (SubjectAccessReview).',
    defaultSeverity: 'error',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      alwaysAllow: 'KubeletConfiguration sets authorization.mode: AlwaysAllow: every client that reaches the kubelet may exec into the node\'s pods; use Webhook.',
    },
    references: { cis: ['4.2.2'], urls: [KUBELET_CONFIG_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization', CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return onKubeletConfig((config) => {
      if (config.value(PATH) !== 'AlwaysAllow') return;
      ctx.report({ messageId: 'alwaysAllow', at: pairSpan(config.pair(PATH)) ?? config.nearestSpan(PATH), fixes: kubeletSuggestion(ctx, config, PATH, 'Webhook') });
    });
  },
});
