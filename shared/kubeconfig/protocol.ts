/**
 * The kubeconfig requests between the VS Code explorer and the language
 * server. The explorer reads and writes the files itself (shared/io); the
 * server merges and lints them with the user's settings and `.shipshape.yaml`
 * (and publishes the findings as diagnostics when asked), and computes the
 * minimal edits. Types and names only: both sides import this file.
 */
import type { KubeconfigEditResult, KubeconfigFileInput, MergedKubeconfig } from './model';

/** Merge and lint the files (in precedence order) -> MergedKubeconfig (plain data). */
export const KUBECONFIG_MODEL_REQUEST = 'shipshape/kubeconfig/model';

export interface KubeconfigModelParams {
  files: KubeconfigFileInput[];
  /** Publish each file's findings as diagnostics ("Lint Kubeconfig"); files published before and not listed now are cleared. */
  publish?: boolean;
}

export type KubeconfigModelResult = MergedKubeconfig;

/** Compute a minimal edit of one file's text -> KubeconfigEditResult. */
export const KUBECONFIG_EDIT_REQUEST = 'shipshape/kubeconfig/edit';

export type KubeconfigEditParams = { text: string; currentContext: string } | { text: string; context: string; namespace: string };

export type { KubeconfigEditResult };
