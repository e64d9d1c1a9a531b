/**
 * Core-group object kinds the service account and namespace rules look at,
 * typed from kubernetes-types so a misspelt kind fails to compile.
 */
import type { Namespace, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { ResourceView } from '../../views/resource';

type KindOf<T extends { kind?: string }> = NonNullable<T['kind']>;

export const NAMESPACE_KIND: KindOf<Namespace> = 'Namespace';
export const SERVICE_ACCOUNT_KIND: KindOf<ServiceAccount> = 'ServiceAccount';
export const SERVICE_KIND: KindOf<Service> = 'Service';

/** True when the object is `kind` of the core API group (`apiVersion: v1`), not a custom resource of the same name. */
export function isCoreObject(resource: ResourceView, kind: string): boolean {
  return resource.kind === kind && !resource.apiVersion.includes('/');
}
