/**
 * Views over a parsed Kubernetes object: the object itself, its pod spec and
 * every container in it (init, app, ephemeral). A view keeps the YAML node
 * (for spans and edits) and reads values from it with strict comparisons.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { YamlDocument } from '../parse/yaml-document';
import type { Span } from '../types';
import type { EnvVarView, ImageView } from './values';
import { podLocation, type CustomWorkloads } from './workloads';
import {
  asMap,
  getNode,
  getPair,
  getPath,
  keySpan,
  mapEntries,
  nearestKeySpan,
  nodeSpan,
  scalarValue,
  seqItems,
  stringValue,
} from './yaml-node';

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

const CONTAINER_FIELDS: ReadonlyArray<[string, ContainerKind]> = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** A Kubernetes object: a YAML document with string `apiVersion` and `kind`. */
export class ResourceView {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: YAMLMap | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  private podSpecCache: PodSpecView | null | undefined;

  /**
   * `implied`: the apiVersion and kind of an object that does not spell out
   * its own (an item of a typed list such as PodList); its own fields win.
   */
  constructor(
    readonly doc: YamlDocument,
    readonly root: YAMLMap,
    implied?: { apiVersion: string; kind: string },
  ) {
    this.apiVersion = stringValue(getNode(root, 'apiVersion'), doc) || (implied?.apiVersion ?? '');
    this.kind = stringValue(getNode(root, 'kind'), doc) || (implied?.kind ?? '');
    this.metadata = asMap(getNode(root, 'metadata'), doc);
    this.name = stringValue(getNode(this.metadata, 'name'), doc);
    this.namespace = stringValue(getNode(this.metadata, 'namespace'), doc);
  }

  /** Returns a view when the document is a Kubernetes object, else undefined. */
  static from(doc: YamlDocument): ResourceView | undefined {
    const root = asMap(doc.contents, doc);
    if (!root) return undefined;
    const apiVersion = scalarValue(getNode(root, 'apiVersion'), doc);
    const kind = scalarValue(getNode(root, 'kind'), doc);
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return undefined;
    return new ResourceView(doc, root);
  }

  get(path: readonly string[]): Node | undefined {
    return getPath(this.root, path, this.doc);
  }

  /** Span of `kind: X` for object-level findings. */
  get kindSpan(): Span {
    return keySpan(getPair(this.root, 'kind')) ?? nodeSpan(this.root) ?? { start: 0, end: 0 };
  }

  /** `metadata.name` value or the kind key: where object-level findings go. */
  get anchorSpan(): Span {
    return nodeSpan(getNode(this.metadata, 'name')) ?? this.kindSpan;
  }

  annotations(): Map<string, { value: unknown; pair: Pair<Node, Node> }> {
    const out = new Map<string, { value: unknown; pair: Pair<Node, Node> }>();
    for (const { key, pair } of mapEntries(getNode(this.metadata, 'annotations'), this.doc)) {
      out.set(key, { value: scalarValue(pair.value, this.doc), pair });
    }
    return out;
  }

  /**
   * The pod spec of a workload (Pod, Deployment, ..., CronJob, and other kinds
   * with a pod template: see workloads.ts; `custom`: the project's custom
   * workloads, the same for every call on one view), or undefined.
   */
  podSpec(custom?: CustomWorkloads): PodSpecView | undefined {
    if (this.podSpecCache === undefined) {
      this.podSpecCache = null;
      const location = podLocation(this.apiVersion, this.kind, this.root, this.doc, custom);
      if (location) {
        const { template: templatePath, specKey } = location;
        const template = templatePath.length === 0 ? this.root : asMap(getPath(this.root, templatePath, this.doc), this.doc);
        const spec = asMap(getNode(template, specKey), this.doc);
        if (template && spec) this.podSpecCache = new PodSpecView(this, template, spec, templatePath, specKey);
      }
    }
    return this.podSpecCache ?? undefined;
  }
}

