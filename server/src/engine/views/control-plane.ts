/**
 * Control-plane components as the flags they run with: the command line of a
 * container running `kube-apiserver`, `kube-controller-manager`,
 * `kube-scheduler` or `etcd` (static pod manifests, recognised by the
 * command, else the image), or what kubeadm generates from a
 * `ClusterConfiguration` (its defaults, see kubeadm-defaults.ts, then
 * `extraArgs` in the v1beta3 map form or the v1beta4 list form). The one
 * place that knows these formats: rules read a `ControlPlaneView` through
 * `controlPlaneViews(resource, views)` and never look at `kind`.
 */
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { addToSeq, removeIn, removeSeqItem, replaceNode, setIn } from '../fixes/yaml-edit';
import type { YamlDocument } from '../parse/yaml-document';
import type { Span, TextEdit } from '../types';
import { CONTROL_PLANE_COMPONENTS, KUBEADM_COMPONENTS, kubeadmDefaults, type ControlPlaneComponent, type KubeadmComponent } from './kubeadm-defaults';
import type { ContainerView, ResourceView } from './resource';
import type { DocumentViews } from './view-set';
import { asMap, asSeq, getNode, getPair, keySpan, nearestKeySpan, nodeSpan, pairSpan, scalarValue, seqItems } from './yaml-node';

export type { ControlPlaneComponent };

/** Where a flag is written, for edits. */
type FlagSource =
  /** An item of `command`/`args`: `--name=value`, or `--name` followed by `value` (valueItem). */
  | { kind: 'arg'; seq: YAMLSeq; item: Node; valueItem?: Node }
  /** kubeadm v1beta3: `extraArgs: {name: value}`. */
  | { kind: 'map'; map: YAMLMap; key: string; valueNode: Node | undefined }
  /** kubeadm v1beta4: `extraArgs: [{name: n, value: v}]`. */
  | { kind: 'list'; seq: YAMLSeq; item: Node; valueNode: Node | undefined };

/** One setting of a flag. */
export interface FlagSetting {
  /** The flag's name without dashes. */
  readonly name: string;
  /** The value the component reads (`true` for a bare boolean flag). */
  readonly value: string;
  /** The line it is written on; undefined for a default kubeadm writes itself. */
  readonly span?: Span;
  readonly source?: FlagSource;
}

/**
 * Boolean flags: pflag (and Go's flag package, which etcd uses) reads a bare
 * `--name` as true and never takes the next item as its value.
 */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  'anonymous-auth', 'profiling', 'service-account-lookup', 'use-service-account-credentials', 'enable-bootstrap-token-auth',
  'allow-privileged', 'leader-elect', 'client-cert-auth', 'auto-tls', 'peer-client-cert-auth', 'peer-auto-tls',
  'contention-profiling', 'enable-pprof', 'experimental-initial-corrupt-check', 'audit-log-compress',
]);

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'busybox']);

/** A control-plane component: its flags (last setting wins, as with pflag) and where to report. */
export class ControlPlaneView {
  private readonly settings = new Map<string, FlagSetting[]>();

  private constructor(
    readonly component: ControlPlaneComponent,
    readonly source: 'manifest' | 'kubeadm',
    /** For messages: `kube-apiserver (container "kube-apiserver")`, `kube-apiserver (kubeadm apiServer)`. */
    readonly label: string,
    /** Where a missing flag is reported: the `command:` key (or `args:`), or the kubeadm `extraArgs:`/component key. */
    readonly anchor: Span,
    private readonly doc: YamlDocument,
    private readonly adder: (text: string, name: string, value: string) => TextEdit[] | undefined,
    readonly container?: string,
  ) {}

  /** The flag's effective setting (the last one written, else a kubeadm default), if any. */
  flag(name: string): FlagSetting | undefined {
    const all = this.settings.get(name);
    return all ? all[all.length - 1] : undefined;
  }

  /** Every setting of a list flag (pflag string slices append when repeated). */
  all(name: string): readonly FlagSetting[] {
    return this.settings.get(name) ?? [];
  }

