/**
 * The benchmark report of the workspace (the "Shipshape: Benchmark Report"
 * command), judged as `shipshape scan --benchmark` judges a folder: each
 * workspace folder's files are linted as a project by the engine's project
 * lint (engine/project/lint-project.ts: kustomize builds with their findings
 * on the patch and base lines, rendered Helm charts with theirs on the
 * template and values lines, relation rules), with the settings that apply to
 * each file (editor settings and `.shipshape.yaml`, `ignorePaths`, the
 * client's `files.exclude`) and an open document's unsaved text first. The
 * findings are judged against the benchmark by the engine's report
 * (engine/benchmarks/report.ts), which the CLI uses too. Should the project
 * pass fail, the files are linted each on its own and the report says so.
 * The answer is the report as Markdown.
 */
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { effectiveSeverity, fileKindOf, fileKindOfText, getRule, lintText, type EngineSettings, type Finding, type RuleHooks } from '../engine';
import { BENCHMARKS, getBenchmark } from '../engine/benchmarks';
import type { Benchmark } from '../engine/benchmarks/types';
import { formatBenchmarkMarkdown, totalsLine } from '../engine/benchmarks/format';
import { benchmarkReport, type BenchmarkFile } from '../engine/benchmarks/report';
import { fileSubjects } from '../engine/benchmarks/subjects';
import { lintProject } from '../engine/project/lint-project';
import type { ProjectHost, ProjectPath } from '../engine/project/types';
import { LineIndex } from '../engine/text';
import { fromProjectPath, toProjectPath } from '../io/disk-project-host';
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
  /** The project's files with open documents' unsaved text first (the project index's host); default: `openText`, then `files`. */
  host?: ProjectHost;
  /** The client's `files.exclude` of a folder (URI), as a matcher of folder-relative POSIX paths; default: nothing excluded. */
  excludes?(folder: string): Promise<(relative: string) => boolean>;
  /** The project lint (a test seam; default: the engine's). */
  lintProject?: typeof lintProject;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Files read at most (a report of a huge monorepo says how many it read). */
const MAX_FILES = 20_000;
const MAX_BYTES = 4 * 1024 * 1024;
/** Rounds of the project pass that may meet files outside the walk (their settings are resolved, then it runs again). */
const MAX_ROUNDS = 3;

export function benchmarkList(): BenchmarkInfo[] {
  return BENCHMARKS.map((b) => ({ id: b.id, label: `${b.name} ${b.version}` }));
}

/** Files of a folder whose kind the engine may know: by name, or JSON (by content); not in skipped or excluded folders; at most `limit`. */
async function candidates(files: WorkspaceFiles, root: string, excluded: (relative: string) => boolean, out: string[], limit: number): Promise<void> {
  const stack = [root];
  while (stack.length > 0 && out.length < limit) {
    const dir = stack.pop()!;
    const entries = [...((await files.list(dir)) ?? [])];
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (excluded(posixRelative(root, path))) continue;
      if (e.directory) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(path);
      } else if (e.file && (fileKindOf(path) !== undefined || /\.jsonl?$/i.test(e.name))) {
        out.push(path);
      }
    }
  }
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** One workspace folder's files: their settings (undefined: not linted) and texts as read. */
interface Folder {
  root: string;
  excluded(relative: string): boolean;
  paths: string[];
}

export async function benchmarkReportFor(params: BenchmarkReportParams, deps: BenchmarkDeps): Promise<BenchmarkReportResult> {
  const benchmark = getBenchmark(typeof params?.benchmark === 'string' ? params.benchmark : '');
  if (!benchmark) throw new Error(`unknown benchmark: ${String(params?.benchmark)}`);
  const folders: Folder[] = [];
  let walked = 0;
  for (const uri of deps.folders()) {
    if (!uri.startsWith('file:')) continue;
    const excluded = (await deps.excludes?.(uri)) ?? (() => false);
    const paths: string[] = [];
    await candidates(deps.files, fileURLToPath(uri), excluded, paths, MAX_FILES - walked);
    walked += paths.length;
    folders.push({ root: fileURLToPath(uri), excluded, paths: paths.sort() });
  }
  const host = deps.host ?? {
    readFile: (path: ProjectPath) => deps.openText(pathToFileURL(fromProjectPath(path)).href) ?? deps.files.readFile(path),
    readDirectory: (path: ProjectPath) => deps.files.readDirectory(path),
    ...(deps.files.gunzip ? { gunzip: (path: ProjectPath) => deps.files.gunzip?.(path) } : {}),
  };
  // Settings by project path, resolved before the (synchronous) project pass.
  const settings = new Map<ProjectPath, EngineSettings | undefined>();
  const resolve = async (path: ProjectPath): Promise<void> => {
    const native = fromProjectPath(path);
    const folder = folders.find((f) => native.startsWith(f.root + sep));
    const rel = folder && posixRelative(folder.root, native);
    // Excluded by the client (the file or a folder above it): not linted, as a `.shipshape.yaml`'s ignorePaths. A file
    // the walk skipped otherwise (node_modules, outside the folders) is linted when a build reads it, as the CLI does.
    const hidden = rel !== undefined && rel.split('/').some((_, i, parts) => folder!.excluded(parts.slice(0, i + 1).join('/')));
    settings.set(path, hidden ? undefined : await deps.settingsFor(pathToFileURL(native).href));
  };
  for (const f of folders) for (const p of f.paths) await resolve(toProjectPath(p));
  const settingsOfRoot = [...settings.values()].find((s) => s !== undefined);

  const files: BenchmarkFile[] = [];
  let fallback: string | undefined;
  try {
    for (const folder of folders) files.push(...(await projectFiles(folder, host, settings, resolve, deps)));
  } catch (e) {
    fallback = e instanceof Error ? e.name : 'error';
    files.length = 0;
    for (const folder of folders) files.push(...aloneFiles(folder, host, settings, deps.hooks));
  }
  const enabled = (ruleId: string): boolean => {
    const rule = getRule(ruleId);
    return rule !== undefined && (settingsOfRoot === undefined || effectiveSeverity(rule.meta, settingsOfRoot) !== 'off');
  };
  const report = benchmarkReport(benchmark, files, { enabled });
  return { markdown: formatBenchmarkMarkdown(report, scannedLine(benchmark, files.length, walked >= MAX_FILES, fallback)), totals: totalsLine(report) };
}

