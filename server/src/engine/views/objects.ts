/**
 * The Kubernetes objects a YAML document holds: the document itself, or the
 * items of a list. `kubectl get -o yaml` writes `kind: List` with the objects
 * under `items`; the API's typed lists (`PodList`, `DeploymentList`, ...) do
 * the same, and their items may leave out both `apiVersion` and `kind` (the
 * list's apiVersion and its kind without `List` apply, as in client-go). `kubectl apply` creates each
 * item as an object, so each is linted as one; the list itself is not an
 * object (no namespace, no schema of its own) and gets no object findings.
 *
 * Items that are lists are expanded too, down to MAX_LIST_DEPTH lists; an
 * item the document names twice (an alias) is one object, linted once.
 */
import type { YAMLMap } from 'yaml';
import type { YamlDocument } from '../parse/yaml-document';
import { ResourceView } from './resource';
import { asMap, asSeq, getNode, stringValue } from './yaml-node';

/** Lists nested deeper than this (a list in a list in a list ...) are not read. */
export const MAX_LIST_DEPTH = 4;

/** `List`, or a kind named `<Kind>List`. */
export function isListKind(kind: string): boolean {
  return kind.endsWith('List') && (kind.length > 4 || kind === 'List');
}

export interface DocumentObjects {
  /** The objects, in document order. A list with no items holds none. */
  objects: ResourceView[];
  /** The lists that held them (the document's own and nested ones): not objects themselves. */
  lists: ResourceView[];
}

/**
 * The objects of a document; undefined when the document is not a
 * Kubernetes object (no string `apiVersion` and `kind`: a compose file, or
 * nothing we lint).
 */
export function documentObjects(doc: YamlDocument): DocumentObjects | undefined {
  const top = ResourceView.from(doc);
  if (!top) return undefined;
  const out: DocumentObjects = { objects: [], lists: [] };
  collect(top, 0, out, new Set<YAMLMap>([top.root]));
  return out;
}

function collect(resource: ResourceView, depth: number, out: DocumentObjects, seen: Set<YAMLMap>): void {
  const { doc } = resource;
  const items = isListKind(resource.kind) ? asSeq(getNode(resource.root, 'items'), doc) : undefined;
  if (!items) {
    out.objects.push(resource);
    return;
  }
  if (depth >= MAX_LIST_DEPTH) return;
  out.lists.push(resource);
  // As client-go decodes lists: an item with neither apiVersion nor kind is of the list's apiVersion and its kind
  // without `List` (PodList: Pod); a `List`'s items must say what they are.
  const implied = resource.kind === 'List' ? undefined : { apiVersion: resource.apiVersion, kind: resource.kind.slice(0, -'List'.length) };
  for (const item of items.items) {
    const map = asMap(item, doc);
    if (!map || seen.has(map)) continue;
    seen.add(map);
    const bare = !stringValue(getNode(map, 'apiVersion'), doc) && !stringValue(getNode(map, 'kind'), doc);
    const view = new ResourceView(doc, map, bare ? implied : undefined);
    // Like kubectl, an item without an apiVersion or a kind is not an object (and not read).
    if (!view.apiVersion || !view.kind) continue;
    collect(view, depth + 1, out, seen);
  }
}
