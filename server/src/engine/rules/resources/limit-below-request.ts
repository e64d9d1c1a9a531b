import { defineRule } from '../../rule';
import type { RuleContext } from '../../rule';
import { compareQuantities } from '../../views/quantity';
import type { ContainerView, PodSpecView } from '../../views/resource';
import { asMap, getNode, mapEntries, pairSpan } from '../../views/yaml-node';
import { hasResources, resourceEntry, resourcesMap } from './shared';

/**
 * Every resource (cpu, memory, ephemeral-storage, hugepages-*, extended
 * resources) whose limit is lower than its request, compared as Kubernetes
 * quantities, for each init and app container and for pod-level resources.
 */
export default defineRule({
  meta: {
    id: 'limit-below-request',
    title: 'Resource limit lower than its request',
    description:
      'A limit must be at least the request for the same resource. The API server rejects a pod (or workload) whose limit is lower, so the manifest cannot be applied as written.',
    defaultSeverity: 'error',
    category: 'resources',
    messages: {
      container:
        '{{label}} "{{name}}": resources.limits.{{key}} ({{limit}}) is lower than resources.requests.{{key}} ({{request}}); the API server rejects this.',
      pod: 'The pod\'s resources.limits.{{key}} ({{limit}}) is lower than its resources.requests.{{key}} ({{request}}); the API server rejects this.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits',
        'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        check(ctx, pod, undefined);
        for (const c of pod.containers) if (hasResources(c)) check(ctx, c, c);
      },
    };
  },
});

function check(ctx: RuleContext, owner: ContainerView | PodSpecView, container: ContainerView | undefined): void {
  const limits = asMap(getNode(resourcesMap(owner), 'limits'), owner.doc);
  // A duplicated key decodes to its last value (getPair): check each name once.
  for (const key of new Set(mapEntries(limits, owner.doc).map((e) => e.key))) {
    const limit = resourceEntry(owner, 'limits', key, ctx.text, ctx.views);
    const request = resourceEntry(owner, 'requests', key, ctx.text, ctx.views);
    if (!limit?.quantity || !request?.quantity) continue;
    if (compareQuantities(limit.quantity, request.quantity) >= 0) continue;
    const data = { key, limit: limit.quantity.text, request: request.quantity.text };
    ctx.report(
      container
        ? { messageId: 'container', data: { ...data, label: container.label, name: container.name }, at: pairSpan(limit.pair)!, container: container.name }
        : { messageId: 'pod', data, at: pairSpan(limit.pair)! },
    );
  }
}
