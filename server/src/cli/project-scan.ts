/**
 * `shipshape scan` over a project (the default; `--no-kustomize` lints each
 * file alone, see scan.ts): the kustomizations under the paths are built and
 * judged by the engine's project layer (engine/project/lint-project.ts), over
 * the disk (io/disk-project-host.ts). Findings a build reports in a file
 * outside the paths (a base next to the scanned overlay) are reported too.
 * `--fix` applies the project's safe fixes (a fix for a finding reported in a
 * patch edits the patch) and writes each changed file as scan.ts's fix does.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ScanArgs } from './args';
import type { HelmProjectOptions } from '../engine/project/helm-lint';
import type { RuleHooks } from '../engine';
import { fixProject } from '../engine/project/fix-project';
import { lintProject, type ProjectLint, type ProjectLintOptions } from '../engine/project/lint-project';
import type { ProjectHost, ProjectPath } from '../engine/project/types';
import { ConcurrentModificationError, readBytesForEdit, writeAtomic } from '../../../shared/io/atomic-write';
import { DiskProjectHost, fromProjectPath, toProjectPath } from '../io/disk-project-host';
import { decodeText, encodeText } from '../io/text-encoding';
import { CliError, fsReason } from './errors';
import type { FileFixResult, FixOptions } from './fix';
import { displayPath, readSource, type InputFile, type SourceFile } from './files';
import { LineIndex } from '../engine/text';
import { locateFindings, type ReportFinding } from './report';
import type { ScanContext } from './scan';
import { lintSource } from './lint-source';
import { unifiedDiff } from './unified-diff';
import type { LintPool } from './pool/pool';

/** The scan's files as a project: their sources read once, other files from the disk. */
class ScanProject {
  readonly host: ProjectHost;
  readonly paths: ProjectPath[];
  private readonly inputs = new Map<ProjectPath, InputFile>();
  private readonly sources = new Map<ProjectPath, SourceFile>();
  /** Without `keep`: the last source read (a file's text is asked for, then its lint alone). */
  private last?: { path: ProjectPath; source: SourceFile };

  /**
   * `keep`: keep every source read (`--fix`, which must write back what it
   * read); otherwise a file is read again when needed, so a scan does not hold
   * every file's text at once.
   */
  constructor(
    readonly ctx: ScanContext,
    private readonly cwd: string,
    private readonly hooks: RuleHooks,
    private readonly keep: boolean,
    private readonly args: ProjectArgs = {},
    private readonly pool?: LintPool,
  ) {
    for (const file of ctx.files) this.inputs.set(toProjectPath(file.path), file);
    this.paths = [...this.inputs.keys()];
    const disk = new DiskProjectHost();
    this.host = {
      readFile: (path) => (this.inputs.has(path) ? this.source(path).text : disk.readFile(path)),
      readDirectory: (path) => disk.readDirectory(path),
      gunzip: (path) => disk.gunzip(path),
    };
  }

  /** The input file of a project path (a file outside the paths gets one too). */
  input(path: ProjectPath): InputFile {
    const known = this.inputs.get(path);
    if (known) return known;
    const native = fromProjectPath(path);
    return { path: native, display: displayPath(native, this.cwd), explicit: false };
  }

  source(path: ProjectPath): SourceFile {
    let s = this.sources.get(path) ?? (this.last?.path === path ? this.last.source : undefined);
    if (!s) {
      s = readSource(this.input(path));
      if (this.keep) this.sources.set(path, s);
      else this.last = { path, source: s };
    }
    return s;
  }

  options(): ProjectLintOptions {
    return {
      ...this.hooks,
      kustomize: !this.args.noKustomize,
      helm: helmOptions(this.args, this.cwd),
      root: toProjectPath(this.cwd),
      settingsFor: (path) => this.ctx.settingsFor(this.input(path)),
      // The CLI's lint of a file alone: the engine's findings and a file-encoding finding (from a lint worker when there are some).
      lintAlone: (path, text, settings, workloads, parsed) => {
        const source = (): SourceFile => ({ ...this.source(path), text });
        // The workers do not know the project's custom workload kinds: with some, files are linted here.
        if (!workloads?.byType.size) {
          const pooled = this.pool?.take(this.input(path), source, settings, this.hooks);
          if (pooled) return pooled;
        }
        return lintSource(source(), { ...this.hooks, settings, fileName: basename(fromProjectPath(path)), ...(workloads?.byType.size ? { workloads } : {}), ...(parsed ? { parsed } : {}) });
      },
    };
  }

