import { defineRule } from '../../rule';
import { KUBECTL_CONFIG_REFERENCE } from './shared';

export default defineRule({
  meta: {
    id: 'kubeconfig-plain-http',
    title: 'Kubeconfig cluster reached over plain HTTP',
    description:
      'A cluster whose server URL starts with http:// is reached without TLS: requests, responses and the credentials sent with them travel in clear text, and nothing proves the server is the cluster.',
    defaultSeverity: 'error',
    category: 'kubeconfig',
    fixable: 'suggestion',
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
      kubeconfig(config) {
        for (const cluster of config.clusters) {
          if (cluster.scheme !== 'http' || !cluster.server) continue;
          // `http` -> `https` inside the scalar as written (quotes kept); no edit when the text is not a plain `http://` prefix.
          const raw = ctx.text.slice(cluster.server.span.start, cluster.server.span.end);
          const quote = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
          const at = cluster.server.span.start + quote;
          const fixes =
            /^http:\/\//i.test(raw.slice(quote)) && /^http:\/\//i.test(cluster.server.value.trimStart()) && !raw.includes('\n')
              ? { fixes: [{ title: 'Use https://', kind: 'suggestion' as const, edits: [{ start: at, end: at + 4, text: 'https' }] }] }
              : {};
          if (cluster.loopback) {
            ctx.report({ messageId: 'loopback', data: { cluster: cluster.label }, at: cluster.server.span, severity: 'warning', ...fixes });
          } else {
            ctx.report({ messageId: 'http', data: { cluster: cluster.label }, at: cluster.server.span, ...fixes });
          }
        }
      },
    };
  },
});
