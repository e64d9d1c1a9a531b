/**
 * Small helpers rules use to attach fixes to reports, and the names the
 * secret suggestion derives. The edits themselves come from yaml-edit.ts.
 */
import type { Fix, FixKind, TextEdit } from '../types';

/** One fix (or suggestion) when the builder produced edits, else none. */
export function fixOf(title: string, kind: FixKind, edits: TextEdit[] | undefined): Fix[] | undefined {
  return edits && edits.length > 0 ? [{ title, kind, edits }] : undefined;
}

/** Several candidate fixes, keeping those that have edits. */
export function fixesOf(...candidates: Array<Fix[] | undefined>): Fix[] | undefined {
  const out = candidates.flatMap((c) => c ?? []);
  return out.length > 0 ? out : undefined;
}

/** A DNS-1123 name part: lower case, `-` between words (`DB_PASSWORD` -> `db-password`). */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter((w) => w !== '')
    .join('-');
}

/** `s` without trailing dashes (a loop: `/-+$/` is quadratic on a long run of dashes that does not end the text). */
function trimTrailingDashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 45 /* - */) end--;
  return s.slice(0, end);
}

/** The Secret a literal credential of a workload moves to: `<workload>-secrets` (`app-secrets` when unnamed). */
export function secretNameFor(workload: string | undefined): string {
  const base = trimTrailingDashes(kebab(workload ?? '').slice(0, 240));
  return `${base || 'app'}-secrets`;
}

/** The Secret key for an env var (`DB_PASSWORD` -> `db-password`; Secret keys allow [-._a-zA-Z0-9]). */
export function secretKeyFor(envName: string): string {
  return kebab(envName) || 'value';
}
