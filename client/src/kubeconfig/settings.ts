/**
 * The explorer's settings (under the `shipshape` section). The path setting is
 * `shipshape.kubeconfig.path`, not `shipshape.kubeconfig`: VS Code's
 * configuration tree cannot hold both a value at `shipshape.kubeconfig` and a
 * child `shipshape.kubeconfig.protectedContexts` (it ignores one of them).
 */
import { DEFAULT_PROTECTED_CONTEXTS } from './tree-model';

export const SETTING_PATH = 'kubeconfig.path';
export const SETTING_PROTECTED = 'kubeconfig.protectedContexts';

export interface ExplorerSettings {
  /** The kubeconfig file, or undefined for KUBECONFIG / ~/.kube/config. */
  path: string | undefined;
  protectedContexts: string[];
}

/** Normalise raw setting values (anything a user can type in settings.json). */
export function explorerSettings(path: unknown, protectedContexts: unknown): ExplorerSettings {
  return {
    path: typeof path === 'string' && path.trim() !== '' ? path.trim() : undefined,
    protectedContexts: Array.isArray(protectedContexts) ? protectedContexts.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [...DEFAULT_PROTECTED_CONTEXTS],
  };
}
