/**
 * A V8 code cache for the Node server's bundles (dist/server-core.js, dist/kube-validators.js): the approach of
 * v8-compile-cache, which works on every Node the extension runs on (Node 20 and VS Code's Electron alike).
 *
 * A bundle is compiled through `vm.Script` with the cached data of an earlier start, when there is one, and run as
 * CommonJS. Once the server has done its first work (see `save`), `script.createCachedData()` holds the bytecode of
 * every function compiled so far (V8 compiles functions lazily, on their first call), and is written for the next
 * start: a later start skips parsing and compiling the bundle and the functions its first lint runs.
 *
 * Safety: the cache file is named by a hash of the bundle's text and the runtime (Node, V8, Electron, architecture),
 * carries a checksum of its payload, and is written to a temporary name and renamed (atomic). A file with a bad
 * checksum, a cache V8 rejects (`cachedDataRejected`), a directory we may not trust (on POSIX: not ours, or writable
 * by others; code read from there would run in this process) or not write: each is ignored. Any error while reading
 * or compiling falls back to a plain `require` of the bundle, so the cache can never stop the server from starting.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The environment variable naming the cache's directory (the client passes its global storage); `off` disables the cache. */
export const CODE_CACHE_DIR_ENV = 'SHIPSHAPE_CODE_CACHE_DIR';
/** Start of every cache file; a new layout changes it. */
const MAGIC = Buffer.from('shipshape-v8-cache-1\n');
const CHECKSUM_BYTES = 32;

/** How one bundle was loaded. */
export type CacheUse = 'used' | 'absent' | 'rejected' | 'corrupt' | 'off' | 'failed';

export interface LoadedBundle {
  readonly file: string;
  /** `used`: V8 took the cached code. Otherwise the bundle compiled from source (`failed`: through a plain require). */
  readonly cache: CacheUse;
}

export interface CodeCache {
  /** The cache directory (undefined: no cache). */
  readonly dir: string | undefined;
  /** `require(file)` through the cache. Errors the bundle itself throws propagate, as from require. */
  load(file: string): unknown;
  /** The bundles loaded so far and how. */
  readonly loaded: readonly LoadedBundle[];
  /** Writes a cache for each bundle that started without one (once per bundle); never throws. Returns the files written. */
  save(): string[];
}

/** The cache directory for this process: `SHIPSHAPE_CODE_CACHE_DIR`, else a per-user folder in the temporary directory. */
export function codeCacheDir(env: NodeJS.ProcessEnv, version: string): string | undefined {
  const dir = env[CODE_CACHE_DIR_ENV];
  if (dir === 'off') return undefined;
  if (dir) return dir;
  const user = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  return path.join(os.tmpdir(), `shipshape-${version}${user}`);
}

/** What a cache must match besides the bundle's text: the runtime that made it. */
function runtimeKey(): string {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string };
  return `${process.version}\u0000${v.v8}\u0000${v.electron ?? ''}\u0000${process.arch}\u0000${process.platform}`;
}

const sha256 = (...parts: (string | Buffer)[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * The CommonJS wrapper Node puts around a module (same parameters, so the bundle runs as under require); a `#!` line
 * (the CLI's banner) becomes a comment, as Node strips it.
 */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) { ${source.startsWith('#!') ? `//${source}` : source}\n})`;

/**
 * On POSIX, a directory we may read code from: ours and writable by no one else, and not a symbolic link (someone
 * else's link in the shared temporary directory could point at any folder of ours). Elsewhere (Windows) the user's
 * profile or temp.
 */
function trusted(dir: string): boolean {
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

/** The cache's payload, when the file is there, whole and unaltered (`corrupt` otherwise). */
function readCache(file: string): Buffer | 'absent' | 'corrupt' {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return 'absent';
  }
  const head = MAGIC.length + CHECKSUM_BYTES;
  if (data.length <= head || !data.subarray(0, MAGIC.length).equals(MAGIC)) return 'corrupt';
  const payload = data.subarray(head);
  return sha256(payload).equals(data.subarray(MAGIC.length, head)) ? payload : 'corrupt';
}

interface Pending {
  script: vm.Script;
  cacheFile: string;
  prefix: string;
}

/**
 * A code cache in `dir` (undefined: plain requires, nothing written). `log` hears what went wrong, for the server's
 * log; it is never required.
 */
export function createCodeCache(dir: string | undefined, log: (message: string) => void = () => undefined): CodeCache {
  const loaded: LoadedBundle[] = [];
  const pending: Pending[] = [];
  let dirState: 'unchecked' | 'ok' | 'untrusted' = 'unchecked';
  const dirUsable = (): boolean => {
    if (dir === undefined) return false;
    if (dirState === 'unchecked') {
      try {
        dirState = fs.existsSync(dir) && !trusted(dir) ? 'untrusted' : 'ok';
      } catch {
        dirState = 'untrusted';
      }
      if (dirState === 'untrusted') log(`code cache: ${dir} is not a private directory of this user; not used`);
    }
    return dirState === 'ok';
  };

  const plain = (file: string): unknown => createRequire(file)(file);

  function load(file: string): unknown {
    if (!dirUsable()) {
      loaded.push({ file, cache: 'off' });
      return plain(file);
    }
    let script: vm.Script;
    let use: CacheUse;
    let cacheFile: string;
    let prefix: string;
    try {
      const source = fs.readFileSync(file, 'utf8');
      prefix = `${path.basename(file, '.js')}-`;
      cacheFile = path.join(dir!, `${prefix}${sha256(source, '\u0000', runtimeKey()).toString('hex').slice(0, 32)}.cache`);
      const cached = readCache(cacheFile);
      const cachedData = typeof cached === 'string' ? undefined : cached;
      script = new vm.Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
      use = cachedData ? (script.cachedDataRejected === true ? 'rejected' : 'used') : (cached as 'absent' | 'corrupt');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`code cache: compiling ${file} failed (${e instanceof Error ? e.message : String(e)}); loaded without the cache`);
      loaded.push({ file, cache: 'failed' });
      return plain(file);
    }
    loaded.push({ file, cache: use });
    if (use !== 'used') pending.push({ script, cacheFile, prefix });
    const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
    module.loaded = true;
    return module.exports;
  }

  function save(): string[] {
    const written: string[] = [];
    for (const p of pending.splice(0)) {
      const tmp = `${p.cacheFile}.${process.pid}.tmp`;
      try {
        const payload = p.script.createCachedData();
        fs.mkdirSync(dir!, { recursive: true, mode: 0o700 });
        if (!trusted(dir!)) return written;
        fs.writeFileSync(tmp, Buffer.concat([MAGIC, sha256(payload), payload]), { mode: 0o600 });
        fs.renameSync(tmp, p.cacheFile);
        written.push(p.cacheFile);
        // Caches of other versions of this bundle (or another runtime) are of no use any more.
        for (const name of fs.readdirSync(dir!)) {
          if (name.startsWith(p.prefix) && name.endsWith('.cache') && path.join(dir!, name) !== p.cacheFile) fs.rmSync(path.join(dir!, name), { force: true });
        }
      } catch (e) {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // the directory is gone or not one
        }
        log(`code cache: writing ${p.cacheFile} failed (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    return written;
  }

  return { dir, load, loaded, save };
}
