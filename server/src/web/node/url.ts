/** Stand-in for node:url in the web bundle (scripts/build.mjs): `file:` URLs of POSIX paths, as Node's functions make and read them. */
import { resolve } from './path';

export function pathToFileURL(path: string): URL {
  const url = new URL('file:///');
  // Node resolves the path first (keeping a trailing slash); the pathname setter escapes what a path may hold except `%`, which would read as an escape.
  const resolved = resolve(path) + (path.endsWith('/') && path !== '/' ? '/' : '');
  url.pathname = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  return url;
}

export function fileURLToPath(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (u.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty on linux');
  if (/%2f/i.test(u.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(u.pathname);
}
