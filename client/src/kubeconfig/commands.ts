/**
 * The kubeconfig explorer's commands as a table: id -> handler over the
 * explorer's actions. Only type imports here, so tests check the table
 * against package.json without VS Code.
 */
export const KUBECONFIG_VIEW = 'shipshape.kubeconfig';

export const KUBECONFIG_COMMAND_IDS = {
  useContext: 'shipshape.kubeconfig.useContext',
  setNamespace: 'shipshape.kubeconfig.setNamespace',
  copyServerUrl: 'shipshape.kubeconfig.copyServerUrl',
  reveal: 'shipshape.kubeconfig.reveal',
  lint: 'shipshape.kubeconfig.lint',
  refresh: 'shipshape.kubeconfig.refresh',
  chooseFile: 'shipshape.kubeconfig.chooseFile',
} as const;

/** What the explorer can do; `arg` is the tree node a menu passes, a context name, or nothing (palette). */
export interface KubeconfigActions {
  useContext(arg?: unknown): Promise<void>;
  setNamespace(arg?: unknown): Promise<void>;
  copyServerUrl(arg?: unknown): Promise<void>;
  reveal(arg?: unknown): Promise<void>;
  lint(): Promise<void>;
  refresh(): Promise<void>;
  chooseFile(): Promise<void>;
}

export const KUBECONFIG_COMMANDS: Readonly<Record<string, (k: KubeconfigActions, arg?: unknown) => unknown>> = {
  [KUBECONFIG_COMMAND_IDS.useContext]: (k, arg) => k.useContext(arg),
  [KUBECONFIG_COMMAND_IDS.setNamespace]: (k, arg) => k.setNamespace(arg),
  [KUBECONFIG_COMMAND_IDS.copyServerUrl]: (k, arg) => k.copyServerUrl(arg),
  [KUBECONFIG_COMMAND_IDS.reveal]: (k, arg) => k.reveal(arg),
  [KUBECONFIG_COMMAND_IDS.lint]: (k) => k.lint(),
  [KUBECONFIG_COMMAND_IDS.refresh]: (k) => k.refresh(),
  [KUBECONFIG_COMMAND_IDS.chooseFile]: (k) => k.chooseFile(),
};

/** A namespace name Kubernetes accepts (an RFC 1123 label); undefined when valid, else why not. */
export function namespaceProblem(ns: string): string | undefined {
  if (ns === '') return 'enter a namespace';
  if (ns.length > 63) return 'at most 63 characters';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns)) return 'lowercase letters, digits and "-", starting and ending with a letter or digit';
  return undefined;
}
