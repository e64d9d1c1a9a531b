/**
 * The project's core Services with the workloads their selectors pick (in the
 * Service's namespace), shared by service-selects-nothing and
 * service-target-port-missing.
 */
import { child, deployedTogether, type IndexedObject, type ProjectIndex } from '../index';
import { matchesSelector, serviceSelector, type LabelSelector } from './label-selector';
import { plainOf, projectWorkloads, type ProjectWorkload } from './project-workloads';

export interface ServiceTargets {
  service: IndexedObject;
  selector: LabelSelector;
  /** The workloads of its namespace (deployed with it: same build, or a plain file) whose pods it selects. */
  selected: ProjectWorkload[];
}

/**
 * Every core Service with a selector (a Service without one has endpoints
 * managed by hand or is an ExternalName), or none when the project defines
 * no workload at all (then nothing can be judged).
 */
export function serviceTargets(index: ProjectIndex): ServiceTargets[] {
  return index.memo.memo(index, 'serviceTargets', () => targetsOf(index));
}

function targetsOf(index: ProjectIndex): ServiceTargets[] {
  const all = projectWorkloads(index);
  if (all.length === 0) return [];
  const byNamespace = new Map<string | undefined, ProjectWorkload[]>();
  for (const w of all) {
    const list = byNamespace.get(w.object.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.object.namespace, [w]);
  }
  const out: ServiceTargets[] = [];
  for (const service of index.ofKind('Service')) {
    if (service.apiVersion !== 'v1' || service.namespace === undefined) continue;
    const spec = child(service.node, 'spec');
    if (plainOf(child(spec, 'type')) === 'ExternalName') continue;
    const selector = serviceSelector(plainOf(child(spec, 'selector')));
    if (!selector) continue;
    const selected = (byNamespace.get(service.namespace) ?? []).filter((w) => deployedTogether(w.object, service) && matchesSelector(selector, w.podLabels));
    out.push({ service, selector, selected });
  }
  return out;
}
