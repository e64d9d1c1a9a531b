/**
 * Which files a scan reads. Folders are walked recursively in a stable
 * (sorted) order, skipping dependency and version-control folders; symbolic
 * links to folders met during the walk are not followed (so there are no
 * loops and no escapes from the tree), links to files are. Files named on
 * the command line are always scanned; files found in folders only when the
 * engine knows their kind (fileKindOf), or when a file named `config` or
 * `*.conf` holds a kubeconfig (isKubeconfigByContent).
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileKindOf, type FileKind } from '../engine';
import { CliError, fsReason } from './errors';

/** Folder names never entered during a walk (a folder named explicitly is still scanned). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '.bzr', '.jj', '_darcs', 'CVS']);

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path shown in reports: relative to the working folder with `/` separators, or absolute when outside it. */
  display: string;
  /** Named on the command line (rather than found in a folder). */
  explicit: boolean;
}

/** Expand path arguments into the files to scan. Throws CliError (exit 2) for a missing or unreadable path. */
export function discoverFiles(paths: readonly string[], cwd: string): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, display: displayPath(path, cwd), explicit });
  };

  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new CliError(`cannot read '${displayPath(dir, cwd)}': ${fsReason(e)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        if (fileKindOf(path) !== undefined || isKubeconfigByContent(path)) add(path, false);
      } else if (entry.isSymbolicLink() && (fileKindOf(path) !== undefined || isKubeconfigByContent(path))) {
        // Follow links to files only; a dangling link or a link to a folder is skipped.
        try {
          if (statSync(path).isFile()) add(path, false);
        } catch {
          // dangling link: not an input the user named
        }
      }
    }
  };

  for (const arg of paths) {
    const path = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      throw new CliError(`cannot read '${arg}': ${fsReason(e)}`);
    }
    if (stat.isDirectory()) walk(path);
    else if (stat.isFile()) add(path, true);
    else throw new CliError(`cannot read '${arg}': not a regular file or folder`);
  }
  return out;
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export interface SourceFile extends InputFile {
  text: string;
  kind: FileKind;
}

/**
 * Read a file as UTF-8. Invalid bytes become U+FFFD and the text still goes
 * to the engine (which reports non-text content as binary-file). A leading
 * byte-order mark is dropped so columns match what editors show.
 */
export function readSource(file: InputFile): SourceFile {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.path);
  } catch (e) {
    throw new CliError(`cannot read '${file.display}': ${fsReason(e)}`);
  }
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const kind = fileKindOf(file.path) ?? (file.explicit ? sniffKind(text) : 'yaml');
  return { ...file, text, kind };
}

/** For a file named explicitly whose name says nothing: a Dockerfile if its first instruction is FROM or ARG, else YAML. */
export function sniffKind(text: string): FileKind {
  for (const line of text.slice(0, 4096).split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    return /^(?:FROM|ARG)\s/i.test(t) ? 'dockerfile' : 'yaml';
  }
  return 'yaml';
}

/** Files named `config` or `*.conf` are read when no larger than this to see whether they are kubeconfigs. */
const KUBECONFIG_SNIFF_LIMIT = 1 << 20;
const KUBECONFIG_KIND_LINE = /^kind:[ \t]*(["']?)Config\1[ \t]*(?:#.*)?\r?$/m;
const KUBECONFIG_LIST_LINE = /^(?:clusters|contexts|users):/m;

/**
 * A file found in a folder whose name says nothing (`config`, kubeadm's
 * `admin.conf`) that holds a kubeconfig: a top-level `kind: Config` line and
 * a top-level `clusters`, `contexts` or `users` key. Unreadable files are not.
 */
export function isKubeconfigByContent(path: string): boolean {
  const name = basename(path);
  if (name !== 'config' && !name.endsWith('.conf')) return false;
  try {
    if (statSync(path).size > KUBECONFIG_SNIFF_LIMIT) return false;
    const text = readFileSync(path, 'utf8');
    return KUBECONFIG_KIND_LINE.test(text) && KUBECONFIG_LIST_LINE.test(text);
  } catch {
    return false;
  }
}
