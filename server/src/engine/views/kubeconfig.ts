/**
 * View over a kubeconfig file: a YAML document with `kind: Config`
 * (`apiVersion: v1`, the clientcmd format kubectl reads) that writes at
 * least one of `clusters`, `contexts` and `users`. Like workloads.ts and
 * rbac.ts, this is the one place that knows the format: rules ask
 * `KubeconfigView.from(resource)` and never look at `kind` themselves.
 *
 * Each entry keeps its YAML nodes (for spans, and for the minimal edits of
 * the kubeconfig explorer) and typed display fields. Secret material
 * (`token`, `password`, `client-key-data`, auth-provider tokens, exec
 * arguments and environment) is never copied into a display field: a secret
 * field is represented by its key and the key's span only, and URLs lose
 * any `user:password@` part.
 */
import type { YAMLMap } from 'yaml';
import type { Span } from '../types';
import type { ResourceView } from './resource';
import type { AuthMethod, CertificateAuthority, TlsMode } from '../../../../shared/kubeconfig/model';

export type { AuthMethod, CertificateAuthority, TlsMode };
import { asMap, asSeq, getNode, getPair, keySpan, nodeSpan, pairSpan, scalarValue, seqItems, stringValue } from './yaml-node';

export const KUBECONFIG_KIND = 'Config';
export const KUBECONFIG_API_VERSION = 'v1';
const LISTS = ['clusters', 'contexts', 'users'] as const;
export type KubeconfigList = (typeof LISTS)[number];

/** A string field as written, with the spans of its key and value. */
export interface TextField {
  value: string;
  span: Span;
  keySpan: Span;
}

/** A field holding secret material: only its key and where the key is. */
export interface SecretField {
  key: string;
  keySpan: Span;
}

/** One item of `clusters`, `contexts` or `users`. */
export interface NamedEntry {
  /** `name` when it is a string (`""` included), else undefined. */
  name: string | undefined;
  /** `Cluster "prod"`, `User #2` (no name) ... for messages. */
  label: string;
  index: number;
  /** The list item. */
  node: YAMLMap;
  /** The whole list item (to attach findings to the entry they fall in). */
  span: Span;
  /** The `name` value, else the body key, else the item: where entry-level findings go. */
  anchorSpan: Span;
  /** The `cluster:` / `context:` / `user:` map, when it is a map. */
  body: YAMLMap | undefined;
}


export interface KubeconfigCluster extends NamedEntry {
  /** `server` (the URL as written; may hold user info, so use `displayServer` to show it). */
  server?: TextField;
  /** `server` without any `user:password@`, for display. */
  displayServer?: string;
  /** Scheme of `server`, lowercase (`https`, `http`, ...), '' when it has none. */
  scheme: string;
  /** `server` names localhost, 127.0.0.0/8 or ::1. */
  loopback: boolean;
  /** `insecure-skip-tls-verify: true` (the pair's span), only when the value is the boolean true. */
  insecureSkipTlsVerify?: Span;
  /** Where TLS trust comes from: embedded data (which wins over a file, as in client-go), a file, or the system roots. */
  certificateAuthority: CertificateAuthority;
  certificateAuthorityFile?: string;
  tlsServerName?: string;
  /** `proxy-url` without user info. */
  proxyUrl?: string;
  tls: TlsMode;
}


/** Keys of an auth-provider's `config` that hold bearer or refresh tokens. */
export const AUTH_PROVIDER_TOKEN_KEYS: readonly string[] = ['id-token', 'refresh-token', 'access-token'];

export interface KubeconfigUser extends NamedEntry {
  /** Authentication methods the user configures (in a fixed order). Empty: anonymous. */
  authMethods: AuthMethod[];
  /** A literal `token`. */
  token?: SecretField;
  tokenFile?: string;
  username?: SecretField;
  password?: SecretField;
  clientCertificateFile?: string;
  clientKeyFile?: string;
  /** `client-certificate-data` / `client-key-data` are present (public and secret material: never copied). */
  clientCertificateData: boolean;
  clientKeyData: boolean;
  /** `exec` credential plugin: its command (arguments and env are not exposed). */
  exec?: { command?: string; apiVersion?: string; keySpan: Span };
  /** `auth-provider`: its name and the token keys its `config` holds literally. */
  authProvider?: { name?: string; keySpan: Span; tokens: SecretField[] };
  /** `as`: the user to impersonate. */
  impersonate?: string;
}

