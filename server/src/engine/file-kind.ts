/**
 * Which kind of file a path, an editor language id or (for JSON) the content
 * is: the one place the CLI's file walk and the language server decide what
 * the engine lints, and as what.
 */
import { isJsonFileName, sniffJsonManifest } from './parse/json-manifest';

export type FileKind = 'yaml' | 'dockerfile';

const DOCKERFILE_NAME = /^(?:Dockerfile|Containerfile)(?:[.-].+)?$|\.(?:Dockerfile|dockerfile|Containerfile)$/;
const YAML_NAME = /\.ya?ml$/i;
/** kubeconfig files without a YAML extension: `kubeconfig`, `*.kubeconfig` (and `.kube/config`, below). */
const KUBECONFIG_NAME = /^kubeconfig$|\.kubeconfig$/i;

/** Which kind of file a path (or an editor language id) is. */
export function fileKindOf(path: string, languageId?: string): FileKind | undefined {
  if (languageId === 'dockerfile') return 'dockerfile';
  // `dockercompose` is the language id VS Code's Docker extension gives compose files.
  if (languageId === 'yaml' || languageId === 'dockercompose') return 'yaml';
  const parts = path.split(/[\\/]/);
  const base = parts.pop() ?? path;
  if (YAML_NAME.test(base)) return 'yaml';
  if (DOCKERFILE_NAME.test(base)) return 'dockerfile';
  if (KUBECONFIG_NAME.test(base) || (base === 'config' && parts.pop() === '.kube')) return 'yaml';
  return undefined;
}

/**
 * Which kind of file an open document is: by its name or language id, and
 * for JSON (the `json` language id, or without one a `.json` name) by its
 * content: a JSON text holding Kubernetes objects is linted as YAML, any
 * other is not linted (nor is `jsonc`, JSON with comments, which kubectl
 * does not read).
 */
export function fileKindOfText(path: string, text: string, languageId?: string): FileKind | undefined {
  const kind = fileKindOf(path, languageId);
  if (kind !== undefined) return kind;
  if (languageId !== undefined ? languageId !== 'json' : !isJsonFileName(path)) return undefined;
  return sniffJsonManifest(text, true) === 'manifest' ? 'yaml' : undefined;
}