function scannedLine(benchmark: Benchmark, count: number, capped: boolean, fallback: string | undefined): string {
  const first = capped ? ` (from the first ${MAX_FILES} candidate files)` : '';
  if (fallback !== undefined) {
    return `Files of the workspace checked: ${count}${first}, each linted on its own: judging the workspace as a project failed (${fallback}), so kustomize builds, Helm charts and relation rules are not applied here; \`shipshape scan --benchmark ${benchmark.id}\` applies them.`;
  }
  return `Files of the workspace checked: ${count}${first}, judged as a project as \`shipshape scan --benchmark ${benchmark.id}\` judges it: kustomize builds applied (findings at the patch and base lines), Helm charts rendered (findings at the template and values lines), and relation rules.`;
}

/** The text of a candidate file, as the report reads it (none when too large or unreadable). */
function textOf(host: ProjectHost, path: ProjectPath): string | undefined {
  const read = host.readFile(path);
  return read === undefined || read.length > MAX_BYTES ? undefined : read.replace(/^\ufeff/, '');
}

/** A folder linted as a project (as the CLI's scan of the folder); files outside the walk get their settings resolved first. */
async function projectFiles(
  folder: Folder,
  host: ProjectHost,
  settings: Map<ProjectPath, EngineSettings | undefined>,
  resolve: (path: ProjectPath) => Promise<void>,
  deps: BenchmarkDeps,
): Promise<BenchmarkFile[]> {
  const given: ProjectPath[] = [];
  for (const p of folder.paths) {
    const path = toProjectPath(p);
    if (settings.get(path) && textOf(host, path) !== undefined) given.push(path);
  }
  const run = deps.lintProject ?? lintProject;
  for (let round = 1; ; round++) {
    const unknown = new Set<ProjectPath>();
    const lint = run(host, given, {
      ...deps.hooks,
      root: toProjectPath(folder.root),
      settingsFor: (path) => {
        if (settings.has(path)) return settings.get(path);
        unknown.add(path);
        return undefined;
      },
      lintAlone: (path, text, s, workloads) => {
        const kind = fileKindOfText(path, text);
        return kind === undefined ? [] : lintText(text, kind, { ...deps.hooks, settings: s, fileName: basename(path), ...(workloads?.byType.size ? { workloads } : {}) });
      },
    });
    if (unknown.size > 0 && round < MAX_ROUNDS) {
      for (const path of unknown) await resolve(path);
      continue;
    }
    const out: BenchmarkFile[] = [];
    for (const [path, findings] of lint.files) {
      const text = textOf(host, path);
      const kind = text === undefined ? undefined : fileKindOfText(path, text);
      if (text !== undefined && kind !== undefined) out.push(benchmarkFile(folder.root, path, text, kind, findings));
    }
    return out;
  }
}

/** A folder's files linted each on its own (the fallback). */
function aloneFiles(folder: Folder, host: ProjectHost, settings: ReadonlyMap<ProjectPath, EngineSettings | undefined>, hooks: RuleHooks): BenchmarkFile[] {
  const out: BenchmarkFile[] = [];
  for (const p of folder.paths) {
    const path = toProjectPath(p);
    const s = settings.get(path);
    const text = s && textOf(host, path);
    const kind = text === undefined ? undefined : fileKindOfText(path, text);
    if (!s || text === undefined || kind === undefined) continue;
    out.push(benchmarkFile(folder.root, path, text, kind, lintText(text, kind, { ...hooks, settings: s, fileName: basename(path) })));
  }
  return out;
}

function basename(path: ProjectPath): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function benchmarkFile(root: string, path: ProjectPath, text: string, kind: NonNullable<ReturnType<typeof fileKindOfText>>, findings: readonly Finding[]): BenchmarkFile {
  const native = fromProjectPath(path);
  const index = new LineIndex(text);
  return {
    file: native.startsWith(root + sep) ? posixRelative(root, native) : native,
    subjects: fileSubjects(text, kind, basename(path)),
    findings: findings.map((f) => {
      const at = index.position(f.span.start);
      return { ruleId: f.ruleId, severity: f.severity, message: f.message, line: at.line + 1, column: at.character + 1, ...(f.benchmarkItems ? { benchmarkItems: f.benchmarkItems } : {}), ...(f.builds?.length || f.helm ? { built: true } : {}) };
    }),
  };
}
