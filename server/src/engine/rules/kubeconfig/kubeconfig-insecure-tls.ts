import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';
import { defineRule } from '../../rule';
import { KUBECTL_CONFIG_REFERENCE } from './shared';

export default defineRule({
  meta: {
    id: 'kubeconfig-insecure-tls',
    title: 'Kubeconfig cluster skips TLS verification',
    description:
      'insecure-skip-tls-verify: true makes kubectl accept any certificate from the API server, so anyone on the network path can impersonate the cluster and read the credentials sent to it.',
    defaultSeverity: 'error',
    category: 'kubeconfig',
    fixable: 'suggestion',
    messages: {
      insecure:
        "{{cluster}} sets insecure-skip-tls-verify: true: the API server's certificate is not checked, so anyone on the network path can impersonate it and capture the credentials sent to it; trust its CA with certificate-authority-data.",
    },
    references: {
      urls: [KUBECTL_CONFIG_REFERENCE, 'https://kubernetes.io/docs/tasks/access-application-cluster/configure-access-multiple-clusters/'],
    },
  },
  create(ctx) {
    return {
      kubeconfig(config) {
        for (const cluster of config.clusters) {
          if (!cluster.insecureSkipTlsVerify) continue;
          // A suggestion: without the flag kubectl fails until the cluster's CA is trusted.
          const body = cluster.body;
          const fixes = body ? () => fixOf('Remove insecure-skip-tls-verify', 'suggestion', removeIn(config.resource.doc, ctx.text, body, ['insecure-skip-tls-verify'])) : undefined;
          ctx.report({ messageId: 'insecure', data: { cluster: cluster.label }, at: cluster.insecureSkipTlsVerify, ...(fixes ? { fixes } : {}) });
        }
      },
    };
  },
});
