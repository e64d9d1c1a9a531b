/**
 * Which files a scan reads, and how they are read. Folders are walked
 * recursively in a stable (sorted) order, skipping dependency and
 * version-control folders; symbolic links to folders met during the walk are
 * not followed (so there are no loops and no escapes from the tree), links to
 * files are. Files named on the command line are always scanned; files found
 * in folders only when the engine knows their kind (fileKindOf), when a file
 * named `config` or `*.conf` holds a kubeconfig (isKubeconfigByContent), or
 * when a `*.json` file holds Kubernetes objects (isKubernetesJsonFile).
 * Files are decoded as kubectl decodes them (io/text-encoding.ts).
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileKindOf, type FileKind } from '../engine';
import type { EncodingProblem } from '../engine/encoding';
import { isJsonFileName, sniffJsonManifest } from '../engine/parse/json-manifest';
import { looksLikeAbac } from '../engine/views/abac';
import { decodeText, type TextEncoding } from '../io/text-encoding';
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
  /** Standard input (the path `-`): its bytes, read already; `path` is then --stdin-filename (or `<stdin>`) under the working folder. */
  stdin?: Uint8Array;
}

/** How the path `-` reads standard input, and the name it goes by (--stdin-filename). */
export interface StdinSource {
  read(): Uint8Array;
  name?: string;
}

/** The display name of standard input without --stdin-filename. */
export const STDIN_DISPLAY = '<stdin>';

/**
 * Expand path arguments into the files to scan; `-` is standard input, read
 * through `stdin`. Throws CliError (exit 2) for a missing or unreadable path.
 */
export function discoverFiles(paths: readonly string[], cwd: string, stdin?: StdinSource): InputFile[] {
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
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFileLink(path))) {
        if (fileKindOf(path) !== undefined || isKubeconfigByContent(path) || isKubernetesJsonFile(path) || isAbacJsonLinesFile(path)) add(path, false);
      }
    }
  };

  for (const arg of paths) {
    if (arg === '-' && stdin) {
      out.push(stdinFile(stdin, cwd));
      continue;
    }
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

/**
 * Standard input as a file: its name (--stdin-filename) picks the kind and
 * the .shipshape.yaml that applies, as a file of that name in the working
 * folder would; reports show the name as given, or `<stdin>`.
 */
function stdinFile(stdin: StdinSource, cwd: string): InputFile {
  let bytes: Uint8Array;
  try {
    bytes = stdin.read();
  } catch (e) {
    throw new CliError(`cannot read standard input: ${fsReason(e)}`);
  }
  const path = resolve(cwd, stdin.name ?? STDIN_DISPLAY);
  return { path, display: stdin.name === undefined ? STDIN_DISPLAY : displayPath(path, cwd), explicit: true, stdin: bytes };
}

/** A link to a regular file (links are followed to files only; a dangling link or a link to a folder is skipped). */
function isFileLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // dangling link: not an input the user named
  }
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export interface SourceFile extends InputFile {
  /** The decoded text, without a byte-order mark (so columns match what editors show). */
  text: string;
  kind: FileKind;
  /** How the file is encoded, for writing it back (`--fix`). */
  encoding: TextEncoding;
  bom: boolean;
  /** The bytes did not decode cleanly (reported as file-encoding); the text holds replacement characters. */
  problem?: EncodingProblem;
}

/**
 * Read a file: UTF-8, or UTF-16 after its byte-order mark (see
 * io/text-encoding.ts). Bytes that do not decode become U+FFFD and the text
 * still goes to the engine (which reports non-text content as binary-file).
 */
export function readSource(file: InputFile): SourceFile {
  if (file.stdin) return sourceOf(file, file.stdin);
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.path);
  } catch (e) {
    throw new CliError(`cannot read '${file.display}': ${fsReason(e)}`);
  }
  return sourceOf(file, buffer);
}

/** A file's source from its bytes. */
export function sourceOf(file: InputFile, bytes: Uint8Array): SourceFile {
  const decoded = decodeText(bytes);
  const kind = fileKindOf(file.path) ?? abacByContent(file.path, decoded.text) ?? (file.explicit ? sniffKind(decoded.text) : 'yaml');
  return { ...file, ...decoded, kind };
}

/** A `*.json` or `*.jsonl` file whose first line is an ABAC Policy (engine/views/abac.ts). */
function abacByContent(path: string, text: string): FileKind | undefined {
  return (isJsonFileName(path) || /\.jsonl$/i.test(path)) && looksLikeAbac(text) ? 'abac' : undefined;
}

/** A `*.jsonl` file found in a folder that is an ABAC policy file (by its start). Unreadable files are not. */
export function isAbacJsonLinesFile(path: string): boolean {
  if (!/\.jsonl$/i.test(path)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(Math.min(fstatSync(fd).size, JSON_SNIFF_BYTES));
    const n = readSync(fd, head, 0, head.length, 0);
    return looksLikeAbac(decodeText(head.subarray(0, n)).text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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
    const text = decodeText(readFileSync(path)).text;
    return KUBECONFIG_KIND_LINE.test(text) && KUBECONFIG_LIST_LINE.test(text);
  } catch {
    return false;
  }
}

/** Bytes of a `*.json` file read to decide whether it is a manifest (two per character in UTF-16). */
const JSON_SNIFF_BYTES = 128 * 1024;

/**
 * A `*.json` file found in a folder that holds Kubernetes objects (see
 * engine/parse/json-manifest.ts). Only its start is read, unless its first
 * key is `apiVersion` or `kind` and the other one comes later. Unreadable
 * files are not.
 */
export function isKubernetesJsonFile(path: string): boolean {
  if (!isJsonFileName(path)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, JSON_SNIFF_BYTES));
    const n = readSync(fd, head, 0, head.length, 0);
    const verdict = sniffJsonManifest(decodeText(head.subarray(0, n)).text, n >= size);
    if (verdict !== 'more') return verdict === 'manifest';
    return sniffJsonManifest(decodeText(readFileSync(path)).text, true) === 'manifest';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
