/**
 * Pods and the ServiceAccounts they run as, in the project: which account a
 * pod names (`serviceAccountName`, the deprecated `serviceAccount`, else
 * "default") and whether the project defines it, in the pod's namespace and
 * deployed with it.
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import { child, deployedTogether, text, type IndexedObject, type ProjectIndex } from '../../project/index';

export interface PodAccount {
  pod: IndexedObject;
  /** The pod spec. */
  spec: YAMLMap;
  /** The pod template's `spec` key node (where pod-level findings go). */
  template: YAMLMap;
  /** The account name, and the node that names it (undefined: "default", named nowhere). */
  name: string;
  nameNode: Node | undefined;
  /** The project's ServiceAccounts of that name in the pod's namespace, deployed with it. */
  accounts: IndexedObject[];
}

/** Every pod template of the project with its ServiceAccount. */
export function podAccounts(index: ProjectIndex): PodAccount[] {
  const out: PodAccount[] = [];
  for (const pod of index.objects) {
    const template = index.podTemplate(pod);
    const spec = template && child(template, 'spec');
    if (!template || !isMap(spec)) continue;
    const named = child(spec, 'serviceAccountName');
    const legacy = child(spec, 'serviceAccount');
    const nameNode = text(named) ? named : text(legacy) ? legacy : undefined;
    const name = text(nameNode) ?? 'default';
    const accounts = index.find('ServiceAccount', name, pod.namespace).filter((a) => a.apiVersion === 'v1' && deployedTogether(a, pod));
    out.push({ pod, spec, template, name, nameNode, accounts });
  }
  return out;
}
