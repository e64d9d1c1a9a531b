import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, unset } from './shared';

/** The API server's connection to kubelets: no client certificate and key, no certificate authority to verify them. */
export default defineRule({
  meta: {
    id: 'apiserver-kubelet-tls',
    title: 'API server to kubelet TLS incomplete',
    description:
      'For logs, exec and port-forward the API server connects to kubelets: without --kubelet-client-certificate and --kubelet-client-key it cannot authenticate to them, and without --kubelet-certificate-authority it does not verify their serving certificates, so a machine in the middle sees exec sessions.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    messages: {
      clientCert:
        '{{component}} has no --kubelet-client-certificate and --kubelet-client-key: it cannot authenticate to kubelets, which then must allow anonymous or unauthenticated requests.',
      authority:
        '{{component}} has no --kubelet-certificate-authority: kubelets\' serving certificates are not verified, so exec, logs and port-forward can be intercepted; give the CA that signs kubelet serving certificates (serverTLSBootstrap).',
    },
    references: {
      cis: ['1.2.4', '1.2.5'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      if (unset(view, 'kubelet-client-certificate') || unset(view, 'kubelet-client-key')) reportMissing(ctx, view, { messageId: 'clientCert' });
      if (unset(view, 'kubelet-certificate-authority')) reportMissing(ctx, view, { messageId: 'authority' });
    });
  },
});
