/**
 * Matching image references against `trustedRegistries` entries.
 *
 * An entry is `host[/path...]`, compared with the image's fully qualified
 * name (registry host and repository path, as parsed by `parseImageRef`):
 *
 * - `registry.k8s.io` trusts every repository on that host. The port is part
 *   of the host: `localhost:5000` does not trust `localhost:5001/app`.
 * - `ghcr.io/my-org` (or `ghcr.io/my-org/`) trusts `ghcr.io/my-org` and every
 *   repository below it. Matching is by whole path segments, so it does not
 *   trust `ghcr.io/my-orgevil/x`.
 * - `*` is a glob that matches any run of characters inside ONE segment (the
 *   host counts as one segment), never a `/`: `*.dkr.ecr.*.amazonaws.com`
 *   trusts every ECR registry, `docker.io/library/*` every official image,
 *   `*` alone every registry.
 * - An entry whose first segment is not a host by Docker's rule (no `.` or
 *   `:`, not `localhost`, no `*`) is a Docker Hub path: `bitnami` means
 *   `docker.io/bitnami`. `index.docker.io` means `docker.io`.
 * - Hosts compare case-insensitively (DNS names); paths are lower case.
 *
 * Entries are never turned into regular expressions: a glob is matched by
 * splitting it at `*` and finding the literal parts left to right, which is
 * linear in the input and cannot backtrack.
 */
import { DOCKER_HUB, looksLikeRegistryHost, type ImageRef } from '../../views/image-ref';

export interface TrustEntry {
  /** The entry as configured (for messages and tests). */
  source: string;
  /** Host glob, lower case. */
  host: string;
  /** Path segment globs; the image's path must start with these segments. */
  path: readonly string[];
}

/** True when `text` matches `pattern`, where `*` stands for any (possibly empty) run of characters. */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const idx = text.indexOf(part, pos);
    if (idx < 0 || idx + part.length > end) return false;
    pos = idx + part.length;
  }
  return true;
}

/** Parse one entry; undefined for an entry that can never match (empty, empty segments). */
export function compileTrustEntry(source: string): TrustEntry | undefined {
  let trimmed = source.trim();
  // Trailing slashes dropped with a loop: `/\/+$/` is quadratic on a long run of slashes that does not end the text.
  let end = trimmed.length;
  while (end > 0 && trimmed.charCodeAt(end - 1) === 47 /* / */) end--;
  trimmed = trimmed.slice(0, end);
  if (trimmed === '') return undefined;
  const segments = trimmed.split('/');
  if (segments.some((s) => s === '')) return undefined;
  const first = segments[0]!;
  if (looksLikeRegistryHost(first) || first.includes('*')) {
    const host = first.toLowerCase();
    return { source, host: host === 'index.docker.io' ? DOCKER_HUB : host, path: segments.slice(1).map((s) => s.toLowerCase()) };
  }
  return { source, host: DOCKER_HUB, path: segments.map((s) => s.toLowerCase()) };
}

/** Whether one compiled entry trusts the image. */
export function entryTrusts(entry: TrustEntry, ref: ImageRef): boolean {
  if (!globMatch(entry.host, ref.registry.toLowerCase())) return false;
  const segments = ref.repository.split('/');
  if (entry.path.length > segments.length) return false;
  return entry.path.every((glob, i) => globMatch(glob, segments[i]!));
}

const compiled = new WeakMap<readonly string[], TrustEntry[]>();

function compileAll(entries: readonly string[]): TrustEntry[] {
  let list = compiled.get(entries);
  if (!list) {
    list = entries.map(compileTrustEntry).filter((e): e is TrustEntry => e !== undefined);
    compiled.set(entries, list);
  }
  return list;
}

/** The first entry that trusts the image, or undefined when none does. */
export function trustingEntry(ref: ImageRef, entries: readonly string[]): TrustEntry | undefined {
  return compileAll(entries).find((e) => entryTrusts(e, ref));
}
