/**
 * A pod admission policy object: a PodSecurityPolicy (Kubernetes, removed in
 * 1.25) or an OpenShift SecurityContextConstraints. Both admit or reject pods
 * by the same controls (privileged, host namespaces, volume types, user and
 * group ID strategies, capabilities, ...) under different field names, so
 * one view reads them through a `PolicyDialect` and one judge
 * (rules/psp/policy-permissive.ts) reports both.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Span } from '../types';
import type { ResourceView } from './resource';
import { asMap, getNode, getPair, keySpan, nodeSpan, pairSpan, scalarValue, seqItems, stringValue } from './yaml-node';

/** The user and group ID strategies (`runAsGroup` exists only in PSPs). */
export type IdStrategyField = 'runAsUser' | 'runAsGroup' | 'supplementalGroups' | 'fsGroup';

/** A boolean control and the field that holds it in a dialect. */
export type PolicyFlag = 'privileged' | 'hostPID' | 'hostIPC' | 'hostNetwork';

/** How one kind of policy names its fields. */
export interface PolicyDialect {
  /** `PodSecurityPolicy` or `SecurityContextConstraints`, for messages. */
  readonly kind: string;
  /** The fields of the boolean controls. */
  readonly flags: Readonly<Record<PolicyFlag, string>>;
  /** Host ports: a list of ranges (PSP `hostPorts`) or one boolean (SCC `allowHostPorts`). */
  readonly hostPorts: { readonly field: string; readonly form: 'ranges' | 'boolean' };
  /** A boolean that admits hostPath volumes besides `volumes` (SCC `allowHostDirVolumePlugin`). */
  readonly hostPathFlag?: string;
  /** The allow-list of host path prefixes (PSP `allowedHostPaths`), when the dialect has one. */
  readonly allowedHostPaths?: string;
  /** The ID strategies the dialect has. */
  readonly idFields: readonly IdStrategyField[];
  /** The key naming a strategy: `rule` (PSP) or `type` (SCC). */
  readonly strategyKey: 'rule' | 'type';
  /** The SELinux strategy field: `seLinux` (PSP) or `seLinuxContext` (SCC). */
  readonly seLinux: string;
}

/** One item of a list field, with its scalar value (when it is one) and span. */
export interface PolicyListItem {
  value: unknown;
  node: Node;
  span: Span;
}

/** A user or group ID strategy: its rule (or type) and the ID ranges it allows. */
export interface IdStrategy {
  field: IdStrategyField;
  /** `rule` (or `type`) as written (a string), if any. */
  rule: string | undefined;
  rulePair: Pair<Node, Node> | undefined;
  ranges: Array<{ min: unknown; max: unknown; minPair: Pair<Node, Node> | undefined; span: Span }>;
}

export abstract class PodPolicyView {
  /** The map that holds the policy fields (`spec` of a PSP, the object itself for an SCC). */
  abstract readonly spec: YAMLMap | undefined;
  abstract readonly dialect: PolicyDialect;
  /** Where findings about a missing field go (`spec:` of a PSP, `kind:` of an SCC). */
  abstract readonly specKeySpan: Span;

  protected constructor(readonly resource: ResourceView) {}

  get doc() {
    return this.resource.doc;
  }

  /** The name for messages. */
  get name(): string {
    return this.resource.name ?? '(unnamed)';
  }

  /** `kind: ...`: where object-level findings go. */
  get kindSpan(): Span {
    return pairSpan(getPair(this.resource.root, 'kind')) ?? this.resource.kindSpan;
  }

  pair(field: string): Pair<Node, Node> | undefined {
    return getPair(this.spec, field);
  }

  /** Scalar value of a field (undefined when absent or not a scalar). */
  value(field: string): unknown {
    return scalarValue(getNode(this.spec, field), this.doc);
  }

  /** Whether a field is present with a non-null value. */
  has(field: string): boolean {
    const pair = this.pair(field);
    return pair !== undefined && pair.value !== null && scalarValue(pair.value, this.doc) !== null;
  }

  /** Items of a list field (empty when absent, null or not a list). */
  list(field: string): PolicyListItem[] {
    const out: PolicyListItem[] = [];
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

  /** A user or group ID strategy (`rule`/`type` plus `ranges`), or undefined when the field is not a map. */
  idStrategy(field: IdStrategyField): IdStrategy | undefined {
    const map = this.strategyMap(field);
    if (!map) return undefined;
    const rulePair = getPair(map, this.dialect.strategyKey);
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

  protected strategyMap(field: string): YAMLMap | undefined {
    return asMap(getNode(this.spec, field), this.doc);
  }

  /** The span of a field's key, for findings about a list as a whole. */
  keySpan(field: string): Span | undefined {
    return keySpan(this.pair(field));
  }
}
