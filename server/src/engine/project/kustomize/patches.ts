/**
 * Kustomize patches (`patches`, legacy `patchesStrategicMerge` and `patchesJson6902`), applied in
 * process as kustomize v5 applies them: strategic merge (smp.ts) or JSON 6902 (json6902.ts), to
 * the object the patch names or to every object a `target` selects (select.ts). Nodes the patch
 * writes carry the patch's origin; a patch kubectl would fail on becomes one problem and is
 * skipped, and the rest of the build goes on.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, type Document, type Node } from 'yaml';
import { readAsKubectl } from '../../parse/kubectl-scalars';
import type { Span } from '../../types';
import { relativePath, dirnameOf } from '../paths';
import type { BuiltObject, Origin, ProjectHost, ProjectPath, ProjectProblem, Provenance } from '../types';
import { applyOperations, readOperations, type JsonOperation } from './json6902';
import { cloneTree, field, isNullNode, scalarText, textAt, walkNodes } from './patch-nodes';
import { fileText, inlineText, readPatchDocuments, type PatchDocuments, type PatchText } from './patch-source';
import { goYamlScalars } from './scalars';
import { compileSelector, idOf, idText, matchesId, type TargetSelector } from './select';

export { setPreviousIds, type TargetSelector } from './select';
import { PatchError, strategicMerge } from './smp';


export interface PatchSpec {
  field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  /** The patch file (already resolved against the kustomization's directory), or undefined for an inline patch. */
  path?: ProjectPath;
  /** Inline patch text: the scalar node in the kustomization document (block or quoted scalar). */
  inline?: Scalar;
  /** The kustomization file. */
  kustomization: ProjectPath;
  /** The list entry's range in the kustomization (problems are reported there). */
  entry: Span;
  target?: TargetSelector;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

type Out = { problems: ProjectProblem[]; inputs: Set<ProjectPath>; patches: Set<ProjectPath> };

/** Applies the patches in order; returns the objects (patched copies, without the ones a patch deleted). */
export function applyPatches(objects: BuiltObject[], patches: readonly PatchSpec[], host: ProjectHost, out: Out): BuiltObject[] {
  let list = objects;
  for (const spec of patches) {
    const before = out.problems.length;
    try {
      list = applyPatch(list, spec, host, out);
    } catch (e) {
      // Never thrown out of the engine: an unexpected failure is one problem at the entry.
      out.problems.push({ file: spec.kustomization, span: spec.entry, message: `the patch could not be applied (${e instanceof Error ? e.message : String(e)})`, severity: 'error' });
    }
    for (let i = before; i < out.problems.length; i++) out.problems[i] = onFirstLine(out.problems[i]!, host);
  }
  return list;
}

/** A finding underlines one line: a problem's range is cut at the end of its first line. */
function onFirstLine(p: ProjectProblem, host: ProjectHost): ProjectProblem {
  const text = host.readFile(p.file);
  if (text === undefined) return p;
  const eol = text.slice(p.span.start, p.span.end).search(/\r?\n/);
  return eol < 0 ? p : { ...p, span: { start: p.span.start, end: p.span.start + eol } };
}

interface Context {
  spec: PatchSpec;
  text: PatchText;
  docs: PatchDocuments;
  /** How kustomize names the patch in its errors ([path: "x.yaml"], [patch: "..."]). */
  source: string;
  /** A problem at a patch node (its origin in the patch, or in `also` for a copy made for a target), else at the entry. */
  problem(message: string, at?: Node, also?: Provenance): void;
}

