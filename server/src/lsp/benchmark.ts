/**
 * The benchmark report of the workspace (the "Shipshape: Benchmark Report"
 * command): the workspace folders' files are walked, linted alone with the
 * settings that apply to each (editor settings and `.shipshape.yaml`; an
 * open document's unsaved text wins over the disk), and judged against the
 * benchmark by the engine's report (engine/benchmarks/report.ts), which the
 * CLI's `scan --benchmark` uses too. The answer is the report as Markdown.
 */
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { effectiveSeverity, fileKindOf, fileKindOfText, getRule, lintText, type EngineSettings, type RuleHooks } from '../engine';
import { BENCHMARKS, getBenchmark } from '../engine/benchmarks';
import { formatBenchmarkMarkdown, totalsLine } from '../engine/benchmarks/format';
import { benchmarkReport, type BenchmarkFile } from '../engine/benchmarks/report';
import { fileSubjects } from '../engine/benchmarks/subjects';
import { LineIndex } from '../engine/text';
import { toProjectPath } from '../io/disk-project-host';
import type { WorkspaceFiles } from './host';
import type { BenchmarkInfo, BenchmarkReportParams, BenchmarkReportResult } from '../../../shared/benchmark/protocol';

export interface BenchmarkDeps {
  /** The workspace folders (`file:` URIs). */
  folders(): readonly string[];
  /** An open document's text, by URI. */
  openText(uri: string): string | undefined;
  /** The engine settings for a file, or undefined when it is not linted (Shipshape disabled, or ignored by a `.shipshape.yaml`). */
  settingsFor(uri: string): Promise<EngineSettings | undefined>;
  hooks: RuleHooks;
  /** The workspace's files, read as the project index reads them (the disk in Node, the editor in the browser). */
  files: WorkspaceFiles;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Files read at most (a report of a huge monorepo says how many it read). */
const MAX_FILES = 20_000;
const MAX_BYTES = 4 * 1024 * 1024;

export function benchmarkList(): BenchmarkInfo[] {
  return BENCHMARKS.map((b) => ({ id: b.id, label: `${b.name} ${b.version}` }));
}

/** Files of a folder whose kind the engine may know: by name, or JSON (by content). */
async function candidates(files: WorkspaceFiles, root: string, out: string[]): Promise<void> {
  const stack = [root];
  while (stack.length > 0 && out.length < MAX_FILES) {
    const dir = stack.pop()!;
    const entries = [...((await files.list(dir)) ?? [])];
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.directory) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(path);
      } else if (e.file && (fileKindOf(path) !== undefined || /\.jsonl?$/i.test(e.name))) {
        out.push(path);
      }
    }
  }
}

export async function benchmarkReportFor(params: BenchmarkReportParams, deps: BenchmarkDeps): Promise<BenchmarkReportResult> {
  const benchmark = getBenchmark(typeof params?.benchmark === 'string' ? params.benchmark : '');
  if (!benchmark) throw new Error(`unknown benchmark: ${String(params?.benchmark)}`);
  const roots = deps.folders().flatMap((uri) => (uri.startsWith('file:') ? [fileURLToPath(uri)] : []));
  const paths: string[] = [];
  for (const root of roots) await candidates(deps.files, root, paths);
  const files: BenchmarkFile[] = [];
  let settingsOfRoot: EngineSettings | undefined;
  for (const path of paths.sort()) {
    const uri = pathToFileURL(path).href;
    const settings = await deps.settingsFor(uri);
    if (!settings) continue;
    settingsOfRoot ??= settings;
    let text = deps.openText(uri);
    if (text === undefined) {
      const read = deps.files.readFile(toProjectPath(path));
      if (read === undefined || read.length > MAX_BYTES) continue;
      text = read.replace(/^\ufeff/, '');
    }
    const kind = fileKindOfText(path, text);
    if (kind === undefined) continue;
    const name = path.split(sep).pop()!;
    const index = new LineIndex(text);
    const root = roots.find((r) => path.startsWith(r + sep)) ?? '';
    files.push({
      file: root ? relative(root, path).split(sep).join('/') : path,
      subjects: fileSubjects(text, kind, name),
      findings: lintText(text, kind, { ...deps.hooks, settings, fileName: name }).map((f) => {
        const at = index.position(f.span.start);
        return { ruleId: f.ruleId, severity: f.severity, message: f.message, line: at.line + 1, column: at.character + 1, ...(f.benchmarkItems ? { benchmarkItems: f.benchmarkItems } : {}) };
      }),
    });
  }
  const enabled = (ruleId: string): boolean => {
    const rule = getRule(ruleId);
    return rule !== undefined && (settingsOfRoot === undefined || effectiveSeverity(rule.meta, settingsOfRoot) !== 'off');
  };
  const report = benchmarkReport(benchmark, files, { enabled });
  const capped = paths.length >= MAX_FILES ? ` (the first ${MAX_FILES} candidate files)` : '';
  const scanned = `Files of the workspace checked: ${files.length}${capped}, each linted on its own (kustomize builds are not applied here; \`shipshape scan --benchmark ${benchmark.id}\` applies them).`;
  return { markdown: formatBenchmarkMarkdown(report, scanned), totals: totalsLine(report) };
}
