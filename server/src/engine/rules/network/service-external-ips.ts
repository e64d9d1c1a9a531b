import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn } from '../../fixes/yaml-edit';
import { getPair, keySpan, scalarValue, seqItems } from '../../views/yaml-node';
import { serviceSpec } from './kinds';

/** IPs shown in a message, at most. */
const SHOWN = 3;

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service with externalIPs',
    description:
      'spec.externalIPs makes every node route traffic for those addresses to the Service, whoever owns them. Anyone who may create or edit a Service can so intercept cluster traffic to any IP (CVE-2020-8554, unpatched by design); clusters should deny the field (DenyServiceExternalIPs) and manifests should not need it.',
    defaultSeverity: 'warning',
    category: 'network',
    fixable: 'suggestion',
    messages: {
      externalIPs:
        'Service "{{name}}" sets externalIPs ({{ips}}): the nodes route traffic for those addresses to it, whoever owns them (CVE-2020-8554). Use a LoadBalancer or an Ingress instead.',
    },
    references: {
      trivy: ['KSV108'],
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
        'https://github.com/kubernetes/kubernetes/issues/97076',
        'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const spec = serviceSpec(resource);
        const pair = getPair(spec, 'externalIPs');
        const items = seqItems(pair?.value, resource.doc);
        if (!spec || !pair || items.length === 0) return;
        const ips = items.map((n) => scalarValue(n, resource.doc)).filter((v): v is string => typeof v === 'string');
        const shown = ips.slice(0, SHOWN).join(', ') + (ips.length > SHOWN ? `, and ${ips.length - SHOWN} more` : '');
        ctx.report({
          messageId: 'externalIPs',
          data: { name: resource.name ?? '(unnamed)', ips: shown || `${items.length} entries` },
          at: keySpan(pair)!,
          fixes: () => fixOf('Remove externalIPs', 'suggestion', removeIn(resource.doc, ctx.text, spec, ['externalIPs'])),
        });
      },
    };
  },
});
