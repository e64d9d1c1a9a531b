/**
 * View over a core ServiceAccount (`apiVersion: v1`, `kind: ServiceAccount`):
 * the one place that knows the kind; rules get it through the
 * `serviceAccount` visitor. Typed from kubernetes-types.
 */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { Pair } from 'yaml';
import type { ResourceView } from './resource';
import { getPair, scalarValue } from './yaml-node';

const SERVICE_ACCOUNT: NonNullable<ServiceAccount['kind']> = 'ServiceAccount';

export class ServiceAccountView {
  /** `metadata.name`, or `(unnamed)` for messages. */
  readonly label: string;

  private constructor(readonly resource: ResourceView) {
    this.label = resource.name ?? '(unnamed)';
  }

  /** A view when the object is a core ServiceAccount (not a custom resource of that name), else undefined. */
  static from(resource: ResourceView): ServiceAccountView | undefined {
    return resource.kind === SERVICE_ACCOUNT && !resource.apiVersion.includes('/') ? new ServiceAccountView(resource) : undefined;
  }

  /** The `automountServiceAccountToken` entry, with its value as kubectl reads it. */
  automount(): { pair: Pair | undefined; value: unknown } {
    const pair = getPair(this.resource.root, 'automountServiceAccountToken');
    return { pair, value: scalarValue(pair?.value, this.resource.doc) };
  }
}
