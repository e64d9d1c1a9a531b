/**
 * Views over a docker-compose file (the Compose Specification): the file and
 * each of its services, with typed reads of the security-relevant fields and
 * the spans findings go to. Rules see services through the `composeService`
 * visitor and their images and environment through the format-neutral
 * ImageView and EnvVarView, so the image and secret rules apply unchanged.
 *
 * A document is a compose file when it is not a Kubernetes object (no string
 * `apiVersion` and `kind`) and has a top-level `services` map, and either
 * the file is named like one (`docker-compose*.yml`, `compose*.yaml`) or a
 * service has an `image` or a `build`. Merge keys (`<<: *defaults`) are
 * expanded before the view is built (parse/yaml-merge.ts): a service reads
 * its merged values like its own.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { YamlDocument } from '../parse/yaml-document';
import type { Span } from '../types';
import { composeTrue, isHostPathSource, isNoLimit, parseSecurityOpt, parseShortVolume, partSpan, type ComposeVolume } from './compose-values';
import type { EnvVarView, ImageView } from './values';
import { asMap, getNode, getPair, getPath, keySpan, mapEntries, nearestKeySpan, nodeSpan, pairSpan, scalarValue, seqItems, stringValue } from './yaml-node';

export type { ComposeVolume } from './compose-values';

const COMPOSE_FILE_NAME = /^(?:docker-)?compose(?:[._-][^/\\]*)?\.ya?ml$/i;

/** `docker-compose.yml`, `docker-compose.prod.yaml`, `compose.yaml`, `compose.override.yml`, ... (a path or a base name). */
export function isComposeFileName(path: string | undefined): boolean {
  if (path === undefined) return false;
  return COMPOSE_FILE_NAME.test(path.split(/[\\/]/).pop() ?? path);
}

export type ComposeResource = 'memory' | 'cpu';

/** The fields a service limits a resource with, as `docker run` and Compose read them. */
export const LIMIT_FIELDS: Readonly<Record<ComposeResource, ReadonlyArray<readonly string[]>>> = {
  memory: [['mem_limit'], ['deploy', 'resources', 'limits', 'memory']],
  cpu: [['cpus'], ['cpu_quota'], ['deploy', 'resources', 'limits', 'cpus']],
};

/**
 * A service's limit for a resource: set (to a value that limits), only set
 * to "no limit" (0), missing, or unknown from this file alone (the service
 * extends one in another file, or is an override fragment without an image
 * or a build of its own).
 */
export type ComposeLimit =
  | { state: 'set' | 'missing' | 'unknown' }
  | { state: 'none'; setting: ComposeSetting; field: string };

/** A string item of a list (`cap_add`, `security_opt`) with its span. */
export interface ComposeItem {
  value: string;
  span: Span;
}

/** A scalar setting of a service (`network_mode: host`) with the pair it was read from. */
export interface ComposeSetting {
  value: unknown;
  pair: Pair<Node, Node>;
  /** `key: value` for a scalar, the key for a collection. */
  span: Span;
}

/** A compose file: its services. */
export class ComposeFileView {
  readonly services: readonly ComposeServiceView[];

  private constructor(
    readonly doc: YamlDocument,
    readonly text: string,
    readonly servicesPair: Pair<Node, Node>,
  ) {
    const list: ComposeServiceView[] = [];
    for (const { key, pair } of mapEntries(servicesPair.value, doc)) {
      const node = asMap(pair.value, doc);
      if (node) list.push(new ComposeServiceView(this, key, pair, node));
    }
    this.services = list;
  }

  /**
   * The compose view of a document, or undefined when it is not a compose
   * file. `named`: the file is named like a compose file, so a `services` map
   * is enough (override files hold services without `image` or `build`).
   */
  static from(doc: YamlDocument, text: string, named: boolean): ComposeFileView | undefined {
    const root = asMap(doc.contents, doc);
    if (!root) return undefined;
    // A Kubernetes object is never a compose file, whatever other keys it has.
    const apiVersion = scalarValue(getNode(root, 'apiVersion'), doc);
    const kind = scalarValue(getNode(root, 'kind'), doc);
    if (typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== '') return undefined;
    const pair = getPair(root, 'services');
    if (!pair || !asMap(pair.value, doc)) return undefined;
    const view = new ComposeFileView(doc, text, pair);
    return named || view.services.some((s) => s.definesContainer) ? view : undefined;
  }

  /** The `services:` key: where file-level problems go. */
  get anchorSpan(): Span {
    return keySpan(this.servicesPair) ?? { start: 0, end: 0 };
  }

  service(name: string): ComposeServiceView | undefined {
    return this.services.find((s) => s.name === name);
  }
}

