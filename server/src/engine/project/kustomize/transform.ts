/**
 * The built-in transformers of one kustomization, in kustomize's order (KustTarget's
 * configureBuiltinTransformers): patchesStrategicMerge, patches, namespace, namePrefix,
 * nameSuffix, labels and commonLabels, commonAnnotations, patchesJson6902, replicas, images, replacements.
 * Every value a transformer sets gets the origin of the kustomization line that caused it.
 */
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import type { ProjectHost, Origin } from '../types';
import {
  ensureMap, getIn, gvkOf, isClusterScoped, nameOf, problem, setNode, setString, spanOf, storePreviousId, str, type BuildState, type Res, type Kustomization} from './model';
import { COMMON_ANNOTATIONS, COMMON_LABELS, METADATA_LABELS, REPLICAS, TEMPLATE_LABELS, specMatches, walkSpec, type FieldSpec } from './fieldspecs';
import { collectPatches, runPatches } from './patch-specs';
import { applyImages } from './images';
import { applyReplacements } from './replacements';

export function runTransformers(k: Kustomization, ra: Res[], host: ProjectHost, state: BuildState): Res[] {
  const specs = collectPatches(k, state);
  ra = runPatches(ra, specs.strategicMerge, host, state);
  ra = runPatches(ra, specs.patches, host, state);
  applyNamespace(k, ra, state);
  applyNameAffix(k, ra, state, 'namePrefix');
  applyNameAffix(k, ra, state, 'nameSuffix');
  applyLabels(k, ra, state);
  applyAnnotations(k, ra, state);
  ra = runPatches(ra, specs.json6902, host, state);
  applyReplicas(k, ra, state);
  applyImages(k, ra, state);
  applyReplacements(k, ra, host, state);
  return ra;
}

function origin(k: Kustomization, node: unknown, via: string, key?: unknown): Origin {
  const o: Origin = { file: k.file, span: spanOf(node as Node), via };
  if (key && typeof key === 'object') o.keySpan = spanOf(key as Node);
  return o;
}

/** A map field of the kustomization as [key, value, key node, value node] (values as strings); other shapes are problems. */
function stringMap(k: Kustomization, node: unknown, field: string, state: BuildState): { key: string; value: string; keyNode: Node; valueNode: Node }[] {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    problem(state, k.file, node as Node, `invalid kustomization: "${field}" must be a map of strings`);
    return [];
  }
  const out: { key: string; value: string; keyNode: Node; valueNode: Node }[] = [];
  for (const pair of node.items) {
    const key = str(pair.key);
    const value = pair.value === null || (isScalar(pair.value) && pair.value.value === null) ? '' : str(pair.value);
    if (key === undefined || value === undefined) problem(state, k.file, (pair.value ?? pair.key) as Node, `invalid kustomization: "${field}" values must be strings`);
    else out.push({ key, value, keyNode: pair.key as Node, valueNode: (pair.value ?? pair.key) as Node });
  }
  return out;
}

function applyNamespace(k: Kustomization, ra: Res[], state: BuildState): void {
  const node = k.field('namespace');
  const ns = str(node);
  if (!ns) return;
  const o = origin(k, node, 'namespace', getKeyNode(k.root, 'namespace'));
  const specs: FieldSpec[] = [
    { path: 'spec/service/namespace', group: 'apiregistration.k8s.io', kind: 'APIService', create: true },
    { path: 'spec/conversion/webhook/clientConfig/service/namespace', group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  ];
  for (const r of ra) {
    const obj = r.obj.node;
    const gvk = gvkOf(obj);
    storePreviousId(r);
    if (!isClusterScoped(gvk.kind)) {
      const meta = ensureMap(obj, 'metadata', o, state.provenance);
      if (meta) setString(meta, 'namespace', ns, o, state.provenance);
    }
    if (gvk.kind === 'Namespace' && getStrApiVersion(obj) === 'v1') {
      const meta = ensureMap(obj, 'metadata', o, state.provenance);
      const old = nameOf(obj);
      if (meta && old !== ns) setString(meta, 'name', ns, o, state.provenance);
    }
    if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
      const subjects = obj.get('subjects', true);
      if (isSeq(subjects)) {
        for (const s of subjects.items) if (isMap(s) && str(s.get('name', true)) === 'default') setString(s, 'namespace', ns, o, state.provenance);
      }
    }
    for (const spec of specs) {
      if (specMatches(spec, gvk)) walkSpec(obj, spec, o, state.provenance, (parent, key) => setString(parent, key, ns, o, state.provenance));
    }
  }
}

function getStrApiVersion(obj: YAMLMap): string | undefined {
  return str(obj.get('apiVersion', true));
}

const AFFIX_SKIP = (kind: string, group: string): boolean => kind === 'CustomResourceDefinition' || kind === 'Namespace' || (kind === 'APIService' && group === 'apiregistration.k8s.io');

