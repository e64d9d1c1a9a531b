/**
 * Where the kubeconfig is, decided like kubectl (client-go's clientcmd
 * loading rules), with every outside fact injected so this stays pure:
 *
 * 1. an explicit file (`--kubeconfig`, the `shipshape.kubeconfig` setting);
 * 2. else `KUBECONFIG`, a path list (`:`-separated, `;` on Windows): empty
 *    entries are dropped, duplicates keep their first place, files that do
 *    not exist are skipped when reading;
 * 3. else `~/.kube/config`.
 *
 * `defaultFile` is where kubectl writes `current-context` (and new entries):
 * the explicit file, else the only `KUBECONFIG` entry, else its first
 * existing file, else its last entry; else `~/.kube/config`.
 */

export interface LocateInput {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** `process.platform`: `win32` switches the list separator to `;` and paths to `\`. */
  platform: string;
  exists: (path: string) => boolean;
  /** `--kubeconfig` or the `shipshape.kubeconfig` setting; empty means unset. */
  explicit?: string;
}

export type KubeconfigSource = 'explicit' | 'KUBECONFIG' | 'default';

export interface KubeconfigLocation {
  source: KubeconfigSource;
  /** Every file named, in precedence order (missing ones included). */
  paths: string[];
  /** The subset of `paths` that exist: the files to read and merge. */
  existing: string[];
  /** Where `current-context` is written. */
  defaultFile: string;
}

/** `~/.kube/config` for the given home folder and platform. */
export function defaultKubeconfigPath(homedir: string, platform: string): string {
  const sep = platform === 'win32' ? '\\' : '/';
  const home = homedir.endsWith('/') || homedir.endsWith('\\') ? homedir.slice(0, -1) : homedir;
  return `${home}${sep}.kube${sep}config`;
}

/** `~` or `~/x` -> the home folder (kubectl does not expand `~`, but the VS Code setting is friendlier with it). */
export function expandHome(path: string, homedir: string): string {
  if (path === '~') return homedir;
  if (path.startsWith('~/') || path.startsWith('~\\')) return homedir.replace(/[\\/]$/, '') + path.slice(1);
  return path;
}

export function locateKubeconfig(input: LocateInput): KubeconfigLocation {
  const explicit = input.explicit?.trim();
  if (explicit) {
    const path = expandHome(explicit, input.homedir);
    return { source: 'explicit', paths: [path], existing: input.exists(path) ? [path] : [], defaultFile: path };
  }
  const list = input.env.KUBECONFIG;
  if (list !== undefined && list.trim() !== '') {
    const separator = input.platform === 'win32' ? ';' : ':';
    const paths: string[] = [];
    for (const entry of list.split(separator)) {
      const p = entry.trim();
      if (p !== '' && !paths.includes(p)) paths.push(p);
    }
    if (paths.length > 0) {
      const existing = paths.filter((p) => input.exists(p));
      const defaultFile = paths.length === 1 ? paths[0]! : existing[0] ?? paths[paths.length - 1]!;
      return { source: 'KUBECONFIG', paths, existing, defaultFile };
    }
  }
  const path = defaultKubeconfigPath(input.homedir, input.platform);
  return { source: 'default', paths: [path], existing: input.exists(path) ? [path] : [], defaultFile: path };
}