export interface KubeconfigContext extends NamedEntry {
  cluster?: TextField;
  user?: TextField;
  namespace?: TextField;
}

/** A context, or `current-context`, that names an entry the config does not define. */
export interface DanglingReference {
  target: 'cluster' | 'user' | 'context';
  name: string;
  /** The referring value. */
  span: Span;
  /** The context holding the reference; undefined for `current-context`. */
  context?: KubeconfigContext;
}

/** Names known to exist, per list; a list left undefined is not checked. */
export interface KnownNames {
  clusters?: ReadonlySet<string>;
  users?: ReadonlySet<string>;
  contexts?: ReadonlySet<string>;
}

/** Display model of a kubeconfig: plain data, free of secret material (safe to print or send). */
export interface KubeconfigSummary {
  currentContext?: string;
  contexts: Array<{ name?: string; current: boolean; cluster?: string; user?: string; namespace?: string }>;
  clusters: Array<{ name?: string; server?: string; tls: TlsMode; certificateAuthority: CertificateAuthority; tlsServerName?: string; proxyUrl?: string }>;
  users: Array<{ name?: string; authMethods: AuthMethod[]; tokenFile?: string; clientCertificate?: string; exec?: string; authProvider?: string; impersonate?: string }>;
}

/** A value that configures something: a non-empty scalar or any collection (kubectl treats "" like absent). */
function isSet(node: unknown, resource: ResourceView): boolean {
  if (asMap(node, resource.doc) || asSeq(node, resource.doc)) return true;
  const v = scalarValue(node, resource.doc);
  return v !== undefined && v !== null && v !== '';
}

function textField(map: YAMLMap | undefined, key: string, resource: ResourceView): TextField | undefined {
  const pair = getPair(map, key);
  const value = stringValue(pair?.value, resource.doc);
  const span = nodeSpan(pair?.value);
  const kSpan = keySpan(pair);
  return value !== undefined && span && kSpan ? { value, span, keySpan: kSpan } : undefined;
}

