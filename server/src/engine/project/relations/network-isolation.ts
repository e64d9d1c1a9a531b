/**
 * Which workloads no NetworkPolicy isolates, and which policies select no
 * workload, over plain data (the rules network-policy-missing and
 * network-policy-selects-nothing read the project index through this).
 *
 * Kubernetes semantics (networking.k8s.io/v1 NetworkPolicy):
 * - A policy selects the pods of its own namespace its `podSelector` matches;
 *   an empty `podSelector` (`{}`) selects every pod of the namespace (the
 *   "default deny" idiom when it has no rules).
 * - A selected pod is isolated for ingress when a selecting policy's
 *   `policyTypes` contains Ingress, for egress when one contains Egress.
 *   Without `policyTypes`: Ingress always, Egress when the policy has an
 *   `egress` section.
 *
 * Scope (documented on the rule pages): a namespace is judged only when the
 * project defines a NetworkPolicy in it or the Namespace object itself; a
 * policy is judged only when the project has a workload in its namespace.
 * Objects of different kustomize builds (overlays) are never related.
 * Objects without `metadata.namespace` are in `default`.
 */
import { compileLabelSelector, matchesSelector, type LabelSelector, type Labels } from './label-selector';

export const DEFAULT_NAMESPACE = 'default';

export interface PolicyInput<R> {
  ref: R;
  namespace: string;
  /** The compiled podSelector; undefined when invalid (the API server rejects the policy: it is not judged and selects nothing here). */
  selector: LabelSelector | undefined;
  ingress: boolean;
  egress: boolean;
}

export interface WorkloadInput<R> {
  ref: R;
  namespace: string;
  /** The labels of its pod template (the pods' labels). */
  podLabels: Labels;
}

/** A policy's selector and directions from its `spec` (plain data). */
export function policyInput<R>(ref: R, namespace: string, spec: unknown): PolicyInput<R> {
  const isMap = spec !== null && typeof spec === 'object' && !Array.isArray(spec);
  const s = isMap ? (spec as Record<string, unknown>) : {};
  // An absent podSelector decodes to the empty selector (every pod), as `podSelector: {}`; a spec that is not a map is rejected.
  const selector = isMap ? compileLabelSelector(s.podSelector ?? {}) : undefined;
  const types = Array.isArray(s.policyTypes) ? s.policyTypes : undefined;
  const ingress = types ? types.includes('Ingress') : true;
  const egress = types ? types.includes('Egress') : s.egress !== undefined && s.egress !== null;
  return { ref, namespace, selector, ingress, egress };
}

export interface UnisolatedWorkload<R, W> {
  workload: WorkloadInput<W>;
  /** Policies of its namespace that select it (egress only); empty when none does. */
  egressOnly: PolicyInput<R>[];
  /** The namespace's policies (for related information). */
  policies: PolicyInput<R>[];
}

export interface NetworkJudgement<R, W> {
  /** Workloads of judged namespaces no policy isolates for ingress. */
  unisolated: UnisolatedWorkload<R, W>[];
  /** Policies with a non-empty selector that select no workload of their namespace (which has workloads in the project). */
  selectNothing: PolicyInput<R>[];
}

/**
 * Judge a project's policies and workloads. `manages(namespace, workload)`: the project defines the Namespace
 * object (deployed with the workload); `together(policy, workload)`: the two are deployed together (the same
 * build, or a plain file), else the policy does not count for the workload.
 */
export function judgeNetwork<R, W>(
  policies: readonly PolicyInput<R>[],
  workloads: readonly WorkloadInput<W>[],
  manages: (namespace: string, workload: W) => boolean,
  together: (policy: R, workload: W) => boolean = () => true,
): NetworkJudgement<R, W> {
  const byNamespace = new Map<string, PolicyInput<R>[]>();
  for (const p of policies) {
    const list = byNamespace.get(p.namespace) ?? [];
    list.push(p);
    byNamespace.set(p.namespace, list);
  }
  const unisolated: UnisolatedWorkload<R, W>[] = [];
  const selecting = new Set<PolicyInput<R>>();
  const withWorkloads = new Set<PolicyInput<R>>();
  for (const w of workloads) {
    const inNs = (byNamespace.get(w.namespace) ?? []).filter((p) => together(p.ref, w.ref));
    for (const p of inNs) withWorkloads.add(p);
    const selectedBy = inNs.filter((p) => p.selector !== undefined && matchesSelector(p.selector, w.podLabels));
    for (const p of selectedBy) selecting.add(p);
    if (inNs.length === 0 && !manages(w.namespace, w.ref)) continue;
    if (selectedBy.some((p) => p.ingress)) continue;
    unisolated.push({ workload: w, egressOnly: selectedBy, policies: inNs });
  }
  const selectNothing = policies.filter((p) => p.selector !== undefined && !p.selector.empty && !selecting.has(p) && withWorkloads.has(p));
  return { unisolated, selectNothing };
}
