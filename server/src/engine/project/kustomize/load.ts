/**
 * Reading a kustomization and its resource files: the kustomization's fields (unknown ones are
 * errors, as kubectl's strict decoding makes them), resource documents with every node's origin.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { parseChunk } from '../../parse/yaml';
import { expandAliases } from '../../parse/yaml-document';
import { expandMerges } from '../../parse/yaml-merge';
import type { Span } from '../../types';
import { basenameOf, joinPath, normalizePath } from '../paths';
import type { ProjectHost, ProjectPath } from '../types';
import { checkFieldTypes } from './validate';
import { annotationStrings, goYamlScalars } from './scalars';
import { markTree, newRes, problem, spanOf, str, type BuildState, type Kustomization, type Res } from './model';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** kustomization.yaml, kustomization.yml or Kustomization: the files kustomize reads in a directory. */
export function isKustomizationFile(path: ProjectPath): boolean {
  return KUSTOMIZATION_NAMES.includes(basenameOf(path));
}

/** Every field of a v5 Kustomization or Component (kubectl rejects others). */
const KNOWN_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'commonAnnotations',
  'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars', 'sortOptions', 'resources',
  'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator',
  'generatorOptions', 'configurations', 'generators', 'transformers', 'validators', 'buildMetadata',
]);

/** Fields this build reads but does not apply: one info problem each. */
const NOT_APPLIED = new Set(['buildMetadata', 'openapi', 'vars', 'crds', 'configurations', 'generators', 'transformers', 'validators', 'helmGlobals', 'helmChartInflationGenerator']);


/** The kustomization file kustomize would read in `dir`, or undefined (none, or several: a problem is reported then). */
export function findKustomization(dir: ProjectPath, host: ProjectHost): { file?: ProjectPath; several?: boolean } {
  const entries = host.readDirectory(dir);
  if (!entries) return {};
  const found = KUSTOMIZATION_NAMES.filter((n) => entries.some((e) => e.name === n && !e.directory));
  if (found.length > 1) return { file: joinPath(dir, found[0]!), several: true };
  return found.length === 1 ? { file: joinPath(dir, found[0]!) } : {};
}

export function readKustomization(file: ProjectPath, dir: ProjectPath, host: ProjectHost, state: BuildState): Kustomization | undefined {
  const text = host.readFile(file);
  state.inputs.add(file);
  if (text === undefined) {
    state.problems.push({ file, span: { start: 0, end: 0 }, message: `cannot read ${file}`, severity: 'error' });
    return undefined;
  }
  // kubectl decodes a kustomization as YAML 1.1: `namespace: n` or a label value `yes` is a boolean there (and an error).
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    state.problems.push({ file, span: { start: e.pos[0], end: e.pos[1] }, message: `invalid kustomization: ${e.message.split('\n')[0]}`, severity: 'error' });
    return undefined;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    state.problems.push({ file, span: { start: 0, end: 0 }, message: `${basenameOf(file)} is empty`, severity: 'error' });
    return undefined;
  }
  if (!isMap(root)) {
    problem(state, file, root as Node, 'invalid kustomization: expected a map of fields');
    return undefined;
  }
  const map = root;
  goYamlV2Floats(map);
  markTree(map, file, state.provenance);
  const meaningful = map.items.some((p) => !['apiVersion', 'kind'].includes(str(p.key) ?? '') && p.value !== null && !(isScalar(p.value) && p.value.value === null));
  if (!meaningful) {
    problem(state, file, map, `${basenameOf(file)} is empty`);
    return undefined;
  }
  for (const pair of map.items) {
    const key = str(pair.key) ?? '';
    if (!KNOWN_FIELDS.has(key)) problem(state, file, pair.key as Node, `invalid kustomization: unknown field "${key}"`);
    else if (NOT_APPLIED.has(key)) problem(state, file, pair.key as Node, `"${key}" is not applied by Shipshape's build; the rest is built`, 'info');
  }
  const kind = str(map.get('kind', true)) ?? 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') {
    problem(state, file, map.get('kind', true) as Node, `invalid kustomization: kind "${kind}" (expected Kustomization or Component)`);
  }
  const k: Kustomization = { file, dir, root: map, kind, field: (name) => map.get(name, true) };
  checkFieldTypes(k, state);
  return k;
}

/**
 * YAML 1.1's float pattern matches a lone `.` (or `._`), which the parser reads as NaN; go-yaml v2,
 * which decodes a kustomization for kubectl, reads only `.nan` as NaN: `delimiter: .` is a dot.
 */
function goYamlV2Floats(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === 'number' && Number.isNaN(node.value) && typeof node.source === 'string' && !/^\.nan$/i.test(node.source)) node.value = node.source;
  } else if (isMap(node)) for (const pair of node.items) goYamlV2Floats(pair.value);
  else if (isSeq(node)) for (const item of node.items) goYamlV2Floats(item);
}

