import { defineRule } from '../../rule';
import { CIS_KUBERNETES_URL, KUBELET_CONFIG_URL, onKubeletConfig } from './shared';

const PATH = ['authentication', 'x509', 'clientCAFile'];

/** KubeletConfiguration without `authentication.x509.clientCAFile` (reported at the nearest existing key). */
export default defineRule({
  meta: {
    id: 'kubelet-client-ca',
    title: 'Kubelet without a client CA',
    description:
      'Without authentication.x509.clientCAFile the kubelet accepts no client certificate, so the API server cannot authenticate to it with --kubelet-client-certificate, and the kubelet API relies on tokens or anonymous access.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    messages: {
      missing: 'KubeletConfiguration has no authentication.x509.clientCAFile: client certificates (the API server\'s among them) are not accepted; give the cluster CA.',
    },
    references: { cis: ['4.2.3'], urls: [KUBELET_CONFIG_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication', CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return onKubeletConfig((config) => {
      const v = config.value(PATH);
      if (typeof v === 'string' && v.trim() !== '') return;
      ctx.report({ messageId: 'missing', at: config.nearestSpan(PATH) });
    });
  },
});
