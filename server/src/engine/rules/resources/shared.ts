/**
 * Shared logic of the resource rules: reading `resources.requests.<name>` and
 * `resources.limits.<name>` of a container or of the pod (pod-level resources),
 * and the four "missing request / limit" rules, which differ only in the
 * resource and the field they check.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { RuleContext, RuleVisitors } from '../../rule';
import type { Span } from '../../types';
import { compareQuantities, parseQuantity, quantityOf, type Quantity } from '../../views/quantity';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import type { ContainerView, PodSpecView } from '../../views/resource';
import type { DocumentViews } from '../../views/view-set';
import { asMap, getNode, getPair, nodeSpan, pairSpan, scalarValue } from '../../views/yaml-node';

export type ResourceName = 'cpu' | 'memory';
export type ResourceField = 'limits' | 'requests';

/** One `<name>: <quantity>` entry of a `limits` or `requests` map. */
export interface ResourceEntry {
  pair: Pair<Node, Node>;
  /** The scalar value as decoded (string, number, null...). */
  value: unknown;
  /** Parsed quantity, when the value is a valid one. */
  quantity: Quantity | undefined;
}

/** A YAML scalar's text as written in the file, for numbers (`1e3`, `0.50`). */
function sourceText(node: unknown, text: string): string | undefined {
  const span = nodeSpan(node);
  return span ? text.slice(span.start, span.end) : undefined;
}

/** The `resources` map of a container or a pod spec. */
export function resourcesMap(owner: ContainerView | PodSpecView): YAMLMap | undefined {
  return asMap(getNode(owner.node, 'resources'), owner.doc);
}

/** `resources.<field>.<name>` of a container or pod spec, if the key exists (read once per node for all the rules of `views`: five rules read the same few quantities). */
export function resourceEntry(owner: ContainerView | PodSpecView, field: ResourceField, name: string, text: string, views: DocumentViews): ResourceEntry | undefined {
  return views.memo(owner.node, `resources.${field}.${name}`, () => readEntry(owner, field, name, text));
}

function readEntry(owner: ContainerView | PodSpecView, field: ResourceField, name: string, text: string): ResourceEntry | undefined {
  const map = asMap(getNode(resourcesMap(owner), field), owner.doc);
  const pair = getPair(map, name);
  if (!pair) return undefined;
  const value = scalarValue(pair.value, owner.doc);
  return { pair, value, quantity: quantityOf(value, sourceText(pair.value, text)) };
}

/** Set: a non-null value that is not an empty string. (An unparsable value counts as set: the API rejects it.) */
export function isSet(entry: ResourceEntry | undefined): entry is ResourceEntry {
  if (!entry) return false;
  const v = entry.value;
  if (v === null) return false;
  // A collection where a quantity belongs is "set" (and invalid, which the API reports).
  if (v === undefined) return entry.pair.value !== null && entry.pair.value !== undefined;
  return !(typeof v === 'string' && v.trim() === '');
}

/** A limit of 0 means "no limit" to the kubelet (no CFS quota, no memory.max). */
export function isZeroLimit(entry: ResourceEntry | undefined): boolean {
  return entry?.quantity !== undefined && entry.quantity.nanos === 0n;
}

/** A limit that actually bounds the resource: set and not zero. */
export function isEffectiveLimit(entry: ResourceEntry | undefined): boolean {
  return isSet(entry) && !isZeroLimit(entry);
}

/** Ephemeral containers cannot have resources (the API rejects them); the rules skip them. */
export function hasResources(c: ContainerView): boolean {
  return c.kind !== 'ephemeralContainer';
}

const RESOURCE_LABEL: Record<ResourceName, string> = { cpu: 'CPU', memory: 'memory' };

