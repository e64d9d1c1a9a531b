/**
 * Node side of the kubeconfig explorer, shared by the CLI and the VS Code
 * client: read the located files (with stamps for safe writes), merge them
 * with the engine, and write `current-context` / a context's namespace where
 * kubectl would, through a minimal edit and an atomic, checked write.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { EngineSettings } from '../engine/config/settings';
import {
  findContext,
  locateKubeconfig,
  mergeKubeconfigs,
  setContextNamespace,
  setCurrentContext,
  type ContextInfo,
  type EditResult,
  type KubeconfigFileInput,
  type KubeconfigLocation,
  type MergedKubeconfig,
} from '../engine/kubeconfig';
import { readForEdit, writeAtomic, writeNewFile, type FileStamp } from '../io/atomic-write';
import { fsReason } from './errors';

/** A failure to report as one line (unknown context, unreadable or malformed file, refused write). */
export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

export interface LoadOptions {
  /** `--kubeconfig` / the `shipshape.kubeconfig` setting. */
  explicit?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against this folder. */
  cwd?: string;
  settings?: EngineSettings;
  homedir?: string;
  platform?: string;
}

export interface LoadedKubeconfig {
  location: KubeconfigLocation;
  model: MergedKubeconfig;
  /** What each readable file held when loaded: edits apply to this text and are refused if the file changed since. */
  texts: Map<string, { text: string; stamp: FileStamp }>;
}

export function loadKubeconfig(options: LoadOptions = {}): LoadedKubeconfig {
  const cwd = options.cwd ?? process.cwd();
  const home = options.homedir ?? homedir();
  const abs = (p: string): string => resolve(cwd, p);
  const raw = locateKubeconfig({
    env: options.env ?? process.env,
    homedir: home,
    platform: options.platform ?? process.platform,
    exists: (p) => existsSync(abs(p)),
    ...(options.explicit !== undefined ? { explicit: options.explicit } : {}),
  });
  const location: KubeconfigLocation = { ...raw, paths: raw.paths.map(abs), existing: raw.existing.map(abs), defaultFile: abs(raw.defaultFile) };
  const texts = new Map<string, { text: string; stamp: FileStamp }>();
  const inputs: KubeconfigFileInput[] = location.paths.map((path) => {
    try {
      const r = readForEdit(path);
      texts.set(path, r);
      return { path, text: r.text };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? { path } : { path, readError: fsReason(e) };
    }
  });
  return { location, model: mergeKubeconfigs(inputs, options.settings), texts };
}

/** The context, or a KubeconfigError naming the known ones. */
export function requireContext(loaded: LoadedKubeconfig, name: string): ContextInfo {
  const ctx = findContext(loaded.model, name);
  if (ctx) return ctx;
  const names = loaded.model.contexts.map((c) => c.name);
  throw new KubeconfigError(`no context named "${name}" in ${describeFiles(loaded)}${names.length ? `; contexts: ${names.join(', ')}` : ''}`);
}

export function describeFiles(loaded: LoadedKubeconfig): string {
  const { paths } = loaded.location;
  return paths.length === 1 ? paths[0]! : `KUBECONFIG (${paths.join(', ')})`;
}

/** Files that could not be read or parsed, as one-line messages. */
export function fileProblems(loaded: LoadedKubeconfig): string[] {
  return loaded.model.files.flatMap((f) =>
    f.status === 'unreadable' ? [`cannot read ${f.path}: ${f.error}`] : f.status === 'malformed' ? [`${f.path}${f.errorLine ? `:${f.errorLine}` : ''}: ${f.error}`] : [],
  );
}

function writeEdit(loaded: LoadedKubeconfig, path: string, edit: (text: string) => EditResult): void {
  const state = loaded.model.files.find((f) => f.path === path);
  if (state?.status === 'malformed') throw new KubeconfigError(`${path} does not parse (${state.error}); nothing was written`);
  if (state?.status === 'unreadable') throw new KubeconfigError(`cannot read ${path}: ${state.error}`);
  const read = loaded.texts.get(path);
  const r = edit(read?.text ?? '');
  if (!r.ok) throw new KubeconfigError(`${path}: ${r.error}`);
  try {
    if (read) writeAtomic(path, r.text, read.stamp);
    else writeNewFile(path, r.text);
  } catch (e) {
    if (e instanceof Error && e.name === 'ConcurrentModificationError') throw new KubeconfigError(e.message);
    throw new KubeconfigError(`cannot write ${path}: ${fsReason(e)}`);
  }
}

/** `kubectl config use-context NAME`: set current-context in kubectl's default file. Returns the file written. */
export function useContext(loaded: LoadedKubeconfig, name: string): string {
  requireContext(loaded, name);
  const file = loaded.location.defaultFile;
  writeEdit(loaded, file, (text) => setCurrentContext(text, name));
  return file;
}

/** `kubectl config set-context NAME --namespace NS` (NAME defaults to the current context). Returns the context and the file written. */
export function setNamespace(loaded: LoadedKubeconfig, namespace: string, contextName?: string): { context: string; file: string } {
  const name = contextName ?? loaded.model.currentContext;
  if (name === undefined) throw new KubeconfigError('no current context; name one with --context');
  const ctx = requireContext(loaded, name);
  writeEdit(loaded, ctx.file, (text) => setContextNamespace(text, name, namespace));
  return { context: name, file: ctx.file };
}
