/**
 * The merged kubeconfig as plain data: what the engine's `mergeKubeconfigs`
 * builds, the language server sends to the explorer (`shipshape/kubeconfig`),
 * the explorer draws and the CLI prints. Types only, no imports: the engine,
 * the server, the CLI and the VS Code client all read this one definition.
 *
 * Nothing here holds secret material (tokens, passwords, key data, exec
 * args/env): the engine copies only display fields.
 */

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface OffsetSpan {
  /** UTF-16 offsets into the file text. */
  start: number;
  end: number;
}

/** A kubeconfig rule's finding, located in its file. */
export interface KubeconfigFindingData {
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  span: OffsetSpan;
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
}

export type TlsMode = 'verified' | 'insecure-skip-tls-verify' | 'plain-http' | 'unknown';
export type CertificateAuthority = 'data' | 'file' | 'none';
export type AuthMethod = 'client-certificate' | 'token' | 'token-file' | 'exec' | 'auth-provider' | 'basic-auth';

export type FileStatus = 'ok' | 'missing' | 'unreadable' | 'malformed';

export interface KubeconfigFileState<F = KubeconfigFindingData> {
  path: string;
  status: FileStatus;
  /** One line: why the file is unreadable or malformed. */
  error?: string;
  /** 1-based line of a parse error, when known. */
  errorLine?: number;
  /** Findings of the kubeconfig rules in this file (every entry, shadowed ones included). */
  findings: F[];
}

/** Where an entry is defined. */
export interface EntrySource {
  file: string;
  /** The entry's `name` value (or the item): where "reveal" goes. */
  span: OffsetSpan;
  /** 1-based line of `span.start`. */
  line: number;
}

export interface ClusterInfo extends EntrySource {
  name: string;
  /** Server URL without any `user:password@`. */
  server?: string;
  tls: TlsMode;
  certificateAuthority: CertificateAuthority;
  tlsServerName?: string;
  proxyUrl?: string;
}

export interface UserInfo extends EntrySource {
  name: string;
  authMethods: AuthMethod[];
  tokenFile?: string;
  clientCertificate?: string;
  exec?: string;
  authProvider?: string;
  impersonate?: string;
}

export interface ContextInfo<F = KubeconfigFindingData> extends EntrySource {
  name: string;
  current: boolean;
  cluster?: string;
  user?: string;
  namespace?: string;
  /** The merged cluster and user it names (undefined: dangling or unset). */
  clusterInfo?: ClusterInfo;
  userInfo?: UserInfo;
  /** Findings about this context, its cluster or its user. */
  findings: F[];
}

export interface ShadowedEntry {
  list: 'clusters' | 'contexts' | 'users';
  name: string;
  file: string;
  line: number;
  /** The file whose definition wins. */
  winner: string;
}

export interface MergedKubeconfig<F = KubeconfigFindingData> {
  files: KubeconfigFileState<F>[];
  contexts: ContextInfo<F>[];
  clusters: ClusterInfo[];
  users: UserInfo[];
  /** The merged `current-context` (undefined when no file sets a non-empty one). */
  currentContext?: string;
  /** The file it comes from. */
  currentContextFile?: string;
  /** Later definitions of a name an earlier file (or an earlier item) already defines. */
  shadowed: ShadowedEntry[];
  /** Every finding of every file. */
  findings: F[];
}

/** One file as the caller read it. */
export interface KubeconfigFileInput {
  path: string;
  /** The text; undefined when the file does not exist or could not be read. */
  text?: string;
  /** Why it could not be read (one line, e.g. "permission denied"); undefined when it is simply missing. */
  readError?: string;
}

/** The result of a minimal kubeconfig edit: the new text, or why it was refused. */
export type KubeconfigEditResult = { ok: true; text: string; edit: { start: number; end: number; text: string } } | { ok: false; error: string };
