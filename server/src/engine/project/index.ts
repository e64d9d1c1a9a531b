/**
 * The project index (see ARCHITECTURE.md, "The project layer"): every
 * Kubernetes object of the project, by kind, namespace and name, with its
 * labels, where each of its nodes was written, and the builds it belongs to.
 *
 * Its objects are those of the root kustomize builds, those of the rendered
 * Helm charts (helm/chart-build.ts; their templates are never plain YAML), and
 * those of plain YAML documents no build used (not a resource of a build, not
 * a patch, not a kustomization, not a chart's template). A plain document is wrapped as a built object whose nodes'
 * origins are their own ranges, so relation rules never care where an object
 * came from.
 *
 * The namespace is the one kubectl would apply: `metadata.namespace`, else the
 * kustomization's `namespace` (already set on built objects), else the Helm
 * release's namespace for a chart's objects, else "default" for namespaced
 * kinds; cluster-scoped kinds have none.
 *
 * Pure: texts come from the caller. Nothing throws out of here.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { isTemplated, looksBinary, parseChunk, splitYamlDocuments } from '../parse/yaml';
import { YamlDocument } from '../parse/yaml-document';
import type { ParsedChunks } from '../parsed-chunks';
import type { Severity, Span } from '../types';
import { podLocation, type CustomWorkloads } from '../views/workloads';
import { memoIn } from '../views/view-set';
import { crdNodeWorkloads, customWorkloads } from './crd-workloads';
import { isClusterScoped } from './kustomize/model';
import { Provenance, type BuiltObject, type KustomizeBuild, type Origin, type ProjectPath } from './types';
import type { HelmBuild } from '../helm/chart-build';
import type { ProjectImages } from './images/types';

/** A place in the project: a file and a range in it. */
export interface ProjectPlace {
  file: ProjectPath;
  span: Span;
  /** For a value a Helm chart's values file set (the place is its values line): the template line that rendered it. */
  renderedAt?: { file: ProjectPath; span: Span };
}

export interface IndexedObject {
  apiVersion: string;
  kind: string;
  /** `metadata.name`, or undefined when missing or not a string. */
  name: string | undefined;
  /** The namespace kubectl would use; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  labels: ReadonlyMap<string, string>;
  /** The object's node tree (built, or parsed from a plain document). */
  node: YAMLMap;
  /** The object with its provenance. */
  built: BuiltObject;
  /**
   * The sources whose output has this object: root kustomization files, or a rendered chart's Chart.yaml (none
   * for a plain document). Objects are related only within one of them, or with plain documents.
   */
  builds: readonly ProjectPath[];
  /** For an object of a rendered Helm chart: the chart's Chart.yaml and the values files it was rendered with. */
  helm?: { chart: ProjectPath; values: readonly ProjectPath[] };
}