/** One service of a compose file. */
export class ComposeServiceView {
  readonly doc: YamlDocument;
  /** `Service "web"`, for messages. */
  readonly owner: string;

  constructor(
    readonly file: ComposeFileView,
    readonly name: string,
    /** The `web: {...}` pair under `services`. */
    readonly entry: Pair<Node, Node>,
    readonly node: YAMLMap,
  ) {
    this.doc = file.doc;
    this.owner = `Service "${name}"`;
  }

  /** The service's key (`web:`): the anchor when nothing nearer exists. */
  get nameSpan(): Span {
    return keySpan(this.entry) ?? this.file.anchorSpan;
  }

  /** The pair at `path` under the service. */
  pair(path: readonly string[]): Pair<Node, Node> | undefined {
    const parent = path.length > 1 ? asMap(getPath(this.node, path.slice(0, -1), this.doc), this.doc) : this.node;
    return getPair(parent, path[path.length - 1]!);
  }

  get(path: readonly string[]): Node | undefined {
    return (this.pair(path)?.value ?? undefined) as Node | undefined;
  }

  value(path: readonly string[]): unknown {
    return scalarValue(this.get(path), this.doc);
  }

  /** The setting at `path` when the key is present. */
  setting(path: readonly string[]): ComposeSetting | undefined {
    const pair = this.pair(path);
    const span = pairSpan(pair);
    return pair && span ? { value: scalarValue(pair.value, this.doc), pair, span } : undefined;
  }

  /** Nearest key of the service's own text along `path` (for a missing field), else the service's key. */
  nearestSpan(path: readonly string[]): Span {
    return nearestKeySpan(this.node, path, this.doc) ?? this.nameSpan;
  }

  /** The service runs a container of its own: it names an image or a build. */
  get definesContainer(): boolean {
    const image = stringValue(this.get(['image']), this.doc);
    return (image !== undefined && image.trim() !== '') || this.hasBuild;
  }

  /** `build` is set: the image is built from source and `image`, if any, only names the result. */
  get hasBuild(): boolean {
    const build = this.pair(['build']);
    return build !== undefined && build.value !== null && scalarValue(build.value, this.doc) !== null;
  }

  /** `privileged: true` (or "true"), with the pair. */
  privileged(): ComposeSetting | undefined {
    const s = this.setting(['privileged']);
    return s && composeTrue(s.value) ? s : undefined;
  }

  /** String items of a list field (`cap_add`, `cap_drop`, `security_opt`, ...), trimmed. */
  items(field: string): ComposeItem[] {
    const out: ComposeItem[] = [];
    for (const item of seqItems(this.get([field]), this.doc)) {
      const value = stringValue(item, this.doc);
      const span = nodeSpan(item);
      if (value !== undefined && value.trim() !== '' && span) out.push({ value: value.trim(), span });
    }
    return out;
  }

  capAdd(): ComposeItem[] {
    return this.items('cap_add');
  }

  capDrop(): ComposeItem[] {
    return this.items('cap_drop');
  }

  /** `security_opt` entries split into key and value (`seccomp=unconfined`, `apparmor:unconfined`, `no-new-privileges:true`). */
  securityOpts(): Array<ComposeItem & { key: string; optionValue: string | undefined }> {
    return this.items('security_opt').map((item) => {
      const { key, value } = parseSecurityOpt(item.value);
      return { ...item, key, optionValue: value };
    });
  }

  /** `volumes` of the service, short (`src:dst[:mode]`) and long (`{type, source, target}`) syntax. */
  volumes(): ComposeVolume[] {
    const out: ComposeVolume[] = [];
    for (const item of seqItems(this.get(['volumes']), this.doc)) {
      const spec = stringValue(item, this.doc);
      if (spec !== undefined) {
        const parsed = parseShortVolume(spec.trim());
        if (!parsed) continue;
        const lead = spec.length - spec.trimStart().length;
        const source = parsed.source;
        out.push({
          type: source === undefined ? 'volume' : isHostPathSource(source.text) ? 'bind' : 'volume',
          ...(source ? { source: source.text, sourceSpan: partSpan(item, this.file.text, spec, lead + source.at, lead + source.at + source.text.length) } : {}),
          ...(parsed.target !== undefined ? { target: parsed.target } : {}),
          readOnly: parsed.options.includes('ro') && !parsed.options.includes('rw'),
          syntax: 'short',
        });
        continue;
      }
      const map = asMap(item, this.doc);
      if (!map) continue;
      const sourceNode = getPair(map, 'source')?.value;
      const source = stringValue(sourceNode, this.doc)?.trim();
      const target = stringValue(getPair(map, 'target')?.value, this.doc);
      const sourceSpan = nodeSpan(sourceNode);
      out.push({
        type: stringValue(getPair(map, 'type')?.value, this.doc),
        ...(source !== undefined ? { source } : {}),
        ...(target !== undefined ? { target } : {}),
        ...(sourceSpan ? { sourceSpan } : {}),
        readOnly: composeTrue(scalarValue(getPair(map, 'read_only')?.value, this.doc)),
        syntax: 'long',
      });
    }
    return out;
  }

