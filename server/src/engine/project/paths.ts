/** POSIX path helpers for project paths (the engine has no `node:path`). */
import type { ProjectPath } from './types';

/** Resolves `.` and `..` segments and duplicate slashes; keeps a leading slash. */
export function normalizePath(path: string): ProjectPath {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** Joins path segments; a later absolute segment starts over. */
export function joinPath(...parts: string[]): ProjectPath {
  let acc = '';
  for (const part of parts) {
    if (part === '') continue;
    acc = part.startsWith('/') || acc === '' ? part : `${acc}/${part}`;
  }
  return normalizePath(acc);
}

export function dirnameOf(path: ProjectPath): ProjectPath {
  const normalized = normalizePath(path);
  const i = normalized.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : normalized.slice(0, i);
}

export function basenameOf(path: ProjectPath): string {
  const normalized = normalizePath(path);
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** `to` relative to the directory `from` ("../base/deployment.yaml"). */
export function relativePath(from: ProjectPath, to: ProjectPath): string {
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}
