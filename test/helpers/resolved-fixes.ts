// Findings carry their fixes as a function (LazyFixes, built on demand). Tests that compare findings
// with deepEqual, or look at the edits, use them with the fixes built: plain data again.
import { findingFixes, type Finding, type Fix } from '../../server/src/engine';

/** A finding with its fixes built; `fixes` is absent when it has none. */
export type ResolvedFinding = Omit<Finding, 'fixes'> & { fixes?: Fix[] };

export function resolved(f: Finding): ResolvedFinding {
  const { fixes: _lazy, ...rest } = f;
  const fixes = findingFixes(f);
  return fixes.length > 0 ? { ...rest, fixes: [...fixes] } : rest;
}

export function allResolved(findings: readonly Finding[]): ResolvedFinding[] {
  return findings.map(resolved);
}
