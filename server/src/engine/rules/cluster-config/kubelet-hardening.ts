import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { CIS_KUBERNETES_URL, KUBELET_CONFIG_URL, kubeletSuggestion, onKubeletConfig } from './shared';

/**
 * KubeletConfiguration: makeIPTablesUtilChains false, protectKernelDefaults
 * not true (off by default: info). A zero streamingConnectionIdleTimeout is
 * not reported: the kubelet defaults a zero duration in its config file to 4h
 * (kubeadm writes `0s`); only its command-line flag can turn the timeout off.
 */
export default defineRule({
  meta: {
    id: 'kubelet-hardening',
    title: 'Kubelet hardening settings off',
    description:
      'makeIPTablesUtilChains: false leaves the node\'s iptables chains to others; without protectKernelDefaults the kubelet changes kernel settings it should only check.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      iptables: 'KubeletConfiguration sets makeIPTablesUtilChains: false: the kubelet does not keep its iptables chains in order; remove it or set true.',
      kernelDefaults:
        'KubeletConfiguration does not set protectKernelDefaults: true: the kubelet modifies kernel settings that differ from its needs instead of failing; set it once the node\'s sysctls are in place.',
    },
    references: {
      cis: ['4.2.6'],
      urls: [KUBELET_CONFIG_URL, CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onKubeletConfig((config) => {
      if (config.value(['makeIPTablesUtilChains']) === false) {
        const at = pairSpan(config.pair(['makeIPTablesUtilChains']))!;
        ctx.report({ messageId: 'iptables', at, fixes: kubeletSuggestion(ctx, config, ['makeIPTablesUtilChains'], true) });
      }
      if (config.value(['protectKernelDefaults']) !== true) {
        // Turning it on stops a kubelet whose node's sysctls differ: never a fix, and only a suggestion where the author wrote false.
        const pair = config.pair(['protectKernelDefaults']);
        const at = pairSpan(pair) ?? config.resource.kindSpan;
        ctx.report({ messageId: 'kernelDefaults', at, severity: 'info', ...(pair ? { fixes: kubeletSuggestion(ctx, config, ['protectKernelDefaults'], true) } : {}) });
      }
    });
  },
});