  /** The items of a comma-separated list flag across its settings, trimmed, with the setting each comes from. */
  listItems(name: string): Array<{ item: string; setting: FlagSetting }> {
    return this.all(name).flatMap((setting) =>
      setting.value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => ({ item, setting })),
    );
  }

  /** A boolean flag as the component reads it (Go's strconv.ParseBool); `fallback` when unset or unreadable. */
  bool(name: string, fallback: boolean): boolean {
    const v = this.flag(name)?.value;
    if (v === undefined) return fallback;
    if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
    if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
    return fallback;
  }

  /** Where to report about a flag: its line when written, else the anchor. */
  spanOf(setting: FlagSetting | undefined): Span {
    return setting?.span ?? this.anchor;
  }

  /** Edits adding `--name=value` (or the kubeadm extraArgs entry). */
  addFlag(text: string, name: string, value: string): TextEdit[] | undefined {
    return this.adder(text, name, value);
  }

  /** Edits replacing a written setting's value. */
  setValue(text: string, setting: FlagSetting, value: string): TextEdit[] | undefined {
    const s = setting.source;
    if (!s) return this.addFlag(text, setting.name, value);
    if (s.kind === 'arg') return s.valueItem ? replaceNode(this.doc, text, s.valueItem, value) : replaceNode(this.doc, text, s.item, `--${setting.name}=${value}`);
    return s.valueNode ? replaceNode(this.doc, text, s.valueNode, value) : undefined;
  }

  /** Edits removing a written setting (none for the two-item `--name value` form). */
  remove(text: string, setting: FlagSetting): TextEdit[] | undefined {
    const s = setting.source;
    if (!s) return undefined;
    if (s.kind === 'arg') return s.valueItem ? undefined : removeSeqItem(this.doc, text, s.seq, s.item);
    if (s.kind === 'map') return removeIn(this.doc, text, s.map, [s.key]);
    return removeSeqItem(this.doc, text, s.seq, s.item);
  }

  private set(setting: FlagSetting): void {
    // An extraArgs entry replaces kubeadm's default for the flag (kubeadm merges its defaults with extraArgs by name).
    const list = this.settings.get(setting.name)?.filter((s) => s.source !== undefined);
    this.settings.set(setting.name, list ? [...list, setting] : [setting]);
  }

  /** A container running a control-plane component, else undefined. */
  static fromContainer(c: ContainerView): ControlPlaneView | undefined {
    const doc = c.doc;
    const command = asSeq(c.get(['command']), doc);
    const args = asSeq(c.get(['args']), doc);
    const cmdItems = command ? argItems(command, doc) : [];
    const argList = args ? argItems(args, doc) : [];
    let component: ControlPlaneComponent | undefined;
    let flagItems: Array<{ seq: YAMLSeq; item: Node; value: string }>;
    if (cmdItems.length > 0) {
      const program = basename(cmdItems[0]!.value);
      if (SHELLS.has(program)) return undefined;
      component = asComponent(program);
      flagItems = [...cmdItems.slice(1), ...argList];
    } else if (argList.length > 0 && asComponent(basename(argList[0]!.value))) {
      component = asComponent(basename(argList[0]!.value));
      flagItems = argList.slice(1);
    } else {
      const image = scalarValue(c.get(['image']), doc);
      component = typeof image === 'string' ? asComponent(imageName(image)) : undefined;
      flagItems = argList;
    }
    if (!component) return undefined;
    const flagSeq = command ?? args;
    const anchor = keySpan(c.pair([command ? 'command' : 'args'])) ?? c.nearestSpan(['command']);
    const adder = (text: string, name: string, value: string) => (flagSeq ? addToSeq(doc, text, c.node, [command ? 'command' : 'args'], [`--${name}=${value}`]) : undefined);
    const view = new ControlPlaneView(component, 'manifest', `${component} (container "${c.name}")`, anchor, doc, adder, c.name);
    for (let i = 0; i < flagItems.length; i++) {
      const { seq, item, value } = flagItems[i]!;
      const m = /^--?([A-Za-z0-9][A-Za-z0-9-]*)(?:=(.*))?$/s.exec(value);
      if (!m) continue;
      const name = m[1]!;
      if (m[2] !== undefined || BOOLEAN_FLAGS.has(name)) {
        view.set({ name, value: m[2] ?? 'true', span: nodeSpan(item), source: { kind: 'arg', seq, item } });
        continue;
      }
      const next = flagItems[i + 1];
      if (next && !next.value.startsWith('-')) {
        view.set({ name, value: next.value, span: nodeSpan(item), source: { kind: 'arg', seq, item, valueItem: next.item } });
        i++;
      } else {
        view.set({ name, value: '', span: nodeSpan(item), source: { kind: 'arg', seq, item } });
      }
    }
    return view;
  }

  /** The components a kubeadm ClusterConfiguration generates (etcd only when local). */
  static fromKubeadm(resource: ResourceView): ControlPlaneView[] {
    const { root, doc } = resource;
    const v1beta4 = resource.apiVersion === 'kubeadm.k8s.io/v1beta4';
    const out: ControlPlaneView[] = [];
    for (const k of KUBEADM_COMPONENTS) {
      if (k.component === 'etcd' && asMap(getNode(root, 'etcd'), doc) && getNode(asMap(getNode(root, 'etcd'), doc), 'external') !== undefined) continue;
      out.push(kubeadmComponent(resource, k, v1beta4));
    }
    return out;
    function kubeadmComponent(r: ResourceView, k: KubeadmComponent, listForm: boolean): ControlPlaneView {
      const parent = k.path.reduce<YAMLMap | undefined>((m, key) => asMap(getNode(m, key), doc), root);
      const extraPair = getPair(parent, 'extraArgs');
      const anchor = keySpan(extraPair) ?? nearestKeySpan(root, k.path, doc) ?? r.kindSpan;
      const adder = (text: string, name: string, value: string) =>
        listForm ? addToSeq(doc, text, root, [...k.path, 'extraArgs'], [{ name, value }]) : setIn(doc, text, root, [...k.path, 'extraArgs', name], value);
      const view = new ControlPlaneView(k.component, 'kubeadm', `${k.component} (kubeadm ${k.path.join('.')})`, anchor, doc, adder);
      for (const [name, value] of kubeadmDefaults(k.component, r)) view.set({ name, value });
      const extra = extraPair?.value;
      const map = asMap(extra, doc);
      const seq = asSeq(extra, doc);
      if (map) {
        for (const item of map.items) {
          const key = scalarValue(item.key, doc);
          const value = flagText(scalarValue(item.value, doc));
          if (typeof key !== 'string' || value === undefined) continue;
          view.set({ name: key, value, span: pairSpan(item as never), source: { kind: 'map', map, key, valueNode: (item.value ?? undefined) as Node | undefined } });
        }
      } else if (seq) {
        for (const item of seqItems(seq, doc)) {
          const entry = asMap(item, doc);
          const name = scalarValue(getNode(entry, 'name'), doc);
          const valuePair = getPair(entry, 'value');
          const value = valuePair ? flagText(scalarValue(valuePair.value, doc)) : '';
          if (typeof name !== 'string' || value === undefined) continue;
          const span = pairSpan(valuePair) ?? pairSpan(getPair(entry, 'name'));
          view.set({ name, value, span, source: { kind: 'list', seq, item, valueNode: valuePair?.value ?? undefined } });
        }
      }
      return view;
    }
  }
}

