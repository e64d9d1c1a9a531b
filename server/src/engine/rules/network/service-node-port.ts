import { defineRule } from '../../rule';
import type { TextEdit } from '../../types';
import { fixOf } from '../../fixes/rule-fixes';
import { removeIn, replaceNode } from '../../fixes/yaml-edit';
import { asMap, getPair, pairSpan, scalarValue, seqItems, stringValue } from '../../views/yaml-node';
import { serviceSpec } from './kinds';

/** Fields that only NodePort and LoadBalancer Services may set: the API rejects them on a ClusterIP Service. */
const EXTERNAL_ONLY = ['externalTrafficPolicy', 'healthCheckNodePort'] as const;

/**
 * A Service of `type: NodePort`. A LoadBalancer also allocates node ports
 * (unless allocateLoadBalancerNodePorts: false), but it is not reported: it
 * asks for external exposure by design, as the peers judge it too (see the
 * doc page).
 */
export default defineRule({
  meta: {
    id: 'service-node-port',
    title: 'NodePort Service',
    description:
      'A Service of type NodePort opens its port on every node of the cluster, on all node addresses. Traffic to it bypasses Ingress controllers and their TLS and authentication, and NetworkPolicies do not filter it before kube-proxy forwards it.',
    defaultSeverity: 'info',
    category: 'network',
    fixable: 'suggestion',
    messages: {
      nodePort: 'Service "{{name}}" is of type NodePort: it opens {{ports}} on every node of the cluster.',
    },
    references: {
      kubeLinter: ['exposed-services'],
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
        'https://kubernetes.io/docs/concepts/services-networking/ingress/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const spec = serviceSpec(resource);
        const typePair = getPair(spec, 'type');
        if (!spec || !typePair || stringValue(typePair.value, resource.doc) !== 'NodePort') return;
        const ports: string[] = [];
        for (const item of seqItems(getPair(spec, 'ports')?.value, resource.doc)) {
          const nodePort = scalarValue(getPair(asMap(item, resource.doc), 'nodePort')?.value, resource.doc);
          if (typeof nodePort === 'number') ports.push(String(nodePort));
        }
        // The node ports go with the type: ClusterIP rejects nodePort, externalTrafficPolicy and healthCheckNodePort.
        const all = (): TextEdit[] | undefined => {
          const edits: Array<TextEdit[] | undefined> = [replaceNode(resource.doc, ctx.text, typePair.value, 'ClusterIP')];
          for (const item of seqItems(getPair(spec, 'ports')?.value, resource.doc)) {
            const port = asMap(item, resource.doc);
            if (port && getPair(port, 'nodePort')) edits.push(removeIn(resource.doc, ctx.text, port, ['nodePort']));
          }
          for (const field of EXTERNAL_ONLY) {
            if (getPair(spec, field)) edits.push(removeIn(resource.doc, ctx.text, spec, [field]));
          }
          return edits.every((e) => e !== undefined) ? (edits.flat() as TextEdit[]) : undefined;
        };
        ctx.report({
          messageId: 'nodePort',
          data: { name: resource.name ?? '(unnamed)', ports: ports.length ? `port ${ports.join(', ')}` : 'a port (from 30000-32767)' },
          at: pairSpan(typePair)!,
          fixes: () => fixOf('Change the Service to type ClusterIP (reach it through an Ingress or a LoadBalancer)', 'suggestion', all()),
        });
      },
    };
  },
});
