/**
 * Exemption annotations on Kubernetes objects. An annotation in the object's
 * own `metadata.annotations` exempts the object and its pod template:
 *
 * - `ignore-check.shipshape.dev/<rule-id>: "<reason>"`: that rule.
 * - kube-linter: `ignore-check.kube-linter.io/<check>` exempts the Shipshape
 *   rules whose metadata lists that check as an equivalent;
 *   `kube-linter.io/ignore-all` exempts every rule with a kube-linter equivalent.
 * - Polaris: `polaris.fairwinds.com/<check>-exempt: "true"` exempts the rules
 *   listing that check; `polaris.fairwinds.com/exempt: "true"` exempts every
 *   rule with a Polaris equivalent.
 *
 * The other tools' annotations mean what they mean to those tools, so they
 * are never reported as unused; Shipshape's own are (see apply.ts).
 */
import { RULES } from '../rules';
import type { Span } from '../types';
import { keySpan } from '../views/yaml-node';
import type { ResourceView } from '../views/resource';

export const SHIPSHAPE_PREFIX = 'ignore-check.shipshape.dev/';
const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const POLARIS_PREFIX = 'polaris.fairwinds.com/';
const POLARIS_SUFFIX = '-exempt';
const POLARIS_ALL = 'polaris.fairwinds.com/exempt';

export type AnnotationFamily = 'shipshape' | 'kube-linter' | 'polaris';

export interface AnnotationExemption {
  family: AnnotationFamily;
  /** The annotation key as written. */
  key: string;
  keySpan: Span;
  /** Rule ids it exempts (empty for an unknown Shipshape rule id). */
  rules: ReadonlySet<string>;
  /** The Shipshape rule id named by the key (shipshape family only), known or not. */
  namedRule?: string;
}

interface Equivalents {
  kubeLinter: Map<string, string[]>;
  polaris: Map<string, string[]>;
  kubeLinterAll: Set<string>;
  polarisAll: Set<string>;
}

let equivalents: Equivalents | undefined;

/** Other tools' check names -> Shipshape rule ids, from each rule's `references`. */
export function toolEquivalents(): Equivalents {
  if (equivalents) return equivalents;
  const e: Equivalents = { kubeLinter: new Map(), polaris: new Map(), kubeLinterAll: new Set(), polarisAll: new Set() };
  for (const { meta } of RULES) {
    for (const check of meta.references.kubeLinter ?? []) {
      e.kubeLinter.set(check, [...(e.kubeLinter.get(check) ?? []), meta.id]);
      e.kubeLinterAll.add(meta.id);
    }
    for (const check of meta.references.polaris ?? []) {
      e.polaris.set(check, [...(e.polaris.get(check) ?? []), meta.id]);
      e.polarisAll.add(meta.id);
    }
  }
  return (equivalents = e);
}

const isTrue = (v: unknown): boolean => v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');

/** The exemption annotations of an object (empty when it has none). */
export function annotationExemptions(resource: ResourceView, knownRuleIds: ReadonlySet<string>): AnnotationExemption[] {
  const out: AnnotationExemption[] = [];
  const annotations = resource.annotations();
  if (annotations.size === 0) return out;
  const eq = toolEquivalents();
  for (const [key, { value, pair }] of annotations) {
    const span = keySpan(pair) ?? resource.kindSpan;
    if (key.startsWith(SHIPSHAPE_PREFIX)) {
      const id = key.slice(SHIPSHAPE_PREFIX.length);
      out.push({ family: 'shipshape', key, keySpan: span, rules: new Set(knownRuleIds.has(id) ? [id] : []), namedRule: id });
    } else if (key.startsWith(KUBE_LINTER_PREFIX)) {
      const ids = eq.kubeLinter.get(key.slice(KUBE_LINTER_PREFIX.length));
      if (ids) out.push({ family: 'kube-linter', key, keySpan: span, rules: new Set(ids) });
    } else if (key === KUBE_LINTER_ALL) {
      out.push({ family: 'kube-linter', key, keySpan: span, rules: eq.kubeLinterAll });
    } else if (key === POLARIS_ALL) {
      if (isTrue(value)) out.push({ family: 'polaris', key, keySpan: span, rules: eq.polarisAll });
    } else if (key.startsWith(POLARIS_PREFIX) && key.endsWith(POLARIS_SUFFIX)) {
      const ids = eq.polaris.get(key.slice(POLARIS_PREFIX.length, -POLARIS_SUFFIX.length));
      if (ids && isTrue(value)) out.push({ family: 'polaris', key, keySpan: span, rules: new Set(ids) });
    }
  }
  return out;
}