function applyPatch(objects: BuiltObject[], spec: PatchSpec, host: ProjectHost, out: Out): BuiltObject[] {
  const entryProblem = (message: string): BuiltObject[] => {
    out.problems.push({ file: spec.kustomization, span: spec.entry, message, severity: 'error' });
    return objects;
  };
  let text: PatchText;
  if (spec.path !== undefined) {
    out.inputs.add(spec.path);
    const rel = relativePath(dirnameOf(spec.kustomization), spec.path);
    const content = host.readFile(spec.path);
    if (content === undefined) return entryProblem(`patch file ${rel} not found: kubectl kustomize fails (failed to get the patch file from path(${rel}))`);
    out.patches.add(spec.path);
    text = fileText(spec.path, content);
  } else if (spec.inline) text = inlineText(spec.inline, spec.kustomization, host.readFile(spec.kustomization));
  else return entryProblem('must specify one of patch and path');

  const docs = readPatchDocuments(text, spec.field, { file: spec.kustomization, span: spec.entry });
  const source = spec.path !== undefined ? `[path: ${JSON.stringify(relativePath(dirnameOf(spec.kustomization), spec.path))}]` : '[patch]';
  const ctx: Context = {
    spec,
    text,
    docs,
    source,
    problem: (message, at, also) => {
      const origin = at ? (docs.provenance.get(at) ?? also?.get(at)) : undefined;
      out.problems.push({ file: origin?.file ?? spec.kustomization, span: origin?.span ?? spec.entry, message, severity: 'error' });
    },
  };
  if (docs.error) {
    out.problems.push({ file: text.file, span: docs.error.span, message: `invalid patch ${source}: ${docs.error.message}`, severity: 'error' });
    return objects;
  }
  if (docs.nodes.length === 0) return entryProblem(`the patch ${source} is empty`);

  const jsonText = text.text.trimStart().startsWith('[');
  if (spec.field === 'patchesJson6902' || (spec.field === 'patches' && (jsonText || isSeq(docs.nodes[0])))) {
    if (spec.field === 'patchesJson6902' && !spec.target?.name) return entryProblem('patchesJson6902: must specify the target name');
    // A JSON patch written as YAML goes through sigs.k8s.io/yaml (YAML 1.1 scalars: `yes` is true), as kubectl reads manifests.
    if (!jsonText) {
      for (const node of docs.nodes) {
        readAsKubectl({ contents: node } as Document);
        // Printed from its value (`true`), not its YAML 1.1 spelling (`yes`).
        walkNodes(node, (n) => isScalar(n) && typeof n.value !== 'string' && delete n.source);
      }
    }
    return applyJson(objects, ctx);
  }
  // Strategic merge patches are read by kyaml (go-yaml v3), as the resources are.
  for (const node of docs.nodes) goYamlScalars(node, text.text);
  // A strategic merge patch: every document is an object with a kind and a name.
  for (const node of docs.nodes) {
    if (!isMap(node) || !textAt(node, 'kind') || !textAt(node, 'metadata', 'name')) {
      const why = spec.field === 'patches' ? `unable to parse SM or JSON patch from ${source}` : `invalid strategic merge patch ${source}`;
      ctx.problem(`${why}: each document needs kind and metadata.name`, isMap(node) ? node : undefined);
      return objects;
    }
  }
  if (spec.target) {
    if (docs.nodes.length > 1) return entryProblem(`Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${source}`);
    const selected = select(objects, ctx);
    if (!selected) return objects;
    return applyStrategic(objects, selected, docs.nodes[0] as YAMLMap, ctx);
  }
  let list = objects;
  for (const patch of docs.nodes as YAMLMap[]) {
    const id = idOf(patch);
    const matches = list.filter((o) => o.node.items.length > 0 && matchesId(o, id));
    if (matches.length !== 1) {
      const why = `${matches.length === 0 ? 'no matches' : 'multiple matches'} for Id ${idText(id)}; failed to find unique target for patch ${idText(id)}`;
      ctx.problem(spec.field === 'patches' ? `no resource matches strategic merge patch "${idText(id)}": ${why}` : why, field(field(patch, 'metadata'), 'name') ?? patch);
      continue;
    }
    list = applyStrategic(list, new Set(matches), patch, ctx);
  }
  return list;
}

