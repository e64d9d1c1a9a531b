/**
 * The V8 code cache of the scan's lint workers (io/code-cache.ts, the language server's cache module): each worker
 * loads the lint bundle (dist/cli-worker-core.js) and the schema validators (dist/kube-validators.js) through it, so
 * a scan after the first skips parsing and compiling them and the functions a worker's first lint runs.
 *
 * The folder: `SHIPSHAPE_CODE_CACHE_DIR` (`off`: no cache), else `$XDG_CACHE_HOME/shipshape` (an absolute
 * XDG_CACHE_HOME), else `~/.cache/shipshape` (on Windows `%LOCALAPPDATA%\shipshape\cache`). It is created 0700; one
 * that is not a private folder of this user (writable by others, someone else's, a symbolic link) is not used, and a
 * missing, unreadable or corrupt cache means a plain load: the cache never makes a scan fail.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../../io/code-cache';

/** The lint workers' code cache folder for this environment, or undefined: none (turned off, or no home folder). */
export function workerCodeCacheDir(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform, home: () => string = homedir): string | undefined {
  const dir = env[CODE_CACHE_DIR_ENV];
  if (dir === 'off') return undefined;
  if (dir) return dir;
  if (platform === 'win32' && env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA)) return join(env.LOCALAPPDATA, 'shipshape', 'cache');
  const xdg = env.XDG_CACHE_HOME;
  if (platform !== 'win32' && xdg && isAbsolute(xdg)) return join(xdg, 'shipshape');
  try {
    const h = home();
    return h && isAbsolute(h) ? join(h, '.cache', 'shipshape') : undefined;
  } catch {
    return undefined; // no home folder (os.homedir throws): no cache
  }
}