  /** `user: name[:group]` or `uid[:gid]`, with the user part split off. */
  user(): (ComposeSetting & { user: string }) | undefined {
    const s = this.setting(['user']);
    if (!s || (typeof s.value !== 'string' && typeof s.value !== 'number')) return undefined;
    const text = String(s.value).trim();
    return text === '' ? undefined : { ...s, user: text.split(':')[0]!.trim() };
  }

  /** The limit of a resource, read through merge keys and the services this one extends in the same file. */
  limit(resource: ComposeResource): ComposeLimit {
    let none: { setting: ComposeSetting; field: string } | undefined;
    const seen = new Set<ComposeServiceView>();
    let defined = false;
    for (let s: ComposeServiceView | undefined = this; s !== undefined && !seen.has(s); ) {
      seen.add(s);
      defined ||= s.definesContainer;
      for (const path of LIMIT_FIELDS[resource]) {
        const setting = s.setting(path);
        if (!setting || setting.pair.value === null || setting.value === null || (typeof setting.value === 'string' && setting.value.trim() === '')) continue;
        if (!isNoLimit(setting.value)) return { state: 'set' };
        none ??= { setting, field: path.join('.') };
      }
      const ref = s.extendsRef();
      if (ref === undefined) break;
      s = s.base();
      if (s === undefined) return { state: 'unknown' }; // another file, or a service that is not here
    }
    if (none) return { state: 'none', ...none };
    return defined ? { state: 'missing' } : { state: 'unknown' };
  }

  /** `extends: base` or `extends: {service: base, file: other.yml}`. */
  extendsRef(): { service?: string; file?: string } | undefined {
    const node = this.get(['extends']);
    const short = stringValue(node, this.doc);
    if (short !== undefined) return { service: short };
    const map = asMap(node, this.doc);
    if (!map) return undefined;
    const service = stringValue(getPair(map, 'service')?.value, this.doc);
    const file = stringValue(getPair(map, 'file')?.value, this.doc);
    return { ...(service !== undefined ? { service } : {}), ...(file !== undefined ? { file } : {}) };
  }

  /** The service this one extends in the same file, when there is one. */
  base(): ComposeServiceView | undefined {
    const ref = this.extendsRef();
    if (!ref || ref.file !== undefined || ref.service === undefined || ref.service === this.name) return undefined;
    return this.file.service(ref.service);
  }

  /**
   * The image the service pulls, as an ImageView. A service with `build`
   * builds its image from source (`image` then only names the result), so it
   * has none.
   */
  image(): ImageView | undefined {
    if (this.hasBuild) return undefined;
    const node = this.get(['image']);
    const value = stringValue(node, this.doc);
    const span = nodeSpan(node);
    if (value === undefined || !value.trim() || !span) return undefined;
    return { value: value.trim(), span, owner: this.owner };
  }

  /**
   * `environment` in map form (`KEY: value`; `KEY:` alone passes the
   * variable through from the shell, no value) or list form (`KEY=value`;
   * `KEY` alone passes it through).
   */
  envVars(): EnvVarView[] {
    const node = this.get(['environment']);
    const out: EnvVarView[] = [];
    for (const { key, pair } of mapEntries(node, this.doc)) {
      const nameSpan = keySpan(pair);
      if (!nameSpan || key.trim() === '') continue;
      const env: EnvVarView = { name: key, nameSpan, owner: this.owner };
      const raw = scalarValue(pair.value, this.doc);
      const valueSpan = nodeSpan(pair.value);
      if ((typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') && valueSpan) {
        env.value = String(raw);
        env.valueSpan = valueSpan;
      }
      out.push(env);
    }
    for (const item of seqItems(node, this.doc)) {
      const text = stringValue(item, this.doc);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      const name = (eq >= 0 ? text.slice(0, eq) : text).trim();
      if (name === '') continue;
      const nameStart = text.indexOf(name);
      const nameSpan = partSpan(item, this.file.text, text, nameStart, nameStart + name.length);
      if (!nameSpan) continue;
      const env: EnvVarView = { name, nameSpan, owner: this.owner };
      if (eq >= 0) {
        env.value = text.slice(eq + 1);
        const valueSpan = partSpan(item, this.file.text, text, eq + 1, text.length);
        if (valueSpan) env.valueSpan = valueSpan;
      }
      out.push(env);
    }
    return out;
  }
}
