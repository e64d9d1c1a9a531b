/**
 * "Shipshape: Benchmark Report": asks which benchmark, has the language
 * server judge the workspace's files against it (shared/benchmark/protocol.ts;
 * the engine's report, as `shipshape scan --benchmark`), and opens the answer
 * as a Markdown preview of an untitled document.
 */
import * as vscode from 'vscode';
import { BENCHMARK_LIST_REQUEST, BENCHMARK_REPORT_REQUEST, type BenchmarkInfo, type BenchmarkReportParams, type BenchmarkReportResult } from '../../shared/benchmark/protocol';

export interface BenchmarkServer {
  request<R>(method: string, params: unknown): Promise<R>;
}

export async function showBenchmarkReport(server: BenchmarkServer): Promise<void> {
  const list = await server.request<BenchmarkInfo[]>(BENCHMARK_LIST_REQUEST, {});
  const picked = await vscode.window.showQuickPick(
    list.map((b) => ({ label: b.label, id: b.id })),
    { title: 'Shipshape: Benchmark Report', placeHolder: 'Which benchmark should the workspace be checked against?' },
  );
  if (!picked) return;
  const params: BenchmarkReportParams = { benchmark: picked.id };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Shipshape: checking the workspace against the ${picked.label}` },
    () => server.request<BenchmarkReportResult>(BENCHMARK_REPORT_REQUEST, params),
  );
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}
