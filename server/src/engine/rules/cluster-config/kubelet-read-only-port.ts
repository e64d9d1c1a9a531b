import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { CIS_KUBERNETES_URL, KUBELET_CONFIG_URL, kubeletSuggestion, onKubeletConfig } from './shared';

const PATH = ['readOnlyPort'];

/** KubeletConfiguration `readOnlyPort` set to a port (the config file's default is 0, off). */
export default defineRule({
  meta: {
    id: 'kubelet-read-only-port',
    title: 'Kubelet read-only port open',
    description:
      'readOnlyPort (10255 by convention) serves the kubelet\'s pod list, specs and metrics over plain HTTP without authentication or authorization.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      open: 'KubeletConfiguration sets readOnlyPort: {{port}}: pod specs (environment values included) and metrics are served without authentication; set readOnlyPort: 0.',
    },
    references: { cis: ['4.2.4'], urls: [KUBELET_CONFIG_URL, CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return onKubeletConfig((config) => {
      const port = config.value(PATH);
      if (typeof port !== 'number' || port === 0) return;
      ctx.report({ messageId: 'open', data: { port }, at: pairSpan(config.pair(PATH))!, fixes: kubeletSuggestion(ctx, config, PATH, 0) });
    });
  },
});
