/**
 * The objects the network rules read: Services (core API) and Ingresses
 * (networking.k8s.io, formerly extensions), kinds typed from kubernetes-types
 * so a misspelt kind fails to compile.
 */
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { YAMLMap } from 'yaml';
import type { ResourceView } from '../../views/resource';
import { asMap } from '../../views/yaml-node';
import { SERVICE_KIND, isCoreObject } from '../service-accounts/kinds';

const INGRESS_KIND: NonNullable<Ingress['kind']> = 'Ingress';

/** API groups that served Ingress: `networking.k8s.io` (v1beta1 from 1.14, v1 from 1.19) and `extensions` (until 1.22). */
const INGRESS_API_GROUPS: ReadonlySet<string> = new Set(['networking.k8s.io', 'extensions']);

/** `spec` of a core Service, or undefined for anything else (a Knative `Service` is not one). */
export function serviceSpec(resource: ResourceView): YAMLMap | undefined {
  return isCoreObject(resource, SERVICE_KIND) ? asMap(resource.get(['spec']), resource.doc) : undefined;
}

/** True for an Ingress of a Kubernetes API group. */
export function isIngress(resource: ResourceView): boolean {
  if (resource.kind !== INGRESS_KIND) return false;
  const slash = resource.apiVersion.indexOf('/');
  return slash > 0 && INGRESS_API_GROUPS.has(resource.apiVersion.slice(0, slash));
}
