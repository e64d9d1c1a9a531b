/**
 * Reading and writing kubeconfig files, shared by the `shipshape kubeconfig`
 * CLI and the VS Code explorer. Nothing here parses YAML or lints: the files
 * are located like kubectl (../kubeconfig/locate.ts) and read with a stamp;
 * the merged model and the minimal edits come from the engine (the CLI calls
 * it, the explorer asks the language server). An edit is written where
 * kubectl would write it, atomically, and refused if the file changed on disk
 * since it was read (atomic-write.ts). Text is read and written as UTF-8 as
 * is: a byte order mark and line endings survive an edit.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { locateKubeconfig, type KubeconfigLocation } from '../kubeconfig/locate';
import type { KubeconfigEditResult, KubeconfigFileInput, MergedKubeconfig } from '../kubeconfig/model';
import { readForEdit, writeAtomic, writeNewFile, type FileStamp } from './atomic-write';
import { fsReason } from './fs-reason';

/** A failure to report as one line (unknown context, unreadable or malformed file, refused write). */
export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

export interface ReadOptions {
  /** `--kubeconfig` / the `shipshape.kubeconfig.path` setting. */
  explicit?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against this folder. */
  cwd?: string;
  homedir?: string;
  platform?: string;
}

export interface KubeconfigFiles {
  location: KubeconfigLocation;
  /** Every located file in precedence order, as the engine's merge takes them. */
  inputs: KubeconfigFileInput[];
  /** What each readable file held when read: edits apply to this text and are refused if the file changed since. */
  texts: Map<string, { text: string; stamp: FileStamp }>;
}

/** The files and their merged model (from the engine, directly or through the language server). */
export interface LoadedKubeconfig<M extends MergedKubeconfig<unknown> = MergedKubeconfig> extends KubeconfigFiles {
  model: M;
}

/** Locate the kubeconfig files like kubectl and read the ones that exist. */
export function readKubeconfigFiles(options: ReadOptions = {}): KubeconfigFiles {
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
  return { location, inputs, texts };
}

export function describeFiles(loaded: KubeconfigFiles): string {
  const { paths } = loaded.location;
  return paths.length === 1 ? paths[0]! : `KUBECONFIG (${paths.join(', ')})`;
}

/** Files that could not be read or parsed, as one-line messages. */
export function fileProblems(loaded: LoadedKubeconfig<MergedKubeconfig<unknown>>): string[] {
  return loaded.model.files.flatMap((f) =>
    f.status === 'unreadable' ? [`cannot read ${f.path}: ${f.error}`] : f.status === 'malformed' ? [`${f.path}${f.errorLine ? `:${f.errorLine}` : ''}: ${f.error}`] : [],
  );
}

/** Throws a KubeconfigError naming the known contexts unless the merged config defines `name`. */
export function requireContext(loaded: LoadedKubeconfig<MergedKubeconfig<unknown>>, name: string): { name: string; file: string } {
  const ctx = loaded.model.contexts.find((c) => c.name === name);
  if (ctx) return ctx;
  const names = loaded.model.contexts.map((c) => c.name);
  throw new KubeconfigError(`no context named "${name}" in ${describeFiles(loaded)}${names.length ? `; contexts: ${names.join(', ')}` : ''}`);
}

/** A planned edit: the file kubectl would write and the text the edit applies to ('' for a file to create). */
export interface EditTarget {
  file: string;
  text: string;
}

function target(loaded: LoadedKubeconfig<MergedKubeconfig<unknown>>, path: string): EditTarget {
  const state = loaded.model.files.find((f) => f.path === path);
  if (state?.status === 'malformed') throw new KubeconfigError(`${path} does not parse (${state.error}); nothing was written`);
  if (state?.status === 'unreadable') throw new KubeconfigError(`cannot read ${path}: ${state.error}`);
  return { file: path, text: loaded.texts.get(path)?.text ?? '' };
}

/** `kubectl config use-context NAME` writes `current-context` to kubectl's default file. */
export function useContextTarget(loaded: LoadedKubeconfig<MergedKubeconfig<unknown>>, name: string): EditTarget {
  requireContext(loaded, name);
  return target(loaded, loaded.location.defaultFile);
}

/** `kubectl config set-context NAME --namespace NS` edits the file defining NAME (default: the current context). */
export function setNamespaceTarget(loaded: LoadedKubeconfig<MergedKubeconfig<unknown>>, contextName?: string): EditTarget & { context: string } {
  const name = contextName ?? loaded.model.currentContext;
  if (name === undefined) throw new KubeconfigError('no current context; name one with --context');
  const ctx = requireContext(loaded, name);
  return { ...target(loaded, ctx.file), context: name };
}

/** Write an edit's result to `file`: atomically over the text that was read, refused if the file changed since. */
export function writeEdit(loaded: KubeconfigFiles, file: string, result: KubeconfigEditResult): void {
  if (!result.ok) throw new KubeconfigError(`${file}: ${result.error}`);
  const read = loaded.texts.get(file);
  try {
    if (read) writeAtomic(file, result.text, read.stamp);
    else writeNewFile(file, result.text);
  } catch (e) {
    if (e instanceof Error && e.name === 'ConcurrentModificationError') throw new KubeconfigError(e.message);
    throw new KubeconfigError(`cannot write ${file}: ${fsReason(e)}`);
  }
}