/** Message templates of the missing-* rules. */
export function missingMessages(field: ResourceField): Record<string, string> {
  return field === 'limits'
    ? {
        missing: '{{label}} "{{name}}" has no {{resource}} limit (resources.limits.{{key}}).',
        zero: '{{label}} "{{name}}" sets resources.limits.{{key}}: {{value}}, which Kubernetes treats as no {{resource}} limit.',
      }
    : {
        missing: '{{label}} "{{name}}" has no {{resource}} request (resources.requests.{{key}}, nor a limit it would default to).',
      };
}

/**
 * The visitors of `missing-<name>-<limit|request>`:
 *
 * - limits: every init and app container without an effective `resources.limits.<name>`
 *   is reported, unless the pod sets a pod-level limit for it (`spec.resources`,
 *   pod-level resources, beta and on by default since Kubernetes 1.34). A limit of 0 is
 *   reported on its pair: the kubelet treats it as no limit.
 * - requests: a request defaults to the limit when only the limit is set, so a
 *   container is reported only when it has neither a request nor an effective limit
 *   for the resource, and the pod has no pod-level request or limit for it.
 */
export function missingResourceVisitors(ctx: RuleContext, name: ResourceName, field: ResourceField): RuleVisitors {
  const resource = RESOURCE_LABEL[name];
  return {
    podSpec(pod) {
      const podLimit = resourceEntry(pod, 'limits', name, ctx.text, ctx.views);
      const podCovered = field === 'limits' ? isEffectiveLimit(podLimit) : isSet(resourceEntry(pod, 'requests', name, ctx.text, ctx.views)) || isEffectiveLimit(podLimit);
      if (podCovered) return;
      for (const c of pod.containers) {
        if (!hasResources(c)) continue;
        const data = { label: c.label, name: c.name, resource, key: name };
        const limit = resourceEntry(c, 'limits', name, ctx.text, ctx.views);
        if (field === 'limits') {
          if (isSet(limit) && isZeroLimit(limit)) {
            const fixes = () => resourceFix(ctx, c, name, field);
            ctx.report({ messageId: 'zero', data: { ...data, value: limit.quantity!.text }, at: pairSpan(limit.pair)!, container: c.name, fixes });
          } else if (!isSet(limit)) {
            ctx.report({ messageId: 'missing', data, at: missingSpan(c, field, name), container: c.name, fixes: () => resourceFix(ctx, c, name, field) });
          }
        } else if (!isSet(resourceEntry(c, 'requests', name, ctx.text, ctx.views)) && !isEffectiveLimit(limit)) {
          // A zero limit next to a new request would be a limit below its request: no suggestion then.
          const fixes = isSet(limit) ? undefined : () => resourceFix(ctx, c, name, field);
          ctx.report({ messageId: 'missing', data, at: missingSpan(c, field, name), container: c.name, fixes });
        }
      }
    },
  };
}

/** `resources.<field>.<name>` key, else `<field>:`, else `resources:`, else the container's `name`. */
function missingSpan(c: ContainerView, field: ResourceField, name: string): Span {
  return c.nearestSpan(['resources', field, name]);
}

/**
 * Suggestion: `resources.<field>.<name>` set to the configured default
 * (`fixes.defaultResources`), inserted into (or completing) the container's
 * `resources` block. A limit is never written below an existing request: the
 * request's value is used when it is higher. Values change scheduling, so
 * this is a suggestion.
 */
function resourceFix(ctx: RuleContext, c: ContainerView, name: ResourceName, field: ResourceField): Fix[] | undefined {
  const defaults = ctx.fixDefaults.resources;
  let value = name === 'cpu' ? (field === 'limits' ? defaults.cpuLimit : defaults.cpuRequest) : field === 'limits' ? defaults.memoryLimit : defaults.memoryRequest;
  if (field === 'limits') {
    const request = resourceEntry(c, 'requests', name, ctx.text, ctx.views)?.quantity;
    const q = parseQuantity(value);
    if (request && q && compareQuantities(q, request) < 0) value = request.text;
  }
  return fixOf(`Set resources.${field}.${name}: ${value}`, 'suggestion', setIn(c.doc, ctx.text, c.node, ['resources', field, name], value));
}