function applyNameAffix(k: Kustomization, ra: Res[], state: BuildState, field: 'namePrefix' | 'nameSuffix'): void {
  const node = k.field(field);
  const affix = str(node);
  if (!affix) return;
  const o = origin(k, node, field, getKeyNode(k.root, field));
  for (const r of ra) {
    const gvk = gvkOf(r.obj.node);
    if (AFFIX_SKIP(gvk.kind, gvk.group)) continue;
    const meta = getIn(r.obj.node, ['metadata']);
    if (!isMap(meta)) continue;
    const old = nameOf(r.obj.node);
    const name = field === 'namePrefix' ? affix + old : old + affix;
    storePreviousId(r);
    (field === 'namePrefix' ? r.prefixes : r.suffixes).push(affix);
    setString(meta, 'name', name, o, state.provenance);
  }
}

/** Sets each pair in the maps the field specs reach (created where the spec says so). */
function setPairs(
  ra: Res[],
  specs: readonly FieldSpec[],
  pairs: { key: string; value: string; keyNode: Node; valueNode: Node }[],
  k: Kustomization,
  via: string,
  state: BuildState,
): void {
  if (pairs.length === 0) return;
  const created = origin(k, pairs[0]!.keyNode, via);
  for (const r of ra) {
    const gvk = gvkOf(r.obj.node);
    for (const spec of specs) {
      if (!specMatches(spec, gvk)) continue;
      walkSpec(r.obj.node, spec, created, state.provenance, (parent, key) => {
        const map = ensureMap(parent, key, created, state.provenance);
        if (!map) return;
        for (const p of pairs) setString(map, p.key, p.value, origin(k, p.valueNode, via, p.keyNode), state.provenance);
      });
    }
  }
}

function applyLabels(k: Kustomization, ra: Res[], state: BuildState): void {
  const labels = k.field('labels');
  if (labels !== undefined && labels !== null && !(isScalar(labels) && labels.value === null)) {
    if (!isSeq(labels)) problem(state, k.file, labels as Node, 'invalid kustomization: "labels" must be a list');
    else {
      for (const entry of labels.items) {
        if (!isMap(entry)) {
          problem(state, k.file, entry as Node, 'invalid kustomization: a "labels" entry must be a map');
          continue;
        }
        const pairs = stringMap(k, entry.get('pairs', true), 'labels.pairs', state);
        const flag = (name: string): boolean => isScalar(entry.get(name, true)) && (entry.get(name, true) as Scalar).value === true;
        const specs: FieldSpec[] = [...fieldSpecsOf(entry.get('fields', true))];
        if (flag('includeSelectors')) specs.push(...COMMON_LABELS);
        else {
          if (flag('includeTemplates')) specs.push(...TEMPLATE_LABELS);
          specs.push(...METADATA_LABELS);
        }
        setPairs(ra, dedupe(specs), pairs, k, 'labels', state);
      }
    }
  }
  setPairs(ra, COMMON_LABELS, stringMap(k, k.field('commonLabels'), 'commonLabels', state), k, 'commonLabels', state);
}

/** Kustomize merges field specs: the same path for the same kind once. */
function dedupe(specs: FieldSpec[]): FieldSpec[] {
  const seen = new Set<string>();
  return specs.filter((s) => {
    const key = `${s.group ?? ''}|${s.version ?? ''}|${s.kind ?? ''}|${s.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fieldSpecsOf(node: unknown): FieldSpec[] {
  if (!isSeq(node)) return [];
  return node.items.filter(isMap).flatMap((m) => {
    const path = str(m.get('path', true));
    if (!path) return [];
    const create = m.get('create', true);
    return [{ path, create: isScalar(create) && create.value === true, group: str(m.get('group', true)), version: str(m.get('version', true)), kind: str(m.get('kind', true)) }];
  });
}

function applyAnnotations(k: Kustomization, ra: Res[], state: BuildState): void {
  setPairs(ra, COMMON_ANNOTATIONS, stringMap(k, k.field('commonAnnotations'), 'commonAnnotations', state), k, 'commonAnnotations', state);
}

function applyReplicas(k: Kustomization, ra: Res[], state: BuildState): void {
  const replicas = k.field('replicas');
  if (!isSeq(replicas)) return;
  for (const entry of replicas.items) {
    if (!isMap(entry)) continue;
    const name = str(entry.get('name', true));
    const countNode = entry.get('count', true);
    if (!name || !isScalar(countNode) || typeof countNode.value !== 'number') {
      problem(state, k.file, entry as Node, 'invalid kustomization: a "replicas" entry needs a name and a numeric count');
      continue;
    }
    const o = origin(k, countNode, 'replicas', getKeyNode(entry, 'count'));
    let found = false;
    for (const r of ra) {
      if (nameOf(r.obj.node) !== name && !r.previousNames.includes(name)) continue;
      const gvk = gvkOf(r.obj.node);
      for (const spec of REPLICAS) {
        if (!specMatches(spec, gvk)) continue;
        found = true;
        walkSpec(r.obj.node, spec, o, state.provenance, (parent, key) => {
          setNode(parent, key, new Scalar(countNode.value), o, state.provenance);
        });
      }
    }
    if (!found) problem(state, k.file, entry, `resource with name ${name} does not match a config with the following GVK [Deployment ReplicationController ReplicaSet StatefulSet]`);
  }
}

function getKeyNode(map: YAMLMap, key: string): Node | undefined {
  return map.items.find((p) => str(p.key) === key)?.key as Node | undefined;
}
