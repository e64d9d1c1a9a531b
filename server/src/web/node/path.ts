/**
 * Stand-in for node:path in the web bundle (scripts/build.mjs): the POSIX functions the server
 * uses, as Node's path.posix computes them. In the browser the server meets paths only from
 * `file:` URIs (lsp/config.ts filePathOf).
 */
export const sep = '/';

function normalizeParts(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!path.startsWith('/')) out.push('..');
    } else out.push(part);
  }
  return out;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

export function normalize(path: string): string {
  const abs = isAbsolute(path);
  const body = normalizeParts(path).join('/');
  return abs ? `/${body}` : body || '.';
}

export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts: string[]): string {
  let path = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(path); i--) path = parts[i] === '' ? path : `${parts[i]}/${path}`;
  return normalize(isAbsolute(path) ? path : `/${path}`).replace(/(.)\/$/, '$1');
}

/** `path` without its trailing slashes (a loop: `/\/+$/` is quadratic on a long run of slashes). */
function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

export function dirname(path: string): string {
  if (path === '') return '.';
  const trimmed = path.length > 1 ? trimTrailingSlashes(path) : path;
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return trimmed.slice(0, i);
}

export function basename(path: string, ext?: string): string {
  const base = trimTrailingSlashes(path).split('/').pop() ?? '';
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(path: string): string {
  const base = basename(path);
  const i = base.lastIndexOf('.');
  return i <= 0 || base === '..' ? '' : base.slice(i);
}

export function relative(from: string, to: string): string {
  const a = normalizeParts(resolve(from));
  const b = normalizeParts(resolve(to));
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export const posix = { sep, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
export default posix;