/** The child of a map by key (scalar keys), or undefined. */
export function child(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** The node at a path of map keys. */
export function childAt(node: unknown, path: readonly string[]): Node | undefined {
  let at: unknown = node;
  for (const key of path) at = child(at, key);
  return at as Node | undefined;
}

/** A scalar node's value as a string (numbers and booleans as written by YAML), or undefined. */
export function text(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

/** A sequence's string items with their nodes. */
export function strings(node: unknown): Array<{ value: string; node: Node }> {
  if (!isSeq(node)) return [];
  const out: Array<{ value: string; node: Node }> = [];
  for (const item of node.items) {
    const value = text(item);
    if (value !== undefined) out.push({ value, node: item as Node });
  }
  return out;
}

function labelsOf(root: YAMLMap): Map<string, string> {
  const out = new Map<string, string>();
  const labels = childAt(root, ['metadata', 'labels']);
  if (isMap(labels)) {
    for (const pair of labels.items) {
      const k = text(pair.key);
      const v = text(pair.value);
      if (k !== undefined && v !== undefined) out.set(k, v);
    }
  }
  return out;
}

/**
 * The index entry of an object, or undefined when the node is not a Kubernetes object. `namespace`: where a
 * namespaced object that names none goes (a Helm release's namespace; default "default").
 */
export function indexedObject(built: BuiltObject, builds: readonly ProjectPath[], namespace = 'default'): IndexedObject | undefined {
  const root = built.node;
  const apiVersion = text(child(root, 'apiVersion'));
  const kind = text(child(root, 'kind'));
  if (!apiVersion || !kind) return undefined;
  const written = text(childAt(root, ['metadata', 'namespace']));
  const ns = isClusterScoped(kind) ? undefined : written || namespace;
  return { apiVersion, kind, name: text(childAt(root, ['metadata', 'name'])), namespace: ns, labels: labelsOf(root), node: root, built, builds };
}

/** The index entries of a rendered chart's objects: of its build (its Chart.yaml), in its release's namespace. */
export function chartObjects(chart: HelmBuild): IndexedObject[] {
  const out: IndexedObject[] = [];
  const helm = { chart: chart.file, values: [...chart.valuesFiles] };
  for (const b of chart.objects) {
    const o = indexedObject(b, [chart.file], chart.namespace);
    if (o) out.push({ ...o, helm });
  }
  return out;
}

/** Records every node's own range (and a map value's key range), shifted by `offset`, as its origin. */
function recordOrigins(provenance: Provenance, file: ProjectPath, node: unknown, offset: number, keySpan?: Span): void {
  if (!node || typeof node !== 'object' || !('range' in node)) return;
  const n = node as Node;
  if (n.range) {
    const origin: Origin = { file, span: { start: n.range[0] + offset, end: n.range[1] + offset } };
    if (keySpan) origin.keySpan = keySpan;
    provenance.set(n, origin);
  }
  if (isMap(n)) {
    for (const pair of n.items) {
      const k = pair.key as Node | null;
      const ks = k && k.range ? { start: k.range[0] + offset, end: k.range[1] + offset } : undefined;
      if (k) recordOrigins(provenance, file, k, offset);
      recordOrigins(provenance, file, pair.value, offset, ks);
    }
  } else if (isSeq(n)) {
    for (const item of n.items) if (!isPair(item)) recordOrigins(provenance, file, item, offset);
  }
}

/**
 * The objects of a plain YAML file's documents (except those starting at `skip`
 * offsets), as built objects. Parsed as the engine parses documents (parse/yaml.ts:
 * bounded on hostile input); a document that does not parse cleanly is left out.
 * `parsed`: keeps the parses for the file's own lint (ParsedChunks).
 */
export function plainObjects(file: ProjectPath, source: string, skip: ReadonlySet<number> = new Set(), parsed?: ParsedChunks): BuiltObject[] {
  const out: BuiltObject[] = [];
  if (looksBinary(source)) return out;
  for (const chunk of splitYamlDocuments(source)) {
    const end = chunk.offset + chunk.text.length;
    if ([...skip].some((s) => s >= chunk.offset && s < end)) continue;
    const chunkParse = parseChunk(chunk.text);
    parsed?.put(chunk.text, chunkParse);
    const { docs } = chunkParse;
    if (isTemplated(chunk.text, docs)) continue;
    for (const doc of docs) {
      const root = doc.contents;
      if (doc.errors.length > 0 || !isMap(root) || !root.range) continue;
      const provenance = new Provenance();
      recordOrigins(provenance, file, root, chunk.offset);
      out.push({ node: root, provenance, source: { file, span: { start: root.range[0] + chunk.offset, end: root.range[1] + chunk.offset } } });
    }
  }
  return out;
}

export interface IndexInput {
  /** Plain files: their text (YAML files only; kustomization files excluded by the caller). */
  plain: ReadonlyArray<{ file: ProjectPath; text: string; skip?: ReadonlySet<number>; parsed?: ParsedChunks }>;
  /** The root builds. */
  builds: readonly KustomizeBuild[];
  /** The rendered Helm charts. */
  charts?: readonly HelmBuild[];
}

/**
 * Values derived from the project's nodes (a workload's pod template, the Pod
 * Security controls it fails), computed once per node and slot. Keyed by the
 * node (weakly): an entry lives as long as its object. The owner decides how
 * long that is: one index (the default), or the editor's workspace across
 * judgements, where the objects of unchanged files keep their nodes.
 */
export class ProjectMemo {
  private readonly memos = new WeakMap<object, Map<string, unknown>>();

  memo<V>(owner: object, slot: string, build: () => V): V {
    return memoIn(this.memos, owner, slot, build);
  }
}

export class ProjectIndex {
  readonly objects: readonly IndexedObject[];
  /** The images the project builds, linked to their Dockerfiles (images/built-images.ts); set by lintProject. */
  images?: ProjectImages;
  private readonly byKind = new Map<string, IndexedObject[]>();

  constructor(
    objects: readonly IndexedObject[],
    /** What rules derive from the objects' nodes (see ProjectMemo). */
    readonly memo: ProjectMemo = new ProjectMemo(),
  ) {
    this.objects = objects;
    for (const o of objects) {
      const list = this.byKind.get(o.kind) ?? [];
      list.push(o);
      this.byKind.set(o.kind, list);
    }
  }

  static build(input: IndexInput): ProjectIndex {
    const objects: IndexedObject[] = [];
    for (const { file, text: source, skip, parsed } of input.plain) {
      let built: BuiltObject[];
      try {
        built = plainObjects(file, source, skip, parsed);
      } catch {
        continue; // the file's own lint reports what is wrong with it
      }
      for (const b of built) {
        const o = indexedObject(b, []);
        if (o) objects.push(o);
      }
    }
    for (const build of input.builds) {
      for (const b of build.objects) {
        const o = indexedObject(b, [build.file]);
        if (o) objects.push(o);
      }
    }
    for (const chart of input.charts ?? []) objects.push(...chartObjects(chart));
    return new ProjectIndex(objects);
  }

  /** The object's pod template (podTemplateOf, with the project's custom workloads), found once per object. */
  podTemplate(object: IndexedObject): YAMLMap | undefined {
    const custom = this.customWorkloads();
    return this.memo.memo(object.node, `podTemplate\u0000${custom.key}`, () => podTemplateOf(object, custom));
  }

  /**
   * The custom workloads the project's CustomResourceDefinitions define
   * (crd-workloads.ts), read once per CRD object.
   */
  customWorkloads(): CustomWorkloads {
    return this.memo.memo(this, 'customWorkloads', () =>
      customWorkloads(this.ofKind('CustomResourceDefinition').flatMap((crd) => this.memo.memo(crd.node, 'crdWorkloads', () => crdNodeWorkloads(crd.node)))),
    );
  }

  /** Objects of a kind (any API group), optionally in a namespace. */
  ofKind(kind: string, namespace?: string): readonly IndexedObject[] {
    const list = this.byKind.get(kind) ?? [];
    return namespace === undefined ? list : list.filter((o) => o.namespace === namespace);
  }

  /**
   * Objects of a kind by name (and namespace for namespaced kinds), as the API
   * server would find them. Several when builds produce the same object, or
   * the project defines it twice.
   */
  find(kind: string, name: string, namespace?: string): IndexedObject[] {
    return this.ofKind(kind).filter((o) => o.name === name && (namespace === undefined || o.namespace === namespace));
  }

  /** Objects whose labels match every entry of `selector`, of the given kinds, in the namespace. */
  selected(selector: ReadonlyMap<string, string>, kinds: readonly string[], namespace: string | undefined): IndexedObject[] {
    const out: IndexedObject[] = [];
    for (const kind of kinds) {
      for (const o of this.ofKind(kind, namespace)) {
        if ([...selector].every(([k, v]) => o.labels.get(k) === v)) out.push(o);
      }
    }
    return out;
  }
}

/**
 * Where a node of the object was written: its origin (or the nearest origin
 * of the given fallbacks, then the object's own source). `onKey`: the node's
 * key when it is a map value and its key was recorded.
 */
export function locate(object: IndexedObject, node: Node | undefined, onKey = false, ...fallbacks: Array<Node | undefined>): ProjectPlace {
  for (const n of [node, ...fallbacks]) {
    const origin = n ? object.built.provenance.get(n) : undefined;
    if (origin) return { file: origin.file, span: onKey && origin.keySpan && n === node ? origin.keySpan : origin.span, ...(origin.renderedAt ? { renderedAt: origin.renderedAt } : {}) };
  }
  return { file: object.built.source.file, span: object.built.source.span };
}

/** Where an object-level finding goes: its `metadata.name` value, else `kind`. */
export function anchorOf(object: IndexedObject): ProjectPlace {
  return locate(object, childAt(object.node, ['metadata', 'name']), false, child(object.node, 'kind'), object.node);
}

/** Whether two objects are deployed together: from a common build, or one of them from a plain file. */
export function deployedTogether(a: IndexedObject, b: IndexedObject): boolean {
  return a.builds.length === 0 || b.builds.length === 0 || a.builds.some((x) => b.builds.includes(x));
}

/**
 * The object's pod template (the map holding the pod's `metadata` and `spec`;
 * the object itself for a Pod), or undefined. A custom workload (`custom`)
 * whose pod spec has another key than `spec` has none: relation rules read
 * pods through templates.
 */
export function podTemplateOf(object: IndexedObject, custom?: CustomWorkloads): YAMLMap | undefined {
  // Built nodes belong to no parsed document: an alias in them is not followed.
  const location = podLocation(object.apiVersion, object.kind, object.node, new YamlDocument(new Document()), custom);
  const template = location && location.specKey === 'spec' ? childAt(object.node, location.template) : undefined;
  return isMap(template) && isMap(child(template, 'spec')) ? template : undefined;
}

/** What a relation rule reports. */
export interface RelationReport {
  messageId: string;
  data?: Record<string, string | number>;
  /** The object the finding belongs to (for `Finding.object`, exemptions and builds). */
  object: IndexedObject;
  /** Where: default the object's anchor (`metadata.name`). Clamped to its first line. */
  at?: ProjectPlace;
  /** The other ends: each in its own file. */
  related?: Array<{ at: ProjectPlace; message: string }>;
  /** This finding's severity when the user has not set one for the rule. */
  severity?: Severity;
}

export type RelationReporter = (report: RelationReport) => void;
/** Says that the rule's per-object findings on `object` are replaced by its project judgement. */
export type RelationReplacer = (object: IndexedObject) => void;

