/**
 * The project's NetworkPolicies and workloads as the inputs of
 * network-isolation.ts (shared by network-policy-missing and
 * network-policy-selects-nothing).
 */
import { child, deployedTogether, type IndexedObject, type ProjectIndex } from '../index';
import { describeSelector } from './label-selector';
import { judgeNetwork, policyInput, type NetworkJudgement, type PolicyInput } from './network-isolation';
import { namespaceOf, plainOf, projectNamespaces, projectWorkloads, type ProjectWorkload } from './project-workloads';

const NETWORK_GROUPS: ReadonlySet<string> = new Set(['networking.k8s.io/v1', 'extensions/v1beta1']);

/** The project's NetworkPolicies (networking.k8s.io), as policy inputs. */
export function projectPolicies(index: ProjectIndex): PolicyInput<IndexedObject>[] {
  return index
    .ofKind('NetworkPolicy')
    .filter((o) => NETWORK_GROUPS.has(o.apiVersion) && o.namespace !== undefined)
    .map((o) => policyInput(o, o.namespace!, index.memo.memo(o.node, 'policySpec', () => plainOf(child(o.node, 'spec')))));
}

/** The network judgement of the project (made once per index). */
export function judgeProjectNetwork(index: ProjectIndex): NetworkJudgement<IndexedObject, ProjectWorkload> {
  return index.memo.memo(index, 'network', () => judgeOf(index));
}

function judgeOf(index: ProjectIndex): NetworkJudgement<IndexedObject, ProjectWorkload> {
  const workloads = projectWorkloads(index).map((w) => ({ ref: w, namespace: w.object.namespace!, podLabels: w.podLabels }));
  const namespaces = projectNamespaces(index);
  const manages = (_: string, w: ProjectWorkload) => namespaceOf(namespaces, w.object) !== undefined;
  return judgeNetwork(projectPolicies(index), workloads, manages, (p, w) => deployedTogether(p, w.object));
}

/** How a policy is described in related information. */
export function describePolicy(p: PolicyInput<IndexedObject>): string {
  const types = [p.ingress ? 'Ingress' : '', p.egress ? 'Egress' : ''].filter(Boolean).join(', ');
  return `NetworkPolicy "${p.ref.name ?? '(unnamed)'}" selects ${p.selector ? describeSelector(p.selector) : '(invalid selector)'} (${types || 'no policy types'})`;
}
