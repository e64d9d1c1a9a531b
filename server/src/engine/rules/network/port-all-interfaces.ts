import { defineRule } from '../../rule';
import { asMap, getPair, nodeSpan, pairSpan, scalarValue, seqItems, stringValue } from '../../views/yaml-node';
import { partSpan } from '../../views/compose-values';

/** The host IP part of a short port spec, or undefined when it has none (`8080:80`, `80`). */
function shortHostIp(spec: string): string | undefined {
  const s = spec.trim().replace(/\/(?:tcp|udp|sctp)$/i, '');
  if (s.startsWith('[')) return s.slice(1, s.indexOf(']')); // [::1]:8080:80
  const parts = s.split(':');
  return parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : undefined;
}

const ALL = new Set(['0.0.0.0', '::', '']);

/**
 * CIS Docker 5.14: a published port without a host IP (`"8080:80"`) is bound
 * on every interface of the host, the public ones included (and Docker's
 * iptables rules bypass a host firewall such as ufw). Name the interface:
 * `127.0.0.1:8080:80`.
 */
export default defineRule({
  meta: {
    id: 'port-all-interfaces',
    title: 'Port published on all host interfaces',
    description:
      'A published port without a host IP ("8080:80") listens on every interface of the host, public ones included, and Docker\'s iptables rules let the traffic past host firewalls such as ufw. Bind it to the interface that needs it ("127.0.0.1:8080:80").',
    defaultSeverity: 'info',
    category: 'network',
    fixable: 'suggestion',
    messages: {
      short: '{{owner}} publishes "{{spec}}" on all host interfaces. Bind it to one ("127.0.0.1:{{spec}}").',
      long: '{{owner}} publishes port {{published}} on all host interfaces (no host_ip).',
    },
    references: {
      cisDocker: ['5.14'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#ports', 'https://docs.docker.com/engine/network/packet-filtering-firewalls/'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        for (const item of seqItems(s.get(['ports']), s.doc)) {
          const raw = scalarValue(item, s.doc);
          if (typeof raw === 'string' || typeof raw === 'number') {
            const spec = String(raw).trim();
            // A container port alone ("80") is published on an ephemeral host port of every interface too.
            const ip = shortHostIp(spec);
            if (ip !== undefined && !ALL.has(ip)) continue;
            const at = nodeSpan(item);
            if (!at) continue;
            const fixes = () => {
              const text = ctx.text.slice(at.start, at.end);
              const quoted = text.startsWith('"') || text.startsWith("'");
              const bare = ip === undefined ? spec : spec.slice(spec.indexOf(':', ip.length) + 1);
              const value = `127.0.0.1:${bare}`;
              const edit = { start: at.start, end: at.end, text: quoted ? `${text[0]}${value}${text[0]}` : `"${value}"` };
              return [{ title: `Bind to 127.0.0.1 ("${value}")`, kind: 'suggestion' as const, edits: [edit] }];
            };
            ctx.report({ messageId: 'short', data: { owner: s.owner, spec }, at: partSpan(item, ctx.text, String(raw), 0, String(raw).length) ?? at, container: s.name, fixes });
            continue;
          }
          const map = asMap(item, s.doc);
          if (!map) continue;
          const published = getPair(map, 'published');
          if (!published) continue; // not published on the host
          const ip = stringValue(getPair(map, 'host_ip')?.value, s.doc);
          if (ip !== undefined && !ALL.has(ip.trim())) continue;
          const at = pairSpan(getPair(map, 'host_ip')) ?? pairSpan(published);
          if (at) ctx.report({ messageId: 'long', data: { owner: s.owner, published: String(scalarValue(published.value, s.doc)) }, at, container: s.name });
        }
      },
    };
  },
});
