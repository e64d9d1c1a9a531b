/**
 * Object identity and ownership for the workload rules: which API object a
 * document is (kind and API group, with kinds typed from kubernetes-types so a
 * misspelt kind fails to compile) and its `metadata.ownerReferences`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Span } from '../../types';
import type { ResourceView } from '../../views/resource';
import { apiGroup } from '../../views/workloads';
import { asMap, getNode, getPair, pairSpan, scalarValue, seqItems, stringValue } from '../../views/yaml-node';

type KindOf<T extends { kind?: string }> = NonNullable<T['kind']>;

export const POD_KIND: KindOf<Pod> = 'Pod';
export const REPLICA_SET_KIND: KindOf<ReplicaSet> = 'ReplicaSet';
export const DEPLOYMENT_KIND: KindOf<Deployment> = 'Deployment';

/** True when the object is `kind` of one of `groups` (so a custom resource that reuses the kind name is not). */
export function isObject(resource: ResourceView, kind: string, groups: readonly string[]): boolean {
  return resource.kind === kind && groups.includes(apiGroup(resource.apiVersion));
}

/** One entry of `metadata.ownerReferences`. */
export interface OwnerReference {
  kind: string | undefined;
  name: string | undefined;
  /** `controller: true`: the owner manages this object. */
  controller: boolean;
}

/** The object's `metadata.ownerReferences` entries that are maps. */
export function ownerReferences(resource: ResourceView): OwnerReference[] {
  return seqItems(getNode(resource.metadata, 'ownerReferences'), resource.doc).flatMap((item) => {
    const ref = asMap(item, resource.doc);
    if (!ref) return [];
    return [
      {
        kind: stringValue(getNode(ref, 'kind'), resource.doc),
        name: stringValue(getNode(ref, 'name'), resource.doc),
        controller: scalarValue(getNode(ref, 'controller'), resource.doc) === true,
      },
    ];
  });
}

/** `kind: X` as a pair: where findings about the choice of kind go. */
export function kindPairSpan(resource: ResourceView): Span {
  return pairSpan(getPair(resource.root, 'kind')) ?? resource.kindSpan;
}