/** The control-plane components a Kubernetes object runs or generates, computed once per document. */
export function controlPlaneViews(resource: ResourceView, views: DocumentViews): readonly ControlPlaneView[] {
  return views.memo(resource.root, 'controlPlane', () => {
    if (resource.kind === 'ClusterConfiguration' && resource.apiVersion.startsWith('kubeadm.k8s.io/')) return ControlPlaneView.fromKubeadm(resource);
    const pod = resource.podSpec();
    if (!pod) return [];
    return pod.containers.map((c) => ControlPlaneView.fromContainer(c)).filter((v): v is ControlPlaneView => v !== undefined);
  });
}

/** The string items of a command or args list (numbers and booleans as YAML wrote them). */
function argItems(seq: YAMLSeq, doc: YamlDocument): Array<{ seq: YAMLSeq; item: Node; value: string }> {
  const out: Array<{ seq: YAMLSeq; item: Node; value: string }> = [];
  for (const item of seqItems(seq, doc)) {
    const value = flagText(scalarValue(item, doc));
    if (value !== undefined) out.push({ seq, item, value });
  }
  return out;
}

function flagText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  return undefined;
}

function basename(path: string): string {
  const trimmed = path.trim();
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `registry.k8s.io/kube-apiserver:v1.31.0` -> `kube-apiserver` (the last path part without tag or digest). */
function imageName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0]!;
}

function asComponent(name: string): ControlPlaneComponent | undefined {
  return (CONTROL_PLANE_COMPONENTS as readonly string[]).includes(name) ? (name as ControlPlaneComponent) : undefined;
}
