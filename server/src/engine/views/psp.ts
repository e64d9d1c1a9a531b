/**
 * A view over a PodSecurityPolicy (policy/v1beta1, formerly extensions/v1beta1):
 * its spec fields, list fields as items with spans, the user and group ID
 * strategies and the seccomp/AppArmor annotations. The API was removed in
 * Kubernetes 1.25, but PSPs live on in many repositories.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Span } from '../types';
import type { ResourceView } from './resource';
import { asMap, getNode, getPair, keySpan, nodeSpan, pairSpan, scalarValue, seqItems, stringValue } from './yaml-node';

/** API groups that served PodSecurityPolicy: `policy` (1.10-1.24) and `extensions` (until 1.16). */
const PSP_API_GROUPS: ReadonlySet<string> = new Set(['policy', 'extensions']);

/** The PSP fields that hold a user or group ID strategy (`rule` plus `ranges`). */
export type IdStrategyField = 'runAsUser' | 'runAsGroup' | 'supplementalGroups' | 'fsGroup';

/** One item of a list field, with its scalar value (when it is one) and span. */
export interface PspListItem {
  value: unknown;
  node: Node;
  span: Span;
}

/** `runAsUser`, `runAsGroup`, `supplementalGroups` or `fsGroup`: its rule and ID ranges. */
export interface IdStrategy {
  field: IdStrategyField;
  /** `rule` as written (a string), if any. */
  rule: string | undefined;
  rulePair: Pair<Node, Node> | undefined;
  ranges: Array<{ min: unknown; max: unknown; minPair: Pair<Node, Node> | undefined; span: Span }>;
}

export class PspView {
  readonly spec: YAMLMap | undefined;

  private constructor(readonly resource: ResourceView) {
    this.spec = asMap(resource.get(['spec']), resource.doc);
  }

  /** A view when the object is a PodSecurityPolicy of a Kubernetes API group, else undefined. */
  static from(resource: ResourceView): PspView | undefined {
    if (resource.kind !== 'PodSecurityPolicy') return undefined;
    const slash = resource.apiVersion.indexOf('/');
    if (slash < 0 || !PSP_API_GROUPS.has(resource.apiVersion.slice(0, slash))) return undefined;
    return new PspView(resource);
  }

  get doc() {
    return this.resource.doc;
  }

  /** The name for messages. */
  get name(): string {
    return this.resource.name ?? '(unnamed)';
  }

  /** `kind: PodSecurityPolicy`: where object-level findings go. */
  get kindSpan(): Span {
    return pairSpan(getPair(this.resource.root, 'kind')) ?? this.resource.kindSpan;
  }

  /** The `spec:` key: the anchor for missing spec fields. */
  get specKeySpan(): Span {
    return keySpan(getPair(this.resource.root, 'spec')) ?? this.kindSpan;
  }

  pair(field: string): Pair<Node, Node> | undefined {
    return getPair(this.spec, field);
  }

  /** Scalar value of a spec field (undefined when absent or not a scalar). */
  value(field: string): unknown {
    return scalarValue(getNode(this.spec, field), this.doc);
  }

  /** Whether a spec field is present with a non-null value. */
  has(field: string): boolean {
    const pair = this.pair(field);
    return pair !== undefined && pair.value !== null && scalarValue(pair.value, this.doc) !== null;
  }

  /** Items of a list field (empty when absent, null or not a list). */
  list(field: string): PspListItem[] {
    const out: PspListItem[] = [];
    for (const node of seqItems(getNode(this.spec, field), this.doc)) {
      const span = nodeSpan(node);
      if (span) out.push({ value: scalarValue(node, this.doc), node, span });
    }
    return out;
  }

  /** String items of a list field. */
  strings(field: string): string[] {
    return this.list(field)
      .map((i) => i.value)
      .filter((v): v is string => typeof v === 'string');
  }

  /** Whether pods may use a volume type: listed by name or through `*`. */
  allowsVolume(type: string): boolean {
    const volumes = this.strings('volumes');
    return volumes.includes('*') || volumes.includes(type);
  }

  /** A user or group ID strategy, or undefined when the field is not a map. */
  idStrategy(field: IdStrategyField): IdStrategy | undefined {
    const map = asMap(getNode(this.spec, field), this.doc);
    if (!map) return undefined;
    const rulePair = getPair(map, 'rule');
    const ranges: IdStrategy['ranges'] = [];
    for (const node of seqItems(getNode(map, 'ranges'), this.doc)) {
      const range = asMap(node, this.doc);
      const span = nodeSpan(node);
      if (!range || !span) continue;
      const minPair = getPair(range, 'min');
      ranges.push({ min: scalarValue(minPair?.value, this.doc), max: scalarValue(getNode(range, 'max'), this.doc), minPair, span });
    }
    return { field, rule: stringValue(rulePair?.value, this.doc), rulePair, ranges };
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
