/**
 * The CLI's kubeconfig: the shared file layer (shared/io/kubeconfig-files.ts,
 * also used by the VS Code explorer) with the engine's merge and minimal
 * edits called in process.
 */
import type { EngineSettings } from '../engine/config/settings';
import { mergeKubeconfigs, setContextNamespace, setCurrentContext, type MergedKubeconfig } from '../engine/kubeconfig';
import { readKubeconfigFiles, setNamespaceTarget, useContextTarget, writeEdit, type LoadedKubeconfig as Loaded, type ReadOptions } from '../../../shared/io/kubeconfig-files';

export { describeFiles, fileProblems, KubeconfigError, requireContext } from '../../../shared/io/kubeconfig-files';

export interface LoadOptions extends ReadOptions {
  settings?: EngineSettings;
}

export type LoadedKubeconfig = Loaded<MergedKubeconfig>;

export function loadKubeconfig(options: LoadOptions = {}): LoadedKubeconfig {
  const files = readKubeconfigFiles(options);
  return { ...files, model: mergeKubeconfigs(files.inputs, options.settings) };
}

/** `kubectl config use-context NAME`: set current-context in kubectl's default file. Returns the file written. */
export function useContext(loaded: LoadedKubeconfig, name: string): string {
  const { file, text } = useContextTarget(loaded, name);
  writeEdit(loaded, file, setCurrentContext(text, name));
  return file;
}

/** `kubectl config set-context NAME --namespace NS` (NAME defaults to the current context). Returns the context and the file written. */
export function setNamespace(loaded: LoadedKubeconfig, namespace: string, contextName?: string): { context: string; file: string } {
  const { file, text, context } = setNamespaceTarget(loaded, contextName);
  writeEdit(loaded, file, setContextNamespace(text, context, namespace));
  return { context, file };
}
