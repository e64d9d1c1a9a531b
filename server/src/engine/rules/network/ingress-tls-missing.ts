import { defineRule } from '../../rule';
import { asMap, asSeq, getNode, getPair, keySpan, nodeSpan, seqItems, stringValue } from '../../views/yaml-node';
import { isIngress } from './kinds';

/**
 * Whether a TLS host covers a rule host: equal (case-insensitive), or a
 * wildcard `*.example.com` covering exactly one more label, as TLS
 * certificates and Ingress host wildcards match.
 */
export function tlsCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && !h.startsWith('*') && h.slice(dot) === t.slice(1);
}

/**
 * An Ingress without `spec.tls`, or with TLS entries that leave a rule's host
 * out. A TLS entry without `hosts` takes the controller's default (wildcard)
 * certificate for every host, so it covers them all; rules without a host are
 * not reported once some TLS is set.
 */
export default defineRule({
  meta: {
    id: 'ingress-tls-missing',
    title: 'Ingress without TLS',
    description:
      'An Ingress without TLS serves its hosts over plain HTTP: credentials, session cookies and data cross the network readable and modifiable by anything on the path. Each host an Ingress routes should be listed in a spec.tls entry with a certificate.',
    defaultSeverity: 'warning',
    category: 'network',
    messages: {
      noTls: 'Ingress "{{name}}" sets no spec.tls: {{what}} served over plain HTTP.',
      emptyTls: 'Ingress "{{name}}" has an empty spec.tls: {{what}} served over plain HTTP.',
      hostUncovered: 'Ingress "{{name}}" serves host "{{host}}" over plain HTTP: no spec.tls entry lists it.',
    },
    references: {
      polaris: ['tlsSettingsMissing'],
      kubescape: ['C-0263'],
      urls: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        if (!isIngress(resource)) return;
        const doc = resource.doc;
        const specPair = getPair(resource.root, 'spec');
        const spec = asMap(specPair?.value, doc);
        if (!spec) return;
        const name = resource.name ?? '(unnamed)';
        const hosts: Array<{ host: string; node: unknown }> = [];
        for (const rule of seqItems(getNode(spec, 'rules'), doc)) {
          const node = getNode(asMap(rule, doc), 'host');
          const host = stringValue(node, doc);
          if (host) hosts.push({ host, node });
        }
        const tlsPair = getPair(spec, 'tls');
        const entries = seqItems(tlsPair?.value, doc).map((e) => asMap(e, doc));
        if (entries.length === 0) {
          const distinct = [...new Set(hosts.map((h) => h.host))];
          const what = distinct.length === 0 ? 'its traffic is' : distinct.length === 1 ? `host "${distinct[0]}" is` : `${distinct.length} hosts are`;
          const empty = tlsPair !== undefined && asSeq(tlsPair.value, doc) !== undefined;
          ctx.report({ messageId: empty ? 'emptyTls' : 'noTls', data: { name, what }, at: (empty ? keySpan(tlsPair) : keySpan(specPair))! });
          return;
        }
        const tlsHosts: string[] = [];
        for (const entry of entries) {
          const list = seqItems(getNode(entry, 'hosts'), doc);
          if (list.length === 0) return; // the controller's default certificate: every host
          for (const h of list) {
            const v = stringValue(h, doc);
            if (v) tlsHosts.push(v);
          }
        }
        for (const { host, node } of hosts) {
          const at = nodeSpan(node);
          if (!at || tlsHosts.some((t) => tlsCovers(t, host))) continue;
          ctx.report({ messageId: 'hostUncovered', data: { name, host }, at });
        }
      },
    };
  },
});
