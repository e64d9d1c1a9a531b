import { defineRule } from '../../rule';
import { nodeSpan, scalarValue, seqItems } from '../../views/yaml-node';
import { controlPlaneViews } from '../../views/control-plane';
import { KubeletConfigView } from '../../views/node-config';
import { CIS_KUBERNETES_URL, reportSetting } from './shared';

/** Go's crypto/tls InsecureCipherSuites (RC4, 3DES, CBC with SHA-256) and any RC4/3DES/NULL/EXPORT/anon suite. */
const INSECURE = new Set([
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
]);
const WEAK_PATTERN = /_(?:RC4|3DES|DES|NULL|EXPORT|anon)_|_NULL$/i;

export function isWeakCipherSuite(name: string): boolean {
  return INSECURE.has(name) || WEAK_PATTERN.test(name);
}

/** A list of weak suites for a message: at most three names. */
function shown(names: readonly string[]): string {
  return names.slice(0, 3).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
}

/** `--tls-cipher-suites` (etcd: `--cipher-suites`) or a kubelet's `tlsCipherSuites` naming an insecure suite. */
export default defineRule({
  meta: {
    id: 'weak-tls-cipher-suites',
    title: 'Weak TLS cipher suites',
    description:
      'A cipher suite list that names RC4, 3DES or CBC-SHA256 suites (Go\'s insecure list) lets a client or an attacker in the middle negotiate encryption that can be broken; Go\'s default list is strong.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    messages: {
      weak: '{{component}} allows insecure TLS cipher suites ({{suites}}); remove them or drop the list to use Go\'s secure defaults.',
    },
    references: {
      cis: ['1.2.29', '4.2.12'],
      urls: ['https://pkg.go.dev/crypto/tls#InsecureCipherSuites', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const config = KubeletConfigView.from(resource);
        if (config) {
          const items = seqItems(config.get(['tlsCipherSuites']), config.doc);
          const weak = items.filter((n) => {
            const v = scalarValue(n, config.doc);
            return typeof v === 'string' && isWeakCipherSuite(v.trim());
          });
          if (weak.length > 0) {
            const names = weak.map((n) => String(scalarValue(n, config.doc)).trim());
            ctx.report({ messageId: 'weak', data: { component: 'KubeletConfiguration', suites: shown(names) }, at: nodeSpan(weak[0])! });
          }
          return;
        }
        for (const view of controlPlaneViews(resource, ctx.views)) {
          const flag = view.component === 'etcd' ? 'cipher-suites' : 'tls-cipher-suites';
          const weak = view.listItems(flag).filter((s) => isWeakCipherSuite(s.item));
          if (weak.length > 0) reportSetting(ctx, view, weak[0]!.setting, { messageId: 'weak', data: { suites: shown(weak.map((w) => w.item)) } });
        }
      },
    };
  },
});
