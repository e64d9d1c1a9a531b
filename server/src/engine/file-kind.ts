/**
 * Which kind of file a path, an editor language id or (for JSON) the content
 * is: the one place the CLI's file walk and the language server decide what
 * the engine lints, and as what.
 */
import { isJsonFileName, sniffJsonManifest } from './parse/json-manifest';
import { looksLikeAbac } from './views/abac';

/**
 * `docker-daemon`: the Docker daemon's `daemon.json`. `abac`: an ABAC policy
 * file (JSON lines of `Policy` objects; see views/abac.ts).
 */
export type FileKind = 'yaml' | 'dockerfile' | 'docker-daemon' | 'abac';

/** The JSON kinds, linted as JSON rather than YAML (no comments, so no suppression comments either). */
export function isJsonKind(kind: FileKind): kind is 'docker-daemon' | 'abac' {
  return kind === 'docker-daemon' || kind === 'abac';
}

/** `daemon.json` (as in /etc/docker/daemon.json), also `docker-daemon.json`. */
const DAEMON_NAME = /^(?:docker[-_.])?daemon\.json$/;
/** ABAC policy files by name; `*.jsonl` and `*.json` files are ABAC policies by content (fileKindOfText). */
const ABAC_NAME = /\.abac$/i;
const JSONL_NAME = /\.jsonl$/i;

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
  if (DAEMON_NAME.test(base)) return 'docker-daemon';
  if (ABAC_NAME.test(base)) return 'abac';
  return undefined;
}

/**
 * Which kind of file an open document is: by its name or language id, and
 * for JSON (the `json` language id, or without one a `.json` name) by its
 * content: a JSON text holding Kubernetes objects is linted as YAML, any
 * other is not linted (nor is `jsonc`, JSON with comments, which kubectl
 * does not read). A JSON or JSON lines (`jsonl`) text whose first line is
 * an ABAC `Policy` is an ABAC policy file.
 */
export function fileKindOfText(path: string, text: string, languageId?: string): FileKind | undefined {
  const base = path.split(/[\\/]/).pop() ?? path;
  // `daemon.json` and `*.abac` by name whatever the editor calls them.
  if (DAEMON_NAME.test(base) || ABAC_NAME.test(base)) return fileKindOf(base);
  const kind = fileKindOf(path, languageId);
  if (kind !== undefined) return kind;
  const jsonl = languageId !== undefined ? languageId === 'jsonl' : JSONL_NAME.test(path);
  if (jsonl) return looksLikeAbac(text) ? 'abac' : undefined;
  if (languageId !== undefined ? languageId !== 'json' : !isJsonFileName(path)) return undefined;
  if (looksLikeAbac(text)) return 'abac';
  return sniffJsonManifest(text, true) === 'manifest' ? 'yaml' : undefined;
}