/** The string items of a list field; other items are problems. */
export function stringItems(k: Kustomization, field: string, state: BuildState): { value: string; node: Node }[] {
  const node = k.field(field);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    problem(state, k.file, node as Node, `invalid kustomization: "${field}" must be a list`);
    return [];
  }
  const out: { value: string; node: Node }[] = [];
  for (const item of node.items) {
    const value = str(item);
    if (value === undefined) problem(state, k.file, item as Node, `invalid kustomization: "${field}" entries must be strings`);
    else out.push({ value, node: item as Node });
  }
  return out;
}

/** Remote bases kustomize would fetch: URLs and git/ssh references. */
export function isRemote(path: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i.test(path) || /\.git(?:\/\/|\?|$)/.test(path) || /\?ref=/.test(path);
}

/** Kustomize's default load restriction: files a kustomization reads must be in or below its directory. */
export function withinRoot(dir: ProjectPath, path: ProjectPath): boolean {
  const d = normalizePath(dir);
  const p = normalizePath(path);
  return p === d || p.startsWith(d === '/' ? '/' : `${d}/`);
}

/** A map key written twice in the same map (go-yaml refuses the document), found in one linear walk. */
function duplicateKey(node: unknown): Node | undefined {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && key !== '<<') {
        if (seen.has(key)) return pair.key as Node;
        seen.add(key);
      }
      const inner = duplicateKey(pair.value);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = duplicateKey(item);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The objects of a resource file (multi-document; `List` items expanded), each node with its origin. */
export function loadResourceFile(path: ProjectPath, text: string, state: BuildState, entry: { file: ProjectPath; node: Node }): Res[] {
  const out: Res[] = [];
  // The engine's guarded parser: alias bombs, recursive aliases and extreme nesting are errors, never hangs.
  const { docs: parsed, crash } = parseChunk(text);
  if (crash) {
    state.problems.push({ file: path, span: { start: 0, end: 0 }, message: `invalid resource YAML: ${crash}`, severity: 'error' });
    problem(state, entry.file, entry.node, `resource ${basenameOf(path)} is not valid YAML`);
    return [];
  }
  for (const doc of parsed) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      state.problems.push({ file: path, span: { start: e.pos[0], end: e.pos[1] }, message: `invalid resource YAML: ${e.message.split('\n')[0]}`, severity: 'error' });
      problem(state, entry.file, entry.node, `resource ${basenameOf(path)} is not valid YAML`);
      return [];
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) continue;
    if (!isMap(root)) {
      problem(state, entry.file, entry.node, `resource ${basenameOf(path)}: a document is not a map`);
      continue;
    }
    const duplicate = duplicateKey(root);
    if (duplicate) {
      state.problems.push({ file: path, span: spanOf(duplicate), message: `mapping key "${str(duplicate) ?? ''}" already defined`, severity: 'error' });
      problem(state, entry.file, entry.node, `resource ${basenameOf(path)} is not valid YAML`);
      continue;
    }
    // As kustomize reads a resource: merge keys (`<<`) and aliases expanded, scalars as go-yaml v3 resolves them.
    const merged = expandMerges(doc, text, 'kubectl');
    expandAliases(root, doc);
    goYamlScalars(root, text);
    const remap = merged ? (span: Span): Span => (span.start > text.length ? (merged.originOf(span.start) ?? span) : span) : undefined;
    markTree(root, path, state.provenance, undefined, remap);
    const kind = str(root.get('kind', true));
    const items = root.get('items', true);
    const docs = kind && kind.endsWith('List') && isSeq(items) ? items.items.filter(isMap) : [root];
    for (const obj of docs) {
      for (const empty of annotationStrings(obj, text)) {
        const pair = (obj.getIn(['metadata', 'annotations'], true) as YAMLMap).items.find((p) => p.value === empty);
        const keySpan = spanOf(pair?.key as Node);
        state.provenance.set(empty, { file: path, span: keySpan, keySpan });
      }
      if (!str(obj.get('kind', true))) {
        state.problems.push({ file: path, span: spanOf(obj), message: 'missing kind: kustomize needs kind and metadata.name', severity: 'error' });
        continue;
      }
      const meta = obj.get('metadata', true);
      if (!isMap(meta) || !str(meta.get('name', true))) {
        state.problems.push({ file: path, span: spanOf(isMap(meta) ? meta : obj), message: 'missing metadata.name: kustomize needs kind and metadata.name', severity: 'error' });
        continue;
      }
      out.push(newRes({ node: obj, provenance: state.provenance, source: { file: path, span: spanOf(obj) } }));
    }
  }
  return out;
}
