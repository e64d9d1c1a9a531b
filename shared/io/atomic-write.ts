/**
 * Safe writes to user files (kubeconfig edits, `shipshape scan --fix`).
 *
 * `readForEdit` reads a file and returns its text with a stamp (a SHA-256 of
 * the bytes read, plus size and mtime). `writeAtomic` writes new text through
 * a temporary file in the same folder (so the final rename is atomic on one
 * file system), keeps the file's permission bits, fsyncs, then renames over
 * the original. Right before the rename it re-reads the file and refuses with
 * a `ConcurrentModificationError` if its content no longer matches the stamp:
 * someone (an editor, kubectl, another tool) changed it since it was read.
 *
 * Symbolic links are followed: the link's target is replaced, the link stays.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, mkdirSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync, chownSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What a file looked like when it was read. */
export interface FileStamp {
  /** SHA-256 (hex) of the bytes read. */
  hash: string;
  size: number;
  mtimeMs: number;
}

export interface ReadForEdit {
  text: string;
  stamp: FileStamp;
}

export interface ReadBytesForEdit {
  bytes: Buffer;
  stamp: FileStamp;
}

/** The file changed on disk since it was read: the write was refused and the file left as it is. */
export class ConcurrentModificationError extends Error {
  readonly code = 'ECONCURRENT';
  constructor(readonly path: string) {
    super(`${path} changed on disk since it was read; nothing was written. Reload it and try again.`);
    this.name = 'ConcurrentModificationError';
  }
}

function hashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Largest file `readForEdit` reads (kubeconfig files and manifests are far smaller). */
export const MAX_EDIT_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a file, read through one descriptor opened without blocking:
 * a FIFO without a writer reads as empty instead of blocking forever, a
 * device is read up to `maxBytes` (`/dev/null` is empty, as kubectl sees it;
 * `/dev/zero` is refused instead of filling memory). A folder, or more than
 * `maxBytes`, is refused with an error whose message is the reason.
 */
function readRegularFile(path: string, maxBytes: number): { bytes: Buffer; st: Stats } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > maxBytes) throw new Error(`larger than ${Math.floor(maxBytes / 1048576)} MiB`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(65536, Math.min(st.size - total + 1, maxBytes + 1 - total)));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new Error(`larger than ${Math.floor(maxBytes / 1048576)} MiB`);
    }
    return { bytes: Buffer.concat(chunks, total), st };
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a file as UTF-8 text with a stamp for `writeAtomic`. Throws the fs
 * error (ENOENT ...) when it cannot be read, and an error whose message says
 * why for a folder, a FIFO, a device or a file over `maxBytes`.
 */
export function readForEdit(path: string, maxBytes = MAX_EDIT_BYTES): ReadForEdit {
  const { bytes, stamp } = readBytesForEdit(path, maxBytes);
  return { text: bytes.toString('utf8'), stamp };
}

/** `readForEdit` without decoding: the bytes (for a caller that decodes them itself, see io/text-encoding.ts) and the stamp. */
export function readBytesForEdit(path: string, maxBytes = MAX_EDIT_BYTES): ReadBytesForEdit {
  const { bytes, st } = readRegularFile(path, maxBytes);
  return { bytes, stamp: { hash: hashOf(bytes), size: bytes.length, mtimeMs: st.mtimeMs } };
}

/** Does the file still hold what the stamp describes? (Content decides: an mtime-only touch is not a change.) */
export function unchangedSince(path: string, stamp: FileStamp): boolean {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, Math.max(stamp.size, MAX_EDIT_BYTES)).bytes;
  } catch {
    return false;
  }
  return bytes.length === stamp.size && hashOf(bytes) === stamp.hash;
}

/**
 * Replace the file's content with `content` (a text is written as UTF-8)
 * atomically, keeping its mode (and owner, where permitted). Throws `ConcurrentModificationError` when the
 * file no longer matches `stamp`; other failures throw the fs error, and the
 * temporary file is removed.
 */
export function writeAtomic(path: string, content: string | Uint8Array, stamp: FileStamp): void {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    throw new ConcurrentModificationError(path);
  }
  if (!unchangedSince(target, stamp)) throw new ConcurrentModificationError(path);
  const st = statSync(target);
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', st.mode & 0o7777);
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // openSync's mode is filtered by the umask: set the exact bits.
    chmodSync(tmp, st.mode & 0o7777);
    if (process.platform !== 'win32') {
      try {
        chownSync(tmp, st.uid, st.gid);
      } catch {
        // Not permitted (not root, file owned by someone else): keep the writer as owner.
      }
    }
    // Last check as close to the rename as we can get.
    if (!unchangedSince(target, stamp)) throw new ConcurrentModificationError(path);
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // renamed or never created
    }
    throw e;
  }
  if (process.platform !== 'win32') {
    try {
      const dfd = openSync(dir, 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // Some file systems do not support fsync on a directory.
    }
  }
}

/**
 * Create a file that must not exist yet (its folder is created if needed),
 * readable and writable by the owner only (0600, like kubectl's files).
 * Throws `ConcurrentModificationError` if the file appeared meanwhile.
 */
export function writeNewFile(path: string, text: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ConcurrentModificationError(path);
    throw e;
  }
  try {
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
