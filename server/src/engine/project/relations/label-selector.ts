/**
 * Kubernetes label selectors over plain object data, as the API server reads
 * them (apimachinery `LabelSelectorAsSelector`): `matchLabels` and
 * `matchExpressions` are ANDed; an empty selector (`{}`) selects everything;
 * an invalid selector (unknown operator, `In` without values, `Exists` with
 * values, a non-string label value) is rejected by the API server, so it is
 * compiled to undefined and callers treat it as "cannot be judged".
 *
 * A Service's `selector` is a plain map (equality only): `serviceSelector`.
 * Values are untrusted input: only strings count as label values.
 */

export type Labels = ReadonlyMap<string, string>;

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A compiled selector; `empty` when it selects every object. */
export interface LabelSelector {
  readonly requirements: readonly Requirement[];
  readonly empty: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The string labels of an object's `metadata.labels` (other values are not labels). */
export function labelsOf(value: unknown): Labels {
  const out = new Map<string, string>();
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out.set(k, v);
  return out;
}

/** A `metav1.LabelSelector` (`{matchLabels, matchExpressions}`), or undefined when the API server would reject it. Absent/null: undefined. */
export function compileLabelSelector(value: unknown): LabelSelector | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isRecord(value)) return undefined;
  const requirements: Requirement[] = [];
  const { matchLabels, matchExpressions } = value;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return undefined;
    for (const [key, v] of Object.entries(matchLabels)) {
      if (typeof v !== 'string') return undefined;
      requirements.push({ key, operator: 'In', values: [v] });
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return undefined;
    for (const e of matchExpressions) {
      const r = requirementOf(e);
      if (!r) return undefined;
      requirements.push(r);
    }
  }
  return { requirements, empty: requirements.length === 0 };
}

function requirementOf(e: unknown): Requirement | undefined {
  if (!isRecord(e) || typeof e.key !== 'string' || e.key === '') return undefined;
  const values = e.values === undefined || e.values === null ? [] : e.values;
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) return undefined;
  switch (e.operator) {
    case 'In':
    case 'NotIn':
      return values.length > 0 ? { key: e.key, operator: e.operator, values } : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0 ? { key: e.key, operator: e.operator, values } : undefined;
    default:
      return undefined;
  }
}

/** A Service's `spec.selector` (equality on every entry), or undefined when absent, empty or not a map of strings (no selector: the Service's endpoints are managed by hand). */
export function serviceSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string')) return undefined;
  return { requirements: entries.map(([key, v]) => ({ key, operator: 'In' as const, values: [v as string] })), empty: false };
}

/** Whether the labels satisfy every requirement of the selector. */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  return selector.requirements.every((r) => {
    const v = labels.get(r.key);
    switch (r.operator) {
      case 'In':
        return v !== undefined && r.values.includes(v);
      case 'NotIn':
        return v === undefined || !r.values.includes(v);
      case 'Exists':
        return v !== undefined;
      case 'DoesNotExist':
        return v === undefined;
    }
  });
}

/** The selector as kubectl describes it (`app=web,tier in (a,b),!debug`; `<all>` when empty). */
export function describeSelector(selector: LabelSelector): string {
  if (selector.empty) return '<all>';
  return selector.requirements
    .map((r) => {
      if (r.operator === 'Exists') return r.key;
      if (r.operator === 'DoesNotExist') return `!${r.key}`;
      if (r.operator === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      return `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`;
    })
    .join(',');
}
