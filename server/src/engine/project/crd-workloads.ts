/**
 * Workload-like custom resources (docs/relations.md): a
 * CustomResourceDefinition of the project whose schema embeds a pod makes its
 * custom resources workloads. Nothing is known of any project's resources
 * beyond what its CRD says.
 *
 * A CRD embeds a pod where its `openAPIV3Schema` has, along a path of object
 * properties from the resource's root, a property whose own `containers`
 * property is an array of objects with an `image` or `name` property (a
 * PodSpec: `spec.podSpec`, Knative's `spec` of a Revision), typically inside
 * a PodTemplateSpec (`spec.template.spec`: Argo Rollouts, OpenKruise
 * CloneSets). The shallowest such place is the resource's pod (a schema with
 * several pods, or pods in lists or maps, is linted at the first only, or not
 * at all). A schema that does not spell the containers out (a template left
 * as `x-kubernetes-preserve-unknown-fields`) says nothing: its resources keep
 * the engine's generic check (`spec.template` holding containers with images).
 *
 * The table is keyed by apiVersion (the CRD's group and each served version)
 * and kind (`spec.names.kind`). Pure; reads untrusted input, never throws.
 */
import { isMap, type YAMLMap } from 'yaml';
import type { CustomWorkload, CustomWorkloads } from '../views/workloads';
import { plainOf } from './plain-of';
import { looksBinary, parseChunk, splitYamlDocuments } from '../parse/yaml';

/** How deep into a schema's properties a pod is looked for. */
const MAX_DEPTH = 8;
/** Properties of one schema looked at, at most (a CRD of 40,000 lines has a few thousand). */
const MAX_PROPERTIES = 20_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Whether a schema is a PodSpec's: `containers` is an array of objects with `image` or `name`. */
function isPodSpecSchema(schema: Json): boolean {
  const containers = isObject(schema.properties) ? schema.properties.containers : undefined;
  if (!isObject(containers) || containers.type !== 'array' || !isObject(containers.items)) return false;
  const item = containers.items.properties;
  return isObject(item) && (isObject(item.image) || isObject(item.name));
}

/** The shallowest pod in a resource's schema (breadth first over object properties), or undefined. */
export function podInSchema(root: unknown): CustomWorkload | undefined {
  if (!isObject(root)) return undefined;
  let level: Array<{ path: string[]; schema: Json }> = [{ path: [], schema: root }];
  let seen = 0;
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { path, schema } of level) {
      if (path.length > 0 && isPodSpecSchema(schema)) return { template: path.slice(0, -1), specKey: path[path.length - 1]! };
      if (!isObject(schema.properties)) continue;
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (++seen > MAX_PROPERTIES) return undefined;
        // The root's apiVersion, kind and metadata are the resource's own.
        if (path.length === 0 && (key === 'apiVersion' || key === 'kind' || key === 'metadata' || key === 'status')) continue;
        if (isObject(sub)) next.push({ path: [...path, key], schema: sub });
      }
    }
    level = next;
  }
  return undefined;
}

/** The workload types (`<group>/<version>/<kind>`) a CRD (plain data) defines, with where their pods are. */
export function crdWorkloads(crd: unknown): Array<[string, CustomWorkload]> {
  if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) return [];
  const { spec } = crd;
  const group = str(spec.group);
  const kind = isObject(spec.names) ? str(spec.names.kind) : undefined;
  if (!group || !kind) return [];
  const out: Array<[string, CustomWorkload]> = [];
  // v1beta1: one schema (`spec.validation`) for every version; v1: one per version.
  const shared = isObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  if (versions.length === 0 && str(spec.version)) versions.push({ name: spec.version, served: true });
  for (const v of versions) {
    const name = str(v.name);
    if (!name || v.served === false) continue;
    const schema = isObject(v.schema) ? v.schema.openAPIV3Schema : shared;
    const pod = podInSchema(schema);
    if (pod) out.push([`${group}/${name}/${kind}`, pod]);
  }
  return out;
}

/** The table of the given CRD entries (later definitions of a type win, as the API server keeps the last applied). */
export function customWorkloads(entries: Iterable<[string, CustomWorkload]>): CustomWorkloads {
  const byType = new Map<string, CustomWorkload>();
  for (const [type, pod] of entries) byType.set(type, pod);
  const key = [...byType].map(([t, p]) => `${t}=${p.template.join('.')}:${p.specKey}`).sort().join(',');
  return { byType, key };
}

/** A CRD object's workload types (its node read as plain data). */
export function crdNodeWorkloads(node: YAMLMap): Array<[string, CustomWorkload]> {
  return crdWorkloads(plainOf(node));
}

/** The CRDs of a YAML text (documents of kind CustomResourceDefinition), as workload entries. Cheap for texts without one. */
export function textWorkloads(text: string): Array<[string, CustomWorkload]> {
  if (!text.includes('CustomResourceDefinition') || looksBinary(text)) return [];
  const out: Array<[string, CustomWorkload]> = [];
  try {
    for (const chunk of splitYamlDocuments(text)) {
      if (!chunk.text.includes('CustomResourceDefinition')) continue;
      for (const doc of parseChunk(chunk.text).docs) {
        if (doc.errors.length === 0 && isMap(doc.contents)) out.push(...crdNodeWorkloads(doc.contents));
      }
    }
  } catch {
    // the file's own lint reports what is wrong with it
  }
  return out;
}
