import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, unset } from './shared';

/** The API server's own TLS: serving certificate and key, and the CA that verifies client certificates. */
export default defineRule({
  meta: {
    id: 'apiserver-tls',
    title: 'API server TLS certificate or client CA missing',
    description:
      'Without --tls-cert-file and --tls-private-key-file the API server serves a self-signed certificate it generates at start, which clients cannot verify; without --client-ca-file no client certificate is accepted, so components fall back to weaker credentials.',
    defaultSeverity: 'error',
    category: 'cluster-config',
    messages: {
      servingCert:
        '{{component}} has no --tls-cert-file and --tls-private-key-file: it serves a self-signed certificate generated at start that clients cannot verify.',
      clientCa: '{{component}} has no --client-ca-file: client certificates are not accepted, so users and components need weaker credentials.',
    },
    references: {
      cis: ['1.2.24', '1.2.25'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      if (unset(view, 'tls-cert-file') || unset(view, 'tls-private-key-file')) reportMissing(ctx, view, { messageId: 'servingCert' });
      if (unset(view, 'client-ca-file')) reportMissing(ctx, view, { messageId: 'clientCa' });
    });
  },
});
