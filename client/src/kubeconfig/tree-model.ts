/**
 * The kubeconfig explorer's tree as plain data, built from the merged model
 * the language server sends (no VS Code here, so it is unit-tested under node:test).
 * explorer.ts only maps these nodes to `vscode.TreeItem`s.
 *
 * Nothing in a node comes from a secret field: the model holds none.
 */
import picomatch from 'picomatch';
import type { ContextInfo, FindingSeverity as Severity, KubeconfigFileState, MergedKubeconfig } from '../../../shared/kubeconfig/model';

export const DEFAULT_PROTECTED_CONTEXTS: readonly string[] = ['*prod*', '*production*'];

/** `contextValue`s used by package.json menus (`viewItem == ...`). */
export const ITEM = {
  context: 'kubeconfigContext',
  currentContext: 'kubeconfigContext.current',
  cluster: 'kubeconfigCluster',
  user: 'kubeconfigUser',
  namespace: 'kubeconfigNamespace',
  file: 'kubeconfigFile',
  fileError: 'kubeconfigFileError',
  finding: 'kubeconfigFinding',
} as const;

export interface Reveal {
  file: string;
  /** 1-based. */
  line: number;
}

export interface TreeNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id (`$(id)` without the decoration); `color` is a theme color id. */
  icon?: { id: string; color?: string };
  contextValue: string;
  children?: TreeNode[];
  /** Where "Reveal in Kubeconfig" goes. */
  reveal?: Reveal;
  /** The context this node belongs to. */
  context?: string;
  /** Cluster nodes: the server URL (without user info) for "Copy Server URL". */
  server?: string;
}

/** Does a context name match one of the protected-context globs (case-insensitive)? */
export function isProtected(name: string, patterns: readonly string[]): boolean {
  const valid = patterns.filter((p) => typeof p === 'string' && p.trim() !== '');
  if (valid.length === 0) return false;
  try {
    // Context names are not paths (EKS names hold `/`): `bash` makes `*` match any character.
    return picomatch(valid, { nocase: true, dot: true, bash: true })(name);
  } catch {
    return false;
  }
}

const TLS_TEXT = {
  verified: 'TLS verified',
  'insecure-skip-tls-verify': 'TLS NOT verified (insecure-skip-tls-verify)',
  'plain-http': 'plain HTTP, no TLS',
  unknown: 'TLS unknown',
} as const;

const AUTH_TEXT: Record<string, string> = {
  'client-certificate': 'client certificate',
  token: 'bearer token',
  'token-file': 'token file',
  exec: 'exec plugin',
  'auth-provider': 'auth provider',
  'basic-auth': 'basic auth',
};

const SEVERITY_ICON: Record<Severity, { id: string; color: string }> = {
  error: { id: 'error', color: 'problemsErrorIcon.foreground' },
  warning: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  info: { id: 'info', color: 'problemsInfoIcon.foreground' },
};

function worst(severities: readonly Severity[]): Severity | undefined {
  return severities.includes('error') ? 'error' : severities.includes('warning') ? 'warning' : severities.includes('info') ? 'info' : undefined;
}

