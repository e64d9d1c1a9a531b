/**
 * `--format gitlab`: a GitLab Code Quality report (the subset of the Code
 * Climate issue format GitLab reads; artifacts:reports:codequality): a JSON
 * array of issues with description, check_name (the rule id), fingerprint
 * (stable across runs and line shifts, unique in the report; see
 * fingerprint.ts), severity and location.path + location.lines (1-based).
 * Paths are as the report shows them: relative to the working folder, which
 * in a CI job is the repository root.
 *
 * categories: `Bug Risk` for schema and syntax findings, else `Security`.
 * Severities: error -> critical, warning -> major, info -> info (GitLab's
 * scale is info, minor, major, critical, blocker; blocker is left for tools
 * that know a finding stops a release).
 */
import { getRule, type Severity } from '../../engine';
import type { ScanReport } from '../report';
import { fingerprints } from './fingerprint';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const GITLAB_SEVERITY: Readonly<Record<Severity, GitlabSeverity>> = { error: 'critical', warning: 'major', info: 'info' };

/** Code Climate category: schema and syntax findings are bug risks, the rest security. */
function categoryOf(ruleId: string): string {
  const category = getRule(ruleId)?.meta.category;
  return category === 'schema' || category === 'syntax' ? 'Bug Risk' : 'Security';
}

export function formatGitlab(report: ScanReport): string {
  const prints = fingerprints(report.findings);
  const issues = report.findings.map((f, i) => ({
    type: 'issue',
    check_name: f.ruleId,
    description: f.message,
    categories: [categoryOf(f.ruleId)],
    fingerprint: prints[i]!,
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: f.file, lines: { begin: f.start.line, end: f.end.line } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
