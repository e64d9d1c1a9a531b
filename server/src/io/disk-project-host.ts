/**
 * The project host over the disk (engine/project/types.ts ProjectHost): files
 * are decoded as kubectl decodes them (text-encoding.ts), without a
 * byte-order mark, as the CLI reads the files it lints. Project paths are
 * POSIX; on Windows `C:\repo\x.yaml` is `/C:/repo/x.yaml`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sep } from 'node:path';
import type { DirectoryEntry, ProjectHost, ProjectPath } from '../engine/project/types';
import { decodeText } from './text-encoding';

/** A file system path as a project path. */
export function toProjectPath(path: string): ProjectPath {
  if (sep === '/') return path;
  const posix = path.split(sep).join('/');
  return posix.startsWith('/') ? posix : `/${posix}`;
}

/** A project path as a file system path. */
export function fromProjectPath(path: ProjectPath): string {
  if (sep === '/') return path;
  return path.replace(/^\/(?=[A-Za-z]:)/, '').split('/').join(sep);
}

/** Packaged charts larger than this (compressed, or unpacked) are not read. */
const MAX_GZIP = 20 * 1024 * 1024;

export class DiskProjectHost implements ProjectHost {
  gunzip(path: ProjectPath): Uint8Array | undefined {
    try {
      const bytes = readFileSync(fromProjectPath(path));
      return bytes.length > MAX_GZIP ? undefined : gunzipSync(bytes, { maxOutputLength: MAX_GZIP });
    } catch {
      return undefined;
    }
  }

  readFile(path: ProjectPath): string | undefined {
    try {
      return decodeText(readFileSync(fromProjectPath(path))).text;
    } catch {
      return undefined;
    }
  }

  readDirectory(path: ProjectPath): readonly DirectoryEntry[] | undefined {
    const dir = fromProjectPath(path);
    try {
      return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() || (e.isSymbolicLink() && isDirectory(`${dir}${sep}${e.name}`)) }));
    } catch {
      return undefined;
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
