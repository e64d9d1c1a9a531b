import { defineRule } from '../../rule';
import { KubeconfigView } from '../../views/kubeconfig';
import { KUBECTL_CONFIG_REFERENCE } from './shared';

export default defineRule({
  meta: {
    id: 'kubeconfig-plain-http',
    title: 'Kubeconfig cluster reached over plain HTTP',
    description:
      'A cluster whose server URL starts with http:// is reached without TLS: requests, responses and the credentials sent with them travel in clear text, and nothing proves the server is the cluster.',
    defaultSeverity: 'error',
    category: 'kubeconfig',
    messages: {
      http: '{{cluster}} is reached over plain http://: requests and credentials travel unencrypted to a server that is not authenticated; use its https:// endpoint.',
      loopback:
        '{{cluster}} is reached over plain http:// on this machine: any local process can read or answer it (the API server has had no HTTP port since 1.20); use https:// unless this is a local proxy you trust.',
    },
    references: {
      urls: [KUBECTL_CONFIG_REFERENCE, 'https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security'],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const config = KubeconfigView.from(resource);
        if (!config) return;
        for (const cluster of config.clusters) {
          if (cluster.scheme !== 'http' || !cluster.server) continue;
          if (cluster.loopback) {
            ctx.report({ messageId: 'loopback', data: { cluster: cluster.label }, at: cluster.server.span, severity: 'warning' });
          } else {
            ctx.report({ messageId: 'http', data: { cluster: cluster.label }, at: cluster.server.span });
          }
        }
      },
    };
  },
});
