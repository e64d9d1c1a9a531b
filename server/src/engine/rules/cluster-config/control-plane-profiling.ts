import { defineRule } from '../../rule';
import { CIS_KUBERNETES_URL, KUBEADM_CONFIG_URL, onComponents, reportMissing, reportSetting } from './shared';

/** Profiling on (the default) for the API server, controller manager and scheduler; a fix adds `--profiling=false`. */
export default defineRule({
  meta: {
    id: 'control-plane-profiling',
    title: 'Control-plane profiling enabled',
    description:
      'kube-apiserver, kube-controller-manager and kube-scheduler serve Go profiling data at /debug/pprof unless --profiling=false: it shows the program\'s internals and a profile request costs CPU, which a caller can use to slow the component down.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'fix',
    suggestions: true,
    messages: {
      unset: '{{component}} has no --profiling=false: profiling is on by default and serves /debug/pprof; add --profiling=false.',
      enabled: '{{component}} sets --profiling=true: it serves /debug/pprof; set --profiling=false.',
    },
    references: {
      cis: ['1.2.15', '1.3.2', '1.4.1'],
      urls: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/', KUBEADM_CONFIG_URL, CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'], (view) => {
      const s = view.flag('profiling');
      if (!view.bool('profiling', true)) return;
      if (s?.span) reportSetting(ctx, view, s, { messageId: 'enabled' }, { value: 'false' });
      else reportMissing(ctx, view, { messageId: 'unset' }, { name: 'profiling', value: 'false', kind: 'fix' });
    });
  },
});
