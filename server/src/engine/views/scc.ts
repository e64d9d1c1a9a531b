/**
 * A view over an OpenShift SecurityContextConstraints (security.openshift.io/v1;
 * `apiVersion: v1` in OpenShift 3): the shared pod policy view
 * (views/pod-policy.ts) over the object itself, where an SCC keeps its fields.
 */
import type { YAMLMap } from 'yaml';
import type { Span } from '../types';
import type { ResourceView } from './resource';
import { PodPolicyView, type IdStrategy, type IdStrategyField, type PolicyDialect } from './pod-policy';
import { getPair, scalarValue, nodeSpan } from './yaml-node';

const SCC_API_GROUP = 'security.openshift.io';

export const SCC_DIALECT: PolicyDialect = {
  kind: 'SecurityContextConstraints',
  flags: { privileged: 'allowPrivilegedContainer', hostPID: 'allowHostPID', hostIPC: 'allowHostIPC', hostNetwork: 'allowHostNetwork' },
  hostPorts: { field: 'allowHostPorts', form: 'boolean' },
  hostPathFlag: 'allowHostDirVolumePlugin',
  idFields: ['runAsUser', 'supplementalGroups', 'fsGroup'],
  strategyKey: 'type',
  seLinux: 'seLinuxContext',
};

export class SccView extends PodPolicyView {
  readonly spec: YAMLMap;
  readonly dialect = SCC_DIALECT;

  private constructor(resource: ResourceView) {
    super(resource);
    this.spec = resource.root;
  }

  /** A view when the object is an OpenShift SecurityContextConstraints, else undefined. */
  static from(resource: ResourceView): SccView | undefined {
    if (resource.kind !== 'SecurityContextConstraints') return undefined;
    const slash = resource.apiVersion.indexOf('/');
    const group = slash < 0 ? '' : resource.apiVersion.slice(0, slash);
    // `v1` without a group: OpenShift 3 served SCCs in its legacy core API.
    if (group !== SCC_API_GROUP && resource.apiVersion !== 'v1') return undefined;
    return new SccView(resource);
  }

  /** An SCC has no spec: missing fields are reported on `kind:`. */
  get specKeySpan(): Span {
    return this.kindSpan;
  }

  /**
   * `runAsUser` names its IDs in the strategy itself: `uid` (MustRunAs) or
   * `uidRangeMin`/`uidRangeMax` (MustRunAsRange), read here as one range.
   */
  override idStrategy(field: IdStrategyField): IdStrategy | undefined {
    const strategy = super.idStrategy(field);
    if (!strategy || field !== 'runAsUser') return strategy;
    const map = this.strategyMap(field)!;
    for (const [minKey, maxKey] of [
      ['uid', 'uid'],
      ['uidRangeMin', 'uidRangeMax'],
    ] as const) {
      const minPair = getPair(map, minKey);
      const span = nodeSpan(minPair?.key);
      if (!minPair || !span) continue;
      strategy.ranges.push({ min: scalarValue(minPair.value, this.doc), max: scalarValue(getPair(map, maxKey)?.value, this.doc), minPair, span });
    }
    return strategy;
  }
}
