/**
 * Finding fingerprints shared by the formats whose consumers track findings
 * across commits (SARIF partialFingerprints for GitHub code scanning, GitLab
 * Code Quality `fingerprint`): a SHA-256 of the rule id, the file, the object
 * (kind, namespace, name) and container, the flagged line's text (white space
 * normalised; see report.ts lineHash) and the index of the finding among
 * those equal in all of that, in file order. Line numbers are not part of it,
 * so edits elsewhere in the file keep it; the index keeps it unique in a report.
 */
import { createHash } from 'node:crypto';
import type { ReportFinding } from '../report';

/** Each finding's fingerprint (64 hex digits), in report order. */
export function fingerprints(findings: readonly ReportFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const identity = [f.ruleId, f.file, f.object?.kind ?? '', f.object?.namespace ?? '', f.object?.name ?? '', f.container ?? '', f.lineHash].join('\u0000');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex');
  });
}