/** A YAML map inside a document, read by key paths (shared by pod spec and container views). */
export abstract class MapView {
  abstract readonly doc: YamlDocument;
  abstract readonly node: YAMLMap;

  /** The node at a key path under this map. */
  get(path: readonly string[]): Node | undefined {
    return getPath(this.node, path, this.doc);
  }

  /** The scalar value at a key path (aliases resolved). */
  value(path: readonly string[]): unknown {
    return scalarValue(this.get(path), this.doc);
  }

  /** The pair holding the last key of a path (for spans of `key: value`). */
  pair(path: readonly string[]): Pair<Node, Node> | undefined {
    const parent = path.length > 1 ? asMap(this.get(path.slice(0, -1)), this.doc) : this.node;
    return getPair(parent, path[path.length - 1]!);
  }
}

/** The pod spec of a workload, with all of its containers as ContainerViews. */
export class PodSpecView extends MapView {
  readonly doc: YamlDocument;
  readonly securityContext: YAMLMap | undefined;
  readonly containers: readonly ContainerView[];
  /** Annotations of the pod template (`metadata.annotations` of the template). */
  readonly podMetadata: YAMLMap | undefined;

  constructor(
    readonly resource: ResourceView,
    readonly template: YAMLMap,
    readonly node: YAMLMap,
    readonly templatePath: readonly string[],
    /** The key of the pod spec in the template (`spec`, or a custom resource's own, see workloads.ts). */
    readonly specKey = 'spec',
  ) {
    super();
    this.doc = resource.doc;
    this.securityContext = asMap(getNode(node, 'securityContext'), this.doc);
    this.podMetadata = asMap(getNode(template, 'metadata'), this.doc);
    const list: ContainerView[] = [];
    for (const [field, kind] of CONTAINER_FIELDS) {
      seqItems(getNode(node, field), this.doc).forEach((item, index) => {
        const m = asMap(item, this.doc);
        if (m) list.push(new ContainerView(this, m, kind, index));
      });
    }
    this.containers = list;
  }

  /** Span of the `spec:` key of the pod spec (anchor for missing pod-level fields). */
  get specKeySpan(): Span {
    const parent = this.templatePath.length === 0 ? this.resource.root : this.template;
    return keySpan(getPair(parent, this.specKey)) ?? this.resource.kindSpan;
  }

  /** Nearest existing key along a path under the pod spec, else the `spec:` key. */
  nearestSpan(path: readonly string[]): Span {
    return nearestKeySpan(this.node, path, this.doc) ?? this.specKeySpan;
  }

  /** Pod template annotations (e.g. AppArmor's legacy annotations). */
  annotations(): Map<string, { value: unknown; pair: Pair<Node, Node> }> {
    const out = new Map<string, { value: unknown; pair: Pair<Node, Node> }>();
    for (const { key, pair } of mapEntries(getNode(this.podMetadata, 'annotations'), this.doc)) {
      out.set(key, { value: scalarValue(pair.value, this.doc), pair });
    }
    return out;
  }

  /** `spec.os.name: windows` pods are exempt from some restricted controls. */
  get isWindows(): boolean {
    return this.value(['os', 'name']) === 'windows';
  }

  /** `hostUsers: false`: the pod runs in a user namespace. */
  get usesUserNamespace(): boolean {
    return this.value(['hostUsers']) === false;
  }
}

/** One container (init, app or ephemeral) of a pod spec. */
export class ContainerView extends MapView {
  readonly doc: YamlDocument;
  readonly name: string;
  readonly securityContext: YAMLMap | undefined;

  constructor(
    readonly pod: PodSpecView,
    readonly node: YAMLMap,
    readonly kind: ContainerKind,
    readonly index: number,
  ) {
    super();
    this.doc = pod.doc;
    this.name = stringValue(getNode(node, 'name'), this.doc) ?? `#${index + 1}`;
    this.securityContext = asMap(getNode(node, 'securityContext'), this.doc);
  }

