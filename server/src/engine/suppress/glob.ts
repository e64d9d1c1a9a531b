/**
 * Glob matching for configuration (exemptions, ignorePaths, trusted
 * registries' globs elsewhere): picomatch with dot files matched, so
 * `vendor/**` covers `vendor/.hidden/x.yaml` as users expect.
 */
import picomatch from 'picomatch';

export function globMatcher(glob: string | readonly string[]): (value: string) => boolean {
  const globs = typeof glob === 'string' ? [glob] : [...glob];
  if (globs.length === 0) return () => false;
  return picomatch(globs, { dot: true });
}

/** True when picomatch can compile the glob (used to validate configuration). */
export function isValidGlob(glob: string): boolean {
  try {
    picomatch.makeRe(glob, { dot: true });
    return true;
  } catch {
    return false;
  }
}
