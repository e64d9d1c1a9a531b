/**
 * `--format json`: the report described by schemas/shipshape-report.schema.json.
 * `version` is the report format version; it changes only when a field is
 * removed or changes meaning (new optional fields keep it).
 */
import type { ScanReport } from '../report';
import { TOOL_NAME, TOOL_VERSION } from '../package-info';

export const JSON_REPORT_VERSION = 1;

export function formatJson(report: ScanReport): string {
  const doc = {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    profile: report.settings.profile,
    columnKind: 'utf16CodeUnits',
    files: report.files.map((f) => f.display),
    summary: {
      filesScanned: report.files.length,
      filesWithFindings: report.summary.filesWithFindings,
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      info: report.summary.info,
    },
    findings: report.findings.map((f) => ({
      file: f.file,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      ...(f.object ? { object: f.object } : {}),
      ...(f.container !== undefined ? { container: f.container } : {}),
      ...(f.related ? { related: f.related } : {}),
      ...(f.kustomizations ? { kustomizations: f.kustomizations } : {}),
      ...(f.helm ? { helm: f.helm } : {}),
      ...(f.benchmarkItems ? { benchmarkItems: f.benchmarkItems } : {}),
    })),
    ...(report.benchmark ? { benchmark: report.benchmark } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
