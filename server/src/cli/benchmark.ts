/**
 * `scan --benchmark <id>`: the scan's findings judged item by item against a
 * benchmark catalog (engine/benchmarks/report.ts, shared with the language
 * server's benchmark request). The CLI says which subjects each scanned file
 * holds (engine/benchmarks/subjects.ts) and which rules ran.
 */
import { effectiveSeverity, getRule } from '../engine';
import { getBenchmark, type BenchmarkId } from '../engine/benchmarks';
import { benchmarkReport, type BenchmarkFile } from '../engine/benchmarks/report';
import { fileSubjects } from '../engine/benchmarks/subjects';
import { CliError } from './errors';
import { readSource } from './files';
import type { ReportFinding, ScanReport } from './report';

export function withBenchmark(report: ScanReport, id: BenchmarkId): ScanReport {
  const benchmark = getBenchmark(id);
  if (!benchmark) throw new CliError(`benchmark '${id}' is not available in this build`);
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const files: BenchmarkFile[] = report.files.map((file) => {
    const source = readSource(file);
    return {
      file: file.display,
      subjects: fileSubjects(source.text, source.kind, file.path),
      findings: (byFile.get(file.display) ?? []).map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: f.start.line,
        column: f.start.column,
        ...(f.benchmarkItems ? { benchmarkItems: f.benchmarkItems } : {}),
        ...(f.kustomizations?.length || f.helm ? { built: true } : {}),
      })),
    };
  });
  const enabled = (ruleId: string): boolean => {
    const rule = getRule(ruleId);
    return rule !== undefined && effectiveSeverity(rule.meta, report.settings) !== 'off';
  };
  return { ...report, benchmark: benchmarkReport(benchmark, files, { enabled }) };
}
