import { defineRule } from '../../rule';
import type { ControlPlaneView } from '../../views/control-plane';
import type { RuleContext } from '../../rule';
import { CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting, unset } from './shared';

const ETCD_URL = 'https://etcd.io/docs/v3.5/op-guide/security/';

/** etcd: certificates for clients and peers, client certificate authentication on, no self-signed auto TLS. */
export default defineRule({
  meta: {
    id: 'etcd-tls',
    title: 'etcd TLS and client certificate authentication',
    description:
      'etcd holds the cluster state, Secrets included: it must serve clients and peers with certificates (--cert-file/--key-file, --peer-cert-file/--peer-key-file), require client certificates (--client-cert-auth, --peer-client-cert-auth), and not use self-signed automatic TLS (--auto-tls, --peer-auto-tls).',
    defaultSeverity: 'error',
    category: 'cluster-config',
    fixable: 'fix',
    suggestions: true,
    messages: {
      noCert: '{{component}} has no --{{cert}} and --{{key}}: {{who}} traffic is not encrypted with a real certificate.',
      noAuth: '{{component}} does not set --{{flag}}=true: any {{who}} that reaches etcd is accepted without a client certificate.',
      autoTls: '{{component}} sets --{{flag}}=true: etcd uses self-signed certificates that nobody verifies; use certificates from the etcd CA.',
    },
    references: {
      cis: ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'],
      urls: [ETCD_URL, 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['etcd'], (view) => {
      side(ctx, view, { cert: 'cert-file', key: 'key-file', auth: 'client-cert-auth', ca: 'trusted-ca-file', auto: 'auto-tls', who: 'client' });
      side(ctx, view, { cert: 'peer-cert-file', key: 'peer-key-file', auth: 'peer-client-cert-auth', ca: 'peer-trusted-ca-file', auto: 'peer-auto-tls', who: 'peer', severity: 'warning' });
    });
  },
});

interface Side {
  cert: string;
  key: string;
  auth: string;
  ca: string;
  auto: string;
  who: string;
  severity?: 'warning';
}

function side(ctx: RuleContext, view: ControlPlaneView, s: Side): void {
  const severity = s.severity ? { severity: s.severity } : {};
  if (unset(view, s.cert) || unset(view, s.key)) reportMissing(ctx, view, { messageId: 'noCert', data: { cert: s.cert, key: s.key, who: s.who }, ...severity });
  if (!view.bool(s.auth, false)) {
    const written = view.flag(s.auth);
    const data = { flag: s.auth, who: s.who };
    if (written?.span) reportSetting(ctx, view, written, { messageId: 'noAuth', data, ...severity }, { value: 'true' });
    // Requiring client certificates is safe to add only where etcd has a CA to verify them with.
    else reportMissing(ctx, view, { messageId: 'noAuth', data, ...severity }, unset(view, s.ca) ? undefined : { name: s.auth, value: 'true', kind: 'fix' });
  }
  const auto = view.flag(s.auto);
  if (auto?.span && view.bool(s.auto, false)) reportSetting(ctx, view, auto, { messageId: 'autoTls', data: { flag: s.auto }, ...severity }, { value: 'false' });
}