  /** "init container", "container" or "ephemeral container" for messages. */
  get label(): string {
    return this.kind === 'initContainer' ? 'Init container' : this.kind === 'ephemeralContainer' ? 'Ephemeral container' : 'Container';
  }

  /** `name: web` of the container (the anchor when nothing nearer exists). */
  get nameSpan(): Span {
    return keySpan(getPair(this.node, 'name')) ?? nodeSpan(this.node) ?? this.pod.specKeySpan;
  }

  /** Nearest existing key along a path under the container, else its name. */
  nearestSpan(path: readonly string[]): Span {
    return nearestKeySpan(this.node, path, this.doc) ?? this.nameSpan;
  }

  /** The container's image as an ImageView, when `image` is a non-empty string (read once, shared by every rule). */
  image(): ImageView | undefined {
    if (this.imageCache === undefined) this.imageCache = this.readImage() ?? null;
    return this.imageCache ?? undefined;
  }

  private imageCache: ImageView | null | undefined;
  private envCache: EnvVarView[] | undefined;

  private readImage(): ImageView | undefined {
    const node = getNode(this.node, 'image');
    const value = stringValue(node, this.doc);
    const span = nodeSpan(node);
    if (value === undefined || !value.trim() || !span) return undefined;
    return { value: value.trim(), span, container: this, owner: `${this.label} "${this.name}"` };
  }

  /** The container's `env` entries with a string name (read once, shared by every rule). */
  envVars(): EnvVarView[] {
    this.envCache ??= this.readEnvVars();
    return this.envCache;
  }

  private readEnvVars(): EnvVarView[] {
    const out: EnvVarView[] = [];
    for (const item of seqItems(getNode(this.node, 'env'), this.doc)) {
      const m = asMap(item, this.doc);
      const namePair = getPair(m, 'name');
      const name = stringValue(namePair?.value, this.doc);
      const nameSpan = keySpan(namePair);
      if (!m || name === undefined || !nameSpan) continue;
      const env: EnvVarView = { name, nameSpan: nodeSpan(namePair!.value) ?? nameSpan, container: this, owner: `${this.label} "${this.name}"` };
      const valueNode = getNode(m, 'value');
      const raw = scalarValue(valueNode, this.doc);
      if (raw !== undefined && raw !== null && typeof raw !== 'object') {
        env.value = String(raw);
        env.valueSpan = nodeSpan(valueNode);
      }
      const refPair = getPair(asMap(getNode(m, 'valueFrom'), this.doc), 'secretKeyRef');
      if (refPair) {
        const ref = asMap(refPair.value, this.doc);
        env.secretKeyRef = {
          name: stringValue(getNode(ref, 'name'), this.doc),
          key: stringValue(getNode(ref, 'key'), this.doc),
          span: keySpan(refPair)!,
        };
      }
      out.push(env);
    }
    return out;
  }

  /**
   * A securityContext field as Kubernetes applies it: the container's value
   * when set, else the pod's (for fields that exist at both levels).
   */
  effective(field: string): { value: unknown; from: 'container' | 'pod' | 'unset'; pair?: Pair<Node, Node> } {
    const own = getPair(this.securityContext, field);
    if (own && scalarValue(own.value, this.doc) !== null && scalarValue(own.value, this.doc) !== undefined) {
      return { value: scalarValue(own.value, this.doc), from: 'container', pair: own };
    }
    if (own && asMap(own.value, this.doc)) return { value: own.value, from: 'container', pair: own };
    const podPair = getPair(this.pod.securityContext, field);
    if (podPair) {
      const v = scalarValue(podPair.value, this.doc);
      if (v !== null && v !== undefined) return { value: v, from: 'pod', pair: podPair };
      if (asMap(podPair.value, this.doc)) return { value: podPair.value, from: 'pod', pair: podPair };
    }
    return { value: undefined, from: 'unset' };
  }
}