/** "1 error, 2 warnings": the error and warning findings of a context. */
function problemCount(severities: readonly Severity[]): string {
  const n = (s: Severity, word: string) => {
    const k = severities.filter((x) => x === s).length;
    return k === 0 ? undefined : `${k} ${word}${k === 1 ? '' : 's'}`;
  };
  return [n('error', 'error'), n('warning', 'warning')].filter(Boolean).join(', ');
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function contextNode(c: ContextInfo, protectedPatterns: readonly string[]): TreeNode {
  const prot = isProtected(c.name, protectedPatterns);
  const sev = worst(c.findings.map((f) => f.severity));
  const id = `ctx:${c.name}`;
  const children: TreeNode[] = [];
  const cl = c.clusterInfo;
  children.push({
    id: `${id}/cluster`,
    label: `Cluster: ${c.cluster ?? '(none)'}`,
    description: cl ? `${cl.server ?? '(no server)'} · ${TLS_TEXT[cl.tls]}` : c.cluster !== undefined ? 'not defined in any file' : undefined,
    tooltip: cl
      ? [`Server: ${cl.server ?? '(none)'}`, TLS_TEXT[cl.tls], `CA: ${cl.certificateAuthority === 'none' ? 'system roots' : cl.certificateAuthority === 'data' ? 'embedded' : 'file'}`, ...(cl.tlsServerName ? [`TLS server name: ${cl.tlsServerName}`] : []), ...(cl.proxyUrl ? [`Proxy: ${cl.proxyUrl}`] : []), `Defined in ${cl.file}:${cl.line}`].join('\n')
      : undefined,
    icon: { id: cl && cl.tls !== 'verified' ? 'unlock' : 'server' , ...(cl && cl.tls !== 'verified' ? { color: 'problemsWarningIcon.foreground' } : {}) },
    contextValue: ITEM.cluster,
    context: c.name,
    ...(cl ? { reveal: { file: cl.file, line: cl.line } } : {}),
    ...(cl?.server ? { server: cl.server } : {}),
  } as TreeNode);
  const us = c.userInfo;
  children.push({
    id: `${id}/user`,
    label: `User: ${c.user ?? '(none)'}`,
    description: us ? (us.authMethods.length ? us.authMethods.map((m) => AUTH_TEXT[m] ?? m).join(', ') : 'anonymous') : c.user !== undefined ? 'not defined in any file' : undefined,
    tooltip: us
      ? [`Auth: ${us.authMethods.map((m) => AUTH_TEXT[m] ?? m).join(', ') || 'none'}`, ...(us.exec ? [`Exec: ${us.exec}`] : []), ...(us.authProvider ? [`Auth provider: ${us.authProvider}`] : []), ...(us.tokenFile ? [`Token file: ${us.tokenFile}`] : []), ...(us.clientCertificate ? [`Client certificate: ${us.clientCertificate}`] : []), ...(us.impersonate ? [`Impersonates: ${us.impersonate}`] : []), `Defined in ${us.file}:${us.line}`].join('\n')
      : undefined,
    icon: { id: 'account' },
    contextValue: ITEM.user,
    context: c.name,
    ...(us ? { reveal: { file: us.file, line: us.line } } : {}),
  } as TreeNode);
  children.push({ id: `${id}/namespace`, label: `Namespace: ${c.namespace || 'default'}`, ...(c.namespace ? {} : { description: 'not set' }), icon: { id: 'symbol-namespace' }, contextValue: ITEM.namespace, context: c.name, reveal: { file: c.file, line: c.line } });
  children.push({ id: `${id}/file`, label: `File: ${baseName(c.file)}`, description: c.file, tooltip: `${c.file}:${c.line}`, icon: { id: 'file' }, contextValue: ITEM.file, context: c.name, reveal: { file: c.file, line: c.line } });
  c.findings.forEach((f, i) => {
    children.push({ id: `${id}/finding/${i}`, label: f.message, description: f.ruleId, tooltip: `${f.severity}: ${f.message} (${f.ruleId}, ${f.file}:${f.line})`, icon: SEVERITY_ICON[f.severity], contextValue: ITEM.finding, context: c.name, reveal: { file: f.file, line: f.line } });
  });
  // The current context keeps its check mark whatever it holds (coloured by its worst finding) and says what it holds in words;
  // another context shows its worst finding as its icon.
  const problems = c.current && (sev === 'error' || sev === 'warning') ? problemCount(c.findings.map((f) => f.severity)) : undefined;
  const description = [c.current ? 'current' : undefined, c.namespace ? `ns: ${c.namespace}` : undefined, prot ? 'protected' : undefined, problems].filter(Boolean).join(' · ');
  const tooltip = [
    `Context ${c.name}${c.current ? ' (current)' : ''}${prot ? ' (protected: switching asks for confirmation)' : ''}`,
    `Cluster: ${c.cluster ?? '(none)'}${cl?.server ? ` (${cl.server})` : ''}`,
    `User: ${c.user ?? '(none)'}`,
    `Namespace: ${c.namespace || 'default'}`,
    `File: ${c.file}:${c.line}`,
    ...(c.findings.length ? ['', 'Findings:', ...c.findings.map((f) => `- ${f.severity}: ${f.message} (${f.ruleId})`)] : []),
  ].join('\n');
  const icon = c.current
    ? { id: 'pass-filled', color: sev === 'error' || sev === 'warning' ? SEVERITY_ICON[sev].color : 'charts.green' }
    : sev === 'error' || sev === 'warning'
      ? SEVERITY_ICON[sev]
      : prot
        ? { id: 'shield' }
        : { id: 'circle-outline' };
  return {
    id,
    label: c.name,
    ...(description ? { description } : {}),
    tooltip,
    icon,
    contextValue: c.current ? ITEM.currentContext : ITEM.context,
    children,
    context: c.name,
    reveal: { file: c.file, line: c.line },
    ...(cl?.server ? { server: cl.server } : {}),
  };
}

function fileErrorNode(f: KubeconfigFileState): TreeNode {
  return {
    id: `file-error:${f.path}`,
    label: `${baseName(f.path)}: ${f.status === 'malformed' ? 'does not parse' : 'cannot be read'}`,
    description: f.error,
    tooltip: `${f.path}${f.errorLine ? `:${f.errorLine}` : ''}\n${f.error ?? ''}\nNothing is written to this file until it is fixed.`,
    icon: SEVERITY_ICON.error,
    contextValue: ITEM.fileError,
    ...(f.status === 'malformed' ? { reveal: { file: f.path, line: f.errorLine ?? 1 } } : {}),
  };
}

/** The roots of the tree: one error node per broken file, then one node per context (in kubectl's merge order). */
export function buildTree(model: MergedKubeconfig, protectedPatterns: readonly string[] = DEFAULT_PROTECTED_CONTEXTS): TreeNode[] {
  const errors = model.files.filter((f) => f.status === 'malformed' || f.status === 'unreadable').map(fileErrorNode);
  return [...errors, ...model.contexts.map((c) => contextNode(c, protectedPatterns))];
}

/** What the view shows when there is nothing to list: drives the `shipshape.kubeconfig.state` context key and welcome content. */
export type ViewState = 'none' | 'empty' | 'ok';

export function viewState(model: MergedKubeconfig): ViewState {
  if (model.files.every((f) => f.status === 'missing')) return 'none';
  return model.contexts.length === 0 && model.files.every((f) => f.status !== 'malformed' && f.status !== 'unreadable') ? 'empty' : 'ok';
}

/** Status bar text and tooltip: the current context and its namespace. */
export function statusBar(model: MergedKubeconfig, protectedPatterns: readonly string[] = DEFAULT_PROTECTED_CONTEXTS): { text: string; tooltip: string; warning: boolean } {
  const name = model.currentContext;
  if (name === undefined) return { text: '$(symbol-namespace) no context', tooltip: 'No current kubeconfig context. Click to choose one.', warning: false };
  const ctx = model.contexts.find((c) => c.name === name);
  const ns = ctx?.namespace || 'default';
  const prot = isProtected(name, protectedPatterns);
  return {
    text: `${prot ? '$(shield)' : '$(symbol-namespace)'} ${name}: ${ns}`,
    tooltip: `Kubeconfig context ${name}${ctx ? '' : ' (not defined in any file)'}, namespace ${ns}${prot ? ' (protected)' : ''}. Click to switch.`,
    warning: prot,
  };
}

/** Quick pick items to switch context: the current one first marked, protected ones marked. */
export function contextPicks(model: MergedKubeconfig, protectedPatterns: readonly string[] = DEFAULT_PROTECTED_CONTEXTS): Array<{ label: string; description: string; detail?: string; name: string }> {
  return model.contexts.map((c) => ({
    label: `${c.current ? '$(pass-filled) ' : ''}${isProtected(c.name, protectedPatterns) ? '$(shield) ' : ''}${c.name}`,
    description: [c.current ? 'current' : '', `ns: ${c.namespace || 'default'}`, c.cluster ? `cluster: ${c.cluster}` : ''].filter(Boolean).join(' · '),
    ...(c.clusterInfo?.server ? { detail: c.clusterInfo.server } : {}),
    name: c.name,
  }));
}

/** The argument a command received (a tree node, or a context name from the palette/API) as a context name. */
export function contextNameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as TreeNode).context === 'string') return (arg as TreeNode).context;
  return undefined;
}
