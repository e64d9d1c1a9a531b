import { defineRule } from '../../rule';
import { CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting } from './shared';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Controller manager and scheduler listening beyond loopback; the API server's removed insecure port. */
export default defineRule({
  meta: {
    id: 'control-plane-bind-address',
    title: 'Control-plane component listens on all interfaces',
    description:
      'kube-controller-manager and kube-scheduler listen on 0.0.0.0 unless --bind-address=127.0.0.1: their health, metrics and debugging endpoints are then reachable from the network. The API server\'s insecure port (--insecure-port, --insecure-bind-address) served unauthenticated plain HTTP.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      unset: '{{component}} has no --bind-address: it listens on all interfaces (0.0.0.0); set --bind-address=127.0.0.1.',
      exposed: '{{component}} sets --bind-address={{address}}: its endpoints are reachable beyond this host; set --bind-address=127.0.0.1.',
      insecurePort:
        '{{component}} sets --{{flag}}: the insecure port serves the API without authentication or TLS (the flag was removed in Kubernetes 1.24); remove it.',
    },
    references: {
      cis: ['1.3.7', '1.4.2'],
      urls: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'], (view) => {
      if (view.component === 'kube-apiserver') {
        const port = view.flag('insecure-port');
        if (port?.span && port.value.trim() !== '0') reportSetting(ctx, view, port, { messageId: 'insecurePort', data: { flag: 'insecure-port' }, severity: 'error' }, {});
        const address = view.flag('insecure-bind-address');
        if (address?.span) reportSetting(ctx, view, address, { messageId: 'insecurePort', data: { flag: 'insecure-bind-address' }, severity: 'error' }, {});
        return;
      }
      const s = view.flag('bind-address');
      if (!s || s.value.trim() === '') reportMissing(ctx, view, { messageId: 'unset' }, { name: 'bind-address', value: '127.0.0.1', kind: 'suggestion' });
      else if (!LOOPBACK.has(s.value.trim())) reportSetting(ctx, view, s, { messageId: 'exposed', data: { address: s.value.trim() } }, { value: '127.0.0.1' });
    });
  },
});
