import { defineRule } from '../../rule';
import { getNode, getPair, pairSpan, scalarValue } from '../../views/yaml-node';
import { hasNoNamespace } from './cluster-scoped';
import { SERVICE_ACCOUNT_KIND, SERVICE_KIND, isCoreObject } from './kinds';

const DEFAULT = 'default';

/**
 * Namespaced objects in the `default` namespace, or with no namespace (which
 * `kubectl apply` puts in the current context's namespace, usually `default`).
 * Off by default: many repositories leave the namespace to `kubectl -n`,
 * kustomize or Helm.
 */
export default defineRule({
  meta: {
    id: 'default-namespace',
    title: 'Object in the default namespace',
    description:
      'Objects in the default namespace share it with everything else deployed without a namespace, so RBAC, network policies, quotas and Pod Security labels cannot be scoped to them. Off by default because many setups set the namespace at deploy time.',
    defaultSeverity: 'info',
    enabledByDefault: false,
    category: 'service-accounts',
    messages: {
      explicit: '{{kind}} "{{name}}" is in the default namespace. Use a dedicated namespace.',
      missing: '{{kind}} "{{name}}" sets no metadata.namespace: it lands in the current namespace, usually default.',
    },
    references: {
      cis: ['5.7.1', '5.7.4'],
      kubeLinter: ['use-namespace'],
      checkov: ['CKV_K8S_21'],
      trivy: ['KSV110'],
      urls: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        if (hasNoNamespace(resource)) return;
        // Objects that exist in the default namespace by design: its own ServiceAccount and the API's Service.
        if (isCoreObject(resource, SERVICE_ACCOUNT_KIND) && resource.name === DEFAULT) return;
        if (isCoreObject(resource, SERVICE_KIND) && resource.name === 'kubernetes') return;
        const data = { kind: resource.kind, name: resource.name ?? '(unnamed)' };
        const pair = getPair(resource.metadata, 'namespace');
        const value = scalarValue(getNode(resource.metadata, 'namespace'), resource.doc);
        if (value === DEFAULT) {
          ctx.report({ messageId: 'explicit', data, at: pairSpan(pair)! });
        } else if (value === undefined || value === null || value === '') {
          ctx.report({ messageId: 'missing', data, at: (pair && pairSpan(pair)) ?? resource.anchorSpan });
        }
      },
    };
  },
});
