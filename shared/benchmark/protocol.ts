/**
 * The benchmark report request between the "Shipshape: Benchmark Report"
 * command and the language server: the server lints the workspace folders'
 * files with the user's settings, judges them against the benchmark
 * (engine/benchmarks/report.ts, as `shipshape scan --benchmark` does) and
 * answers with the report as Markdown. Types and names only: both sides
 * import this file.
 */

/** The benchmarks the server knows -> BenchmarkInfo[]. */
export const BENCHMARK_LIST_REQUEST = 'shipshape/benchmark/list';

export interface BenchmarkInfo {
  id: string;
  /** e.g. "CIS Docker Benchmark v1.7.0". */
  label: string;
}

/** The report for the workspace -> BenchmarkReportResult. */
export const BENCHMARK_REPORT_REQUEST = 'shipshape/benchmark/report';

export interface BenchmarkReportParams {
  benchmark: string;
}

export interface BenchmarkReportResult {
  markdown: string;
  /** e.g. "12 PASS, 3 FAIL, 20 N/A, 30 MANUAL, 40 HOST-ONLY". */
  totals: string;
}