/** The objects the target selects, or undefined (after a problem) when the selector is invalid. */
function select(objects: BuiltObject[], ctx: Context): Set<BuiltObject> | undefined {
  try {
    const matches = compileSelector(ctx.spec.target!);
    return new Set(objects.filter((o) => matches(o)));
  } catch (e) {
    ctx.problem(`invalid patch target: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** The object's top-level identity nodes, which a strategic merge patch never changes (unless allowed). */
function identity(node: YAMLMap): { apiVersion: unknown; kind: unknown; name: unknown; namespace: unknown } {
  const meta = field(node, 'metadata');
  return { apiVersion: field(node, 'apiVersion'), kind: field(node, 'kind'), name: field(meta, 'name'), namespace: field(meta, 'namespace') };
}

function restore(node: YAMLMap, id: ReturnType<typeof identity>, options: PatchSpec['options']): void {
  const put = (map: unknown, key: string, value: unknown): void => {
    if (!isMap(map)) return;
    const pair = map.items.find((p) => scalarText(p.key) === key);
    if (value === undefined) {
      if (pair) map.items.splice(map.items.indexOf(pair), 1);
    } else if (pair) pair.value = value;
  };
  put(node, 'apiVersion', id.apiVersion);
  if (!options?.allowKindChange) put(node, 'kind', id.kind);
  const meta = field(node, 'metadata');
  if (!options?.allowNameChange) put(meta, 'name', id.name);
  put(meta, 'namespace', id.namespace);
}

/** A patch's labels or annotations value as kyaml reads it into a string map (a scalar's text, "" for a collection). */
function metadataText(value: unknown): string {
  if (!isScalar(value)) return '';
  if (typeof value.value === 'string') return value.value;
  return value.type === 'PLAIN' && typeof value.source === 'string' ? value.source : value.value === null ? '' : String(value.value);
}

/**
 * kustomize applies a patch to the objects a `target` (or a patchesStrategicMerge entry) picks
 * through a copy whose labels and annotations it rewrites as string maps: values become their
 * text (`app: null` the string "null"), and a map that is empty or not a map disappears.
 */
function withStringMetadata(patch: YAMLMap, prov: Provenance): YAMLMap {
  const copy = cloneTree(patch, prov, prov);
  const meta = field(copy, 'metadata');
  if (!isMap(meta)) return copy;
  for (const name of ['labels', 'annotations']) {
    const pair = meta.items.find((p) => scalarText(p.key) === name);
    if (!pair) continue;
    meta.items.splice(meta.items.indexOf(pair), 1);
    const entries = new Map<string, Pair>();
    if (isMap(pair.value)) for (const p of pair.value.items) entries.set(scalarText(p.key) ?? '', p as Pair);
    if (entries.size === 0) continue;
    const map = new YAMLMap();
    const origin = prov.get(pair.value as Node);
    if (origin) prov.set(map, origin);
    for (const key of [...entries.keys()].sort()) {
      const entry = entries.get(key)!;
      const value = new Scalar(metadataText(entry.value));
      const valueOrigin = prov.get(entry.value as Node);
      if (valueOrigin) prov.set(value, valueOrigin);
      map.items.push(new Pair(entry.key, value));
    }
    meta.items.push(new Pair(pair.key, map));
  }
  return copy;
}

function applyStrategic(objects: BuiltObject[], selected: Set<BuiltObject>, written: YAMLMap, ctx: Context): BuiltObject[] {
  const viaCopy = ctx.spec.target !== undefined || ctx.spec.field === 'patchesStrategicMerge';
  const patch = viaCopy ? withStringMetadata(written, ctx.docs.provenance) : written;
  const out: BuiltObject[] = [];
  for (const obj of objects) {
    if (!selected.has(obj)) {
      out.push(obj);
      continue;
    }
    const copy = cloneTree(obj.node, obj.provenance, obj.provenance);
    const id = identity(copy);
    let merged: YAMLMap | undefined;
    try {
      merged = strategicMerge(copy, patch, ctx.docs.provenance, obj.provenance);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      ctx.problem(`invalid patch ${ctx.source}: ${e.message}`, e.node as Node | undefined, obj.provenance);
      out.push(obj);
      continue;
    }
    if (!merged) continue; // `$patch: delete` (or an emptied object): kustomize drops it
    restore(merged, id, ctx.spec.options);
    obj.node = merged; // the same BuiltObject, so callers keep their side data for it
    out.push(obj);
  }
  return out;
}

function applyJson(objects: BuiltObject[], ctx: Context): BuiltObject[] {
  if (!ctx.spec.target) {
    ctx.problem(`must specify a target for JSON patch ${ctx.source}`);
    return objects;
  }
  let ops: JsonOperation[];
  try {
    ops = readOperations(ctx.docs.nodes[0]!);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    ctx.problem(`${ctx.spec.field === 'patches' ? `unable to parse SM or JSON patch from ${ctx.source}` : `invalid JSON patch ${ctx.source}`}: ${e.message}`, e.node as Node | undefined);
    return objects;
  }
  const selected = select(objects, ctx);
  if (!selected) return objects;
  return objects.map((obj) => {
    if (!selected.has(obj)) return obj;
    const copy = cloneTree(obj.node, obj.provenance, obj.provenance);
    const placeholder = ensureAnnotations(copy, ctx.docs.provenance.get(ctx.docs.nodes[0]!));
    try {
      applyOperations(copy, ops, ctx.docs.provenance, obj.provenance);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      ctx.problem(`${e.message} (JSON patch ${ctx.source} on ${idText(idOf(obj.node))})`, e.node as Node | undefined);
      return obj;
    }
    resetAnnotations(copy);
    if (placeholder?.origin && field(field(copy, 'metadata'), 'annotations') === placeholder.map) {
      // Annotations a JSON patch added to an object without any: the map comes from the patch.
      obj.provenance.set(placeholder.map, placeholder.origin);
      if (!obj.provenance.get(placeholder.key)) obj.provenance.set(placeholder.key, placeholder.origin);
    }
    obj.node = copy;
    return obj;
  });
}

/**
 * While kustomize builds, every object carries internal annotations, so a JSON patch always finds
 * a metadata.annotations map (`add /metadata/annotations/x` works on an object without any).
 */
function ensureAnnotations(node: YAMLMap, origin: Origin | undefined): { map: YAMLMap; key: Node; origin: Origin | undefined } | undefined {
  const meta = field(node, 'metadata');
  if (!isMap(meta)) return undefined;
  const pair = meta.items.find((p) => scalarText(p.key) === 'annotations');
  if (pair && !isNullNode(pair.value)) return undefined;
  const map = new YAMLMap();
  if (pair) pair.value = map;
  else meta.items.push(new Pair(new Scalar('annotations'), map));
  return { map, key: (pair?.key ?? meta.items[meta.items.length - 1]!.key) as Node, origin };
}

/**
 * After a JSON patch kustomize writes the object's annotations back as a string map: annotations
 * that are not a map, or an empty map, disappear; values become strings.
 */
function resetAnnotations(node: YAMLMap): void {
  const meta = field(node, 'metadata');
  if (!isMap(meta)) return;
  const annotations = field(meta, 'annotations');
  const pair = meta.items.find((p) => scalarText(p.key) === 'annotations');
  if (!pair) return;
  if (!isMap(annotations) || annotations.items.length === 0) {
    meta.items.splice(meta.items.indexOf(pair), 1);
    return;
  }
  for (const p of annotations.items) {
    if (!isScalar(p.value)) p.value = new Scalar('');
    else if (typeof p.value.value !== 'string') p.value.value = p.value.value === null ? '' : String(p.value.value);
  }
}