  /** The files and their located findings (build names as display paths). */
  report(lint: ProjectLint, textOf: (path: ProjectPath) => string | undefined): { files: InputFile[]; findings: ReportFinding[] } {
    const files: InputFile[] = [];
    const findings: ReportFinding[] = [];
    const name = (build: ProjectPath) => displayPath(fromProjectPath(build), this.cwd);
    // A file that related locations name is indexed once for the whole report (many files' findings name the same one).
    const indexes = new Map<ProjectPath, LineIndex>();
    const other = (p: ProjectPath) => {
      const text = textOf(p) ?? '';
      let index = indexes.get(p);
      if (!index) indexes.set(p, (index = new LineIndex(text)));
      return { display: displayPath(fromProjectPath(p), this.cwd), text, index };
    };

    for (const [path, list] of lint.files) {
      const file = this.input(path);
      files.push(file);
      const text = textOf(path) ?? '';
      for (const f of locateFindings(file, text, list, name, other, name)) findings.push(f);
    }
    return { files, findings };
  }
}

/** The scan options that shape the project: which sources are built, with which Helm values. */
export type ProjectArgs = Pick<ScanArgs, 'noKustomize' | 'noHelm' | 'helmValues' | 'kubeVersion'>;

/**
 * The Helm options of a scan: a --helm-values file inside a chart's folder applies to that chart, one outside every
 * chart to all of them (in the order given).
 */
function helmOptions(args: ProjectArgs, cwd: string): false | HelmProjectOptions {
  if (args.noHelm) return false;
  const values = (args.helmValues ?? []).map((v) => {
    const native = resolve(cwd, v);
    if (!existsSync(native)) throw new CliError(`cannot read --helm-values file '${v}': no such file`);
    return { path: toProjectPath(native), chart: chartAbove(native) };
  });
  return {
    valuesFiles: (dir) => values.filter((v) => v.chart === undefined || v.chart === dir).map((v) => v.path),
    ...(args.kubeVersion ? { kubeVersion: args.kubeVersion } : {}),
  };
}

/** The chart folder (project path) a file lies in: the nearest folder above it with a Chart.yaml. */
function chartAbove(file: string): ProjectPath | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'Chart.yaml'))) return toProjectPath(dir);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Lint the scan's files as a project (`pool`: the lint workers, when the scan has some). */
export function scanProject(ctx: ScanContext, cwd: string, hooks: RuleHooks, args: ProjectArgs = {}, pool?: LintPool): { files: InputFile[]; findings: ReportFinding[] } {
  const project = new ScanProject(ctx, cwd, hooks, false, args, pool);
  const lint = lintProject(project.host, project.paths, project.options());
  return project.report(lint, (path) => project.host.readFile(path));
}

/** `scan --fix` / `--fix-dry-run` over the project. */
export function fixScanProject(ctx: ScanContext, cwd: string, options: FixOptions, hooks: RuleHooks, args: ProjectArgs = {}): { files: InputFile[]; findings: ReportFinding[]; results: FileFixResult[] } {
  const project = new ScanProject(ctx, cwd, hooks, true, args);
  // Replacement characters would be written over the bytes they stand for: such files are not fixed.
  const fixed = fixProject(project.host, project.paths, { ...project.options(), canFix: (path) => project.source(path).problem === undefined });
  const results: FileFixResult[] = [];
  const final = new Map<ProjectPath, string>();
  let refused = false;
  for (const path of project.paths.concat([...fixed.texts.keys()].filter((p) => !project.paths.includes(p)))) {
    const file = project.input(path);
    const result: FileFixResult = { file, applied: 0 };
    results.push(result);
    const next = fixed.texts.get(path);
    if (next === undefined) continue;
    const source = project.source(path);
    result.applied = fixed.applied.get(path) ?? 0;
    if (options.dryRun) {
      result.diff = unifiedDiff(source.text, next, `a/${file.display}`, `b/${file.display}`);
      final.set(path, next);
      continue;
    }
    if (file.stdin) throw new CliError(`cannot write back to standard input`);
    if (typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) options.beforeWrite?.(file.path);
    try {
      const read = readBytesForEdit(file.path);
      if (decodeText(read.bytes).text !== source.text) throw new ConcurrentModificationError(file.path);
      writeAtomic(file.path, encodeText(next, source.encoding, source.bom), read.stamp);
      final.set(path, next);
    } catch (e) {
      if (!(e instanceof ConcurrentModificationError)) throw new CliError(`cannot write '${file.display}': ${fsReason(e)}`);
      result.refused = true;
      result.applied = 0;
      refused = true;
    }
  }
  // What remains: the last round's lint, unless a file was left as it was (then the project as written).
  const lint = refused ? lintProject(withTexts(project.host, final), project.paths, project.options()) : fixed.lint;
  const report = project.report(lint, (path) => final.get(path) ?? project.host.readFile(path));
  return { ...report, results };
}

function withTexts(host: ProjectHost, texts: ReadonlyMap<ProjectPath, string>): ProjectHost {
  return { readFile: (path) => texts.get(path) ?? host.readFile(path), readDirectory: (path) => host.readDirectory(path), ...(host.gunzip ? { gunzip: (path: ProjectPath) => host.gunzip!(path) } : {}) };
}
