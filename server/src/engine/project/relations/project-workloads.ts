/**
 * The workloads of a project index: objects that hold a pod template (the
 * one table in views/workloads.ts decides which), with their pods' labels and
 * containers, and the objects' namespaces. Shared by the relation rules that
 * select pods (NetworkPolicies, Services) or judge them (Pod Security admission).
 */
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { child, childAt, deployedTogether, text, type IndexedObject, type ProjectIndex } from '../index';
import type { Labels } from './label-selector';

export interface ProjectWorkload {
  object: IndexedObject;
  /** The pod template (the object itself for a Pod). */
  template: YAMLMap;
  /** Its pods' labels (`metadata.labels` of the template). */
  podLabels: Labels;
  /** The containers that may serve traffic: app containers and sidecars (init containers with `restartPolicy: Always`). */
  servingContainers: YAMLMap[];
}

/** The string labels of a map node. */
export function nodeLabels(node: Node | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    const k = text(pair.key);
    const v = text(pair.value);
    if (k !== undefined && v !== undefined) out.set(k, v);
  }
  return out;
}

const maps = (node: Node | undefined): YAMLMap[] => (isSeq(node) ? node.items.filter((i): i is YAMLMap => isMap(i)) : []);

/** The workloads of the index that run pods, in index order (found once per index): what Services and NetworkPolicies select. */
export function projectWorkloads(index: ProjectIndex): ProjectWorkload[] {
  return index.memo.memo(index, 'workloads', () => admittedWorkloads(index).filter((w) => !isPodTemplateObject(w.object)));
}

/** A core PodTemplate: a template kept for others to create pods from, which runs none itself. */
function isPodTemplateObject(object: IndexedObject): boolean {
  return object.kind === 'PodTemplate' && object.apiVersion === 'v1';
}

/**
 * Every object with a pod template, in index order (found once per index): what Pod Security admission judges
 * (its pod spec extractor reads PodTemplates too, and warns on them).
 */
export function admittedWorkloads(index: ProjectIndex): ProjectWorkload[] {
  return index.memo.memo(index, 'admittedWorkloads', () => workloadsOf(index));
}

function workloadsOf(index: ProjectIndex): ProjectWorkload[] {
  const out: ProjectWorkload[] = [];
  for (const object of index.objects) {
    if (object.namespace === undefined) continue;
    const template = index.podTemplate(object);
    if (!template) continue;
    const spec = child(template, 'spec');
    const sidecars = maps(child(spec, 'initContainers')).filter((c) => text(child(c, 'restartPolicy')) === 'Always');
    out.push({ object, template, podLabels: nodeLabels(childAt(template, ['metadata', 'labels'])), servingContainers: [...maps(child(spec, 'containers')), ...sidecars] });
  }
  return out;
}

/** The Namespace objects the project defines, by name (several when builds or files define the same one). */
export function projectNamespaces(index: ProjectIndex): Map<string, IndexedObject[]> {
  const out = new Map<string, IndexedObject[]>();
  for (const ns of index.ofKind('Namespace')) {
    if (ns.apiVersion !== 'v1' || ns.name === undefined) continue;
    const list = out.get(ns.name) ?? [];
    list.push(ns);
    out.set(ns.name, list);
  }
  return out;
}

/** The Namespace object of an object's namespace deployed together with it (same build, or a plain file), if the project defines one. */
export function namespaceOf(namespaces: ReadonlyMap<string, readonly IndexedObject[]>, object: IndexedObject): IndexedObject | undefined {
  return object.namespace === undefined ? undefined : namespaces.get(object.namespace)?.find((ns) => deployedTogether(ns, object));
}

/** How an object is named in messages: `Deployment "web"`. */
export function objectName(object: IndexedObject): string {
  return `${object.kind} "${object.name ?? '(unnamed)'}"`;
}

export { plainOf } from '../plain-of';