function secretField(map: YAMLMap | undefined, key: string, resource: ResourceView): SecretField | undefined {
  const pair = getPair(map, key);
  const kSpan = keySpan(pair);
  return pair && kSpan && isSet(pair.value, resource) ? { key, keySpan: kSpan } : undefined;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

/** `scheme://user:password@host/...` -> `scheme://host/...`; anything else unchanged. */
export function withoutUserInfo(url: string): string {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return url;
  const hostStart = schemeEnd + 3;
  let authorityEnd = url.length;
  for (const c of ['/', '?', '#']) {
    const i = url.indexOf(c, hostStart);
    if (i >= 0 && i < authorityEnd) authorityEnd = i;
  }
  const at = url.lastIndexOf('@', authorityEnd - 1);
  return at >= hostStart ? url.slice(0, hostStart) + url.slice(at + 1) : url;
}

function schemeOf(url: string): string {
  const i = url.indexOf('://');
  return i > 0 ? url.slice(0, i).trim().toLowerCase() : '';
}

function isLoopbackHost(url: string): boolean {
  let host: string;
  try {
    host = new URL(withoutUserInfo(url.trim())).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

const LABELS: Record<KubeconfigList, string> = { clusters: 'Cluster', contexts: 'Context', users: 'User' };
const BODIES: Record<KubeconfigList, string> = { clusters: 'cluster', contexts: 'context', users: 'user' };

function entries(resource: ResourceView, list: KubeconfigList): NamedEntry[] {
  const out: NamedEntry[] = [];
  seqItems(resource.get([list]), resource.doc).forEach((item, index) => {
    const node = asMap(item, resource.doc);
    const span = nodeSpan(node);
    if (!node || !span) return;
    const namePair = getPair(node, 'name');
    const name = stringValue(namePair?.value, resource.doc);
    const bodyPair = getPair(node, BODIES[list]);
    const label = name !== undefined ? `${LABELS[list]} "${name}"` : `${LABELS[list]} #${index + 1}`;
    const anchorSpan = nodeSpan(namePair?.value) ?? keySpan(namePair) ?? keySpan(bodyPair) ?? span;
    out.push({ name, label, index, node, span, anchorSpan, body: asMap(bodyPair?.value, resource.doc) });
  });
  return out;
}

function clusterOf(entry: NamedEntry, resource: ResourceView): KubeconfigCluster {
  const body = entry.body;
  const str = (key: string): string | undefined => nonEmpty(stringValue(getNode(body, key), resource.doc));
  const server = textField(body, 'server', resource);
  const scheme = server ? schemeOf(server.value) : '';
  const insecurePair = getPair(body, 'insecure-skip-tls-verify');
  const insecure = scalarValue(insecurePair?.value, resource.doc) === true ? pairSpan(insecurePair) : undefined;
  const caFile = str('certificate-authority');
  const proxy = str('proxy-url');
  return {
    ...entry,
    server,
    displayServer: server && withoutUserInfo(server.value),
    scheme,
    loopback: server !== undefined && isLoopbackHost(server.value),
    insecureSkipTlsVerify: insecure,
    certificateAuthority: isSet(getNode(body, 'certificate-authority-data'), resource) ? 'data' : caFile !== undefined ? 'file' : 'none',
    certificateAuthorityFile: caFile,
    tlsServerName: str('tls-server-name'),
    proxyUrl: proxy && withoutUserInfo(proxy),
    tls: scheme === 'http' ? 'plain-http' : scheme !== 'https' ? 'unknown' : insecure ? 'insecure-skip-tls-verify' : 'verified',
  };
}

function userOf(entry: NamedEntry, resource: ResourceView): KubeconfigUser {
  const body = entry.body;
  const str = (key: string, map = body): string | undefined => nonEmpty(stringValue(getNode(map, key), resource.doc));
  const execPair = getPair(body, 'exec');
  const exec = asMap(execPair?.value, resource.doc);
  const execKey = keySpan(execPair);
  const providerPair = getPair(body, 'auth-provider');
  const provider = asMap(providerPair?.value, resource.doc);
  const providerKey = keySpan(providerPair);
  const providerConfig = asMap(getNode(provider, 'config'), resource.doc);
  const user: KubeconfigUser = {
    ...entry,
    authMethods: [],
    token: secretField(body, 'token', resource),
    tokenFile: str('tokenFile'),
    username: secretField(body, 'username', resource),
    password: secretField(body, 'password', resource),
    clientCertificateFile: str('client-certificate'),
    clientKeyFile: str('client-key'),
    clientCertificateData: isSet(getNode(body, 'client-certificate-data'), resource),
    clientKeyData: isSet(getNode(body, 'client-key-data'), resource),
    exec: exec && execKey ? { command: str('command', exec), apiVersion: str('apiVersion', exec), keySpan: execKey } : undefined,
    authProvider:
      provider && providerKey
        ? {
            name: str('name', provider),
            keySpan: providerKey,
            tokens: AUTH_PROVIDER_TOKEN_KEYS.map((k) => secretField(providerConfig, k, resource)).filter((f): f is SecretField => f !== undefined),
          }
        : undefined,
    impersonate: str('as'),
  };
  const methods: Array<[AuthMethod, boolean]> = [
    ['client-certificate', user.clientCertificateData || user.clientCertificateFile !== undefined],
    ['token', user.token !== undefined],
    ['token-file', user.tokenFile !== undefined],
    ['exec', user.exec !== undefined],
    ['auth-provider', user.authProvider !== undefined],
    ['basic-auth', user.username !== undefined || user.password !== undefined],
  ];
  user.authMethods = methods.filter(([, on]) => on).map(([m]) => m);
  return user;
}

function contextOf(entry: NamedEntry, resource: ResourceView): KubeconfigContext {
  const field = (key: string): TextField | undefined => textField(entry.body, key, resource);
  return { ...entry, cluster: field('cluster'), user: field('user'), namespace: field('namespace') };
}

const views = new WeakMap<ResourceView, KubeconfigView | null>();

export class KubeconfigView {
  readonly clusters: readonly KubeconfigCluster[];
  readonly contexts: readonly KubeconfigContext[];
  readonly users: readonly KubeconfigUser[];
  /** `current-context`, when it is a string (`""`: none). */
  readonly currentContext: TextField | undefined;

  private constructor(readonly resource: ResourceView) {
    this.clusters = entries(resource, 'clusters').map((e) => clusterOf(e, resource));
    this.contexts = entries(resource, 'contexts').map((e) => contextOf(e, resource));
    this.users = entries(resource, 'users').map((e) => userOf(e, resource));
    this.currentContext = textField(resource.root, 'current-context', resource);
  }

  /** A view when the object is a kubeconfig (`kind: Config`, `apiVersion: v1`, with clusters, contexts or users), else undefined. */
  static from(resource: ResourceView): KubeconfigView | undefined {
    let view = views.get(resource);
    if (view === undefined) {
      const isKubeconfig =
        resource.kind === KUBECONFIG_KIND &&
        resource.apiVersion === KUBECONFIG_API_VERSION &&
        LISTS.some((list) => getPair(resource.root, list) !== undefined);
      view = isKubeconfig ? new KubeconfigView(resource) : null;
      views.set(resource, view);
    }
    return view ?? undefined;
  }

  /** The first entry of that name (kubectl rejects duplicates in one file; across files the first wins). */
  cluster(name: string): KubeconfigCluster | undefined {
    return this.clusters.find((c) => c.name === name);
  }

  user(name: string): KubeconfigUser | undefined {
    return this.users.find((u) => u.name === name);
  }

  context(name: string): KubeconfigContext | undefined {
    return this.contexts.find((c) => c.name === name);
  }

  /**
   * The names this file defines, per list. A list the file leaves empty (or
   * out) is unknown rather than empty: the file is then one part of a
   * KUBECONFIG list (kubectl writes `current-context` to the first file,
   * whatever it defines), so references into it are resolved elsewhere.
   */
  knownNames(): KnownNames {
    const names = (list: readonly NamedEntry[]): ReadonlySet<string> | undefined =>
      list.length === 0 ? undefined : new Set(list.map((e) => e.name).filter((n): n is string => n !== undefined));
    return { clusters: names(this.clusters), users: names(this.users), contexts: names(this.contexts) };
  }

  /** Plain display data with no secret material in it. */
  summary(): KubeconfigSummary {
    const current = this.currentContext?.value;
    const opt = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
    return opt({
      currentContext: nonEmpty(current),
      contexts: this.contexts.map((c) =>
        opt({ name: c.name, current: c.name !== undefined && c.name === current, cluster: c.cluster?.value, user: c.user?.value, namespace: c.namespace?.value }),
      ),
      clusters: this.clusters.map((c) =>
        opt({ name: c.name, server: c.displayServer, tls: c.tls, certificateAuthority: c.certificateAuthority, tlsServerName: c.tlsServerName, proxyUrl: c.proxyUrl }),
      ),
      users: this.users.map((u) =>
        opt({
          name: u.name,
          authMethods: u.authMethods,
          tokenFile: u.tokenFile,
          clientCertificate: u.clientCertificateFile,
          exec: u.exec?.command,
          authProvider: u.authProvider?.name,
          impersonate: u.impersonate,
        }),
      ),
    });
  }
}

/**
 * References that name nothing: a context's `cluster` or `user`, and
 * `current-context`. Empty references (`user: ""`) name nothing and are not
 * dangling. `known` defaults to the names the file itself defines; the
 * merged view of several files passes the merged names.
 */
export function danglingReferences(view: KubeconfigView, known: KnownNames = view.knownNames()): DanglingReference[] {
  const out: DanglingReference[] = [];
  const check = (target: DanglingReference['target'], field: TextField | undefined, names: ReadonlySet<string> | undefined, context?: KubeconfigContext): void => {
    if (!field || field.value === '' || !names || names.has(field.value)) return;
    const ref: DanglingReference = { target, name: field.value, span: field.span };
    if (context) ref.context = context;
    out.push(ref);
  };
  for (const context of view.contexts) {
    check('cluster', context.cluster, known.clusters, context);
    check('user', context.user, known.users, context);
  }
  check('context', view.currentContext, known.contexts);
  return out.sort((a, b) => a.span.start - b.span.start);
}
