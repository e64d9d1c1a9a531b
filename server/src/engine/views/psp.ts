/**
 * A view over a PodSecurityPolicy (policy/v1beta1, formerly extensions/v1beta1):
 * the shared pod policy view (views/pod-policy.ts) over its `spec`, plus the
 * seccomp/AppArmor annotations. The API was removed in Kubernetes 1.25, but
 * PSPs live on in many repositories.
 */
import type { YAMLMap } from 'yaml';
import type { Span } from '../types';
import type { ResourceView } from './resource';
import { PodPolicyView, type PolicyDialect } from './pod-policy';
import { asMap, getPair, keySpan } from './yaml-node';

export type { IdStrategy, IdStrategyField, PolicyListItem as PspListItem } from './pod-policy';

/** API groups that served PodSecurityPolicy: `policy` (1.10-1.24) and `extensions` (until 1.16). */
const PSP_API_GROUPS: ReadonlySet<string> = new Set(['policy', 'extensions']);

export const PSP_DIALECT: PolicyDialect = {
  kind: 'PodSecurityPolicy',
  flags: { privileged: 'privileged', hostPID: 'hostPID', hostIPC: 'hostIPC', hostNetwork: 'hostNetwork' },
  hostPorts: { field: 'hostPorts', form: 'ranges' },
  allowedHostPaths: 'allowedHostPaths',
  idFields: ['runAsUser', 'runAsGroup', 'supplementalGroups', 'fsGroup'],
  strategyKey: 'rule',
  seLinux: 'seLinux',
};

export class PspView extends PodPolicyView {
  readonly spec: YAMLMap | undefined;
  readonly dialect = PSP_DIALECT;

  private constructor(resource: ResourceView) {
    super(resource);
    this.spec = asMap(resource.get(['spec']), resource.doc);
  }

  /** A view when the object is a PodSecurityPolicy of a Kubernetes API group, else undefined. */
  static from(resource: ResourceView): PspView | undefined {
    if (resource.kind !== 'PodSecurityPolicy') return undefined;
    const slash = resource.apiVersion.indexOf('/');
    if (slash < 0 || !PSP_API_GROUPS.has(resource.apiVersion.slice(0, slash))) return undefined;
    return new PspView(resource);
  }

  /** The `spec:` key: the anchor for missing spec fields. */
  get specKeySpan(): Span {
    return keySpan(getPair(this.resource.root, 'spec')) ?? this.kindSpan;
  }

  /** A metadata annotation's string value. */
  annotation(name: string): string | undefined {
    const value = this.resource.annotations().get(name)?.value;
    return typeof value === 'string' ? value : undefined;
  }
}

/** Annotations through which a PSP limited seccomp and AppArmor profiles. */
export const SECCOMP_ALLOWED_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
export const APPARMOR_ALLOWED_ANNOTATION = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';

/** A comma-separated profile list (entries trimmed; an empty entry, as in `runtime/default,`, allows "unset"). */
export function profileList(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}
