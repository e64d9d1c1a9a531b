/**
 * The patch fields of a kustomization as PatchSpecs for applyPatches (patches.ts), and the call
 * that keeps the builder's side data (previous names) for the objects patches return.
 */
import { isMap, isNode, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { joinPath } from '../paths';
import type { BuiltObject, ProjectHost, Provenance } from '../types';
import { nameOf, namespaceOf, newRes, problem, spanOf, str, type BuildState, type Kustomization, type Res } from './model';
import { applyPatches, setPreviousIds, type PatchSpec, type TargetSelector } from './patches';

export interface KustomizationPatches {
  strategicMerge: PatchSpec[];
  patches: PatchSpec[];
  json6902: PatchSpec[];
}

const TARGET_FIELDS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const;

function targetOf(node: unknown): TargetSelector | undefined {
  if (!isMap(node)) return undefined;
  const out: TargetSelector = {};
  for (const f of TARGET_FIELDS) {
    const v = str(node.get(f, true));
    if (v !== undefined) out[f] = v;
  }
  return out;
}

function listOf(k: Kustomization, field: string, state: BuildState): unknown[] {
  const node = k.field(field);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    problem(state, k.file, node as Node, `invalid kustomization: "${field}" must be a list`);
    return [];
  }
  return node.items;
}

export function collectPatches(k: Kustomization, state: BuildState): KustomizationPatches {
  const out: KustomizationPatches = { strategicMerge: [], patches: [], json6902: [] };
  for (const item of listOf(k, 'patchesStrategicMerge', state)) {
    const text = str(item);
    if (text === undefined) {
      problem(state, k.file, item as Node, 'invalid kustomization: "patchesStrategicMerge" entries are file paths or inline patches');
      continue;
    }
    const base = { field: 'patchesStrategicMerge' as const, kustomization: k.file, entry: spanOf(item as Node) };
    out.strategicMerge.push(/\n/.test(text.trim()) || /^\s*[\w"'-]+\s*:\s/.test(text) ? { ...base, inline: item as Scalar } : { ...base, path: joinPath(k.dir, text) });
  }
  for (const field of ['patches', 'patchesJson6902'] as const) {
    for (const item of listOf(k, field, state)) {
      if (!isMap(item)) {
        problem(state, k.file, item as Node, `invalid kustomization: a "${field}" entry must be a map with path or patch`);
        continue;
      }
      const path = str(item.get('path', true));
      const inline = item.get('patch', true);
      if (path === undefined && !isScalar(inline)) {
        problem(state, k.file, item, `invalid kustomization: a "${field}" entry needs path or patch`);
        continue;
      }
      const spec: PatchSpec = { field, kustomization: k.file, entry: spanOf(item) };
      if (path !== undefined) spec.path = joinPath(k.dir, path);
      else spec.inline = inline as Scalar;
      const target = targetOf(item.get('target', true));
      if (target) spec.target = target;
      const options = item.get('options', true);
      if (isMap(options)) {
        const flag = (n: string): boolean => isScalar(options.get(n, true)) && (options.get(n, true) as Scalar).value === true;
        spec.options = { allowNameChange: flag('allowNameChange'), allowKindChange: flag('allowKindChange') };
      }
      (field === 'patches' ? out.patches : out.json6902).push(spec);
    }
  }
  return out;
}

/** A map key a patch added without an origin gets its value's: the key was written with the value. */
function keyOrigins(node: unknown, provenance: Provenance): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isNode(pair.key) && !provenance.get(pair.key) && isNode(pair.value)) {
        const origin = provenance.get(pair.value);
        if (origin) provenance.set(pair.key, { file: origin.file, span: origin.keySpan ?? origin.span, ...(origin.via ? { via: origin.via } : {}) });
      }
      keyOrigins(pair.value, provenance);
    }
  } else if (isSeq(node)) for (const item of node.items) keyOrigins(item, provenance);
}

/** Applies patches; objects patches return keep their Res (found by object, then by node); a renamed one remembers its old name. */
export function runPatches(ra: Res[], specs: readonly PatchSpec[], host: ProjectHost, state: BuildState): Res[] {
  if (specs.length === 0) return ra;
  const byObject = new Map<BuiltObject, Res>(ra.map((r) => [r.obj, r]));
  const byNode = new Map(ra.map((r) => [r.obj.node, r]));
  const ids = new Map(ra.map((r) => [r, { name: nameOf(r.obj.node), namespace: namespaceOf(r.obj.node) }]));
  for (const r of ra) setPreviousIds(r.obj, { names: r.previousNames, namespaces: r.previousNamespaces });
  const result = applyPatches(ra.map((r) => r.obj), specs, host, state);
  for (const obj of result) keyOrigins(obj.node, obj.provenance);
  return result.map((obj) => {
    const r = byObject.get(obj) ?? byNode.get(obj.node);
    if (!r) return newRes(obj);
    r.obj = obj;
    const before = ids.get(r);
    if (before && (before.name !== nameOf(obj.node) || before.namespace !== namespaceOf(obj.node))) {
      r.previousIds.push(before);
      r.previousNames.push(before.name);
      r.previousNamespaces.push(before.namespace);
    }
    return r;
  });
}
