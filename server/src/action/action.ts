/**
 * The Shipshape GitHub Action (action.yml at the repository root; bundled to
 * action/dist/index.js by `npm run build:action`). It scans like `shipshape
 * scan` with the inputs as flags, prints the report in `format` to the log,
 * writes SARIF to `sarif-file` for github/codeql-action/upload-sarif,
 * annotates up to MAX_ANNOTATIONS findings (error / warning / notice by
 * severity), sets the outputs errors, warnings, info, total and sarif-file,
 * writes a step summary, and exits 1 when a finding is at or above
 * `fail-on` (2 on a bad input or an unreadable path).
 *
 * Paths in annotations, the summary and SARIF are relative to
 * GITHUB_WORKSPACE (the repository checkout), whatever the working folder,
 * since that is what GitHub resolves them against.
 */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseCommandLine, type ScanArgs } from '../cli/args';
import { formatReport } from '../cli/cli';
import { CliError, EXIT, firstLine, fsReason } from '../cli/errors';
import { formatSarif } from '../cli/format/sarif';
import { exitCodeFor, type ReportFinding, type ScanReport } from '../cli/report';
import { scan } from '../cli/scan';
import type { Severity } from '../engine';
import { annotation, appendSummary, getInput, setOutputs, type AnnotationLevel, type Env } from './workflow-commands';

/** GitHub shows at most 10 error and 10 warning annotations per step and 50 per job; more are noise in the log. */
export const MAX_ANNOTATIONS = 50;
/** Findings listed in the step summary table. */
export const MAX_SUMMARY_ROWS = 100;

export interface ActionIo {
  cwd: string;
  env: Env;
  stdout: { write(text: string): unknown };
}

const LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * The `paths` input as a list. Several non-empty lines: one path per line, as written (spaces kept), the way
 * actions/upload-artifact and actions/cache read theirs. One line: paths separated by spaces, where a path in
 * double or single quotes keeps its spaces ("my charts/web" x.yaml).
 */
export function pathsInput(input: string): string[] {
  const lines = input.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length !== 1) return lines.map(unquoted);
  const out: string[] = [];
  for (const m of lines[0]!.matchAll(/"([^"]*)"|'([^']*)'|[^\s"']+/g)) out.push(m[1] ?? m[2] ?? m[0]);
  return out.filter((p) => p !== '');
}

/** A line in quotes, as a user writing YAML may quote a path with spaces on its own line too. */
function unquoted(line: string): string {
  const q = line[0];
  return (q === '"' || q === "'") && line.length > 1 && line.endsWith(q) ? line.slice(1, -1) : line;
}

/** The inputs as a `shipshape scan` command line (so they are checked exactly as the CLI checks its flags). */
export function argvFromInputs(env: Env): string[] {
  const paths = pathsInput(getInput(env, 'paths'));
  const argv = ['scan', ...(paths.length > 0 ? paths : ['.'])];
  const flag = (input: string, option: string) => {
    const value = getInput(env, input);
    if (value !== '') argv.push(`--${option}=${value}`);
  };
  flag('format', 'format');
  flag('profile', 'profile');
  flag('fail-on', 'fail-on');
  flag('config', 'config');
  return argv;
}

export function runAction(io: ActionIo): number {
  const { env, stdout } = io;
  try {
    const invocation = parseCommandLine(argvFromInputs(env));
    if (invocation.command !== 'scan') throw new CliError('the action runs scans only');
    const workspace = env.GITHUB_WORKSPACE ? resolve(io.cwd, env.GITHUB_WORKSPACE) : io.cwd;
    // Scan from the workspace so that every report path (and error message) is relative to the repository root.
    const fromWorkspace = (p: string) => relative(workspace, resolve(io.cwd, p)) || '.';
    const args: ScanArgs = {
      ...invocation.args,
      paths: invocation.args.paths.map(fromWorkspace),
      ...(invocation.args.config !== undefined ? { config: fromWorkspace(invocation.args.config) } : {}),
    };
    const report = scan(args, workspace);
    stdout.write(formatReport(report, args, workspace, false));

    const sarifFile = getInput(env, 'sarif-file');
    if (sarifFile !== '') {
      const path = resolve(io.cwd, sarifFile);
      try {
        writeFileSync(path, formatSarif(report, workspace));
      } catch (e) {
        throw new CliError(`cannot write sarif-file '${sarifFile}': ${fsReason(e)}`);
      }
    }
    for (const line of annotations(report.findings)) stdout.write(line);
    const s = report.summary;
    setOutputs(env, { errors: s.errors, warnings: s.warnings, info: s.info, total: report.findings.length, 'sarif-file': sarifFile });
    appendSummary(env, stepSummary(report, args));
    const status = exitCodeFor(report.findings, args.failOn);
    if (status !== EXIT.ok) stdout.write(annotation('error', `Shipshape: ${atOrAbove(report.findings, args)} at or above fail-on: ${args.failOn}`));
    return status;
  } catch (e) {
    const message = e instanceof CliError ? e.message : `internal error: ${firstLine(e)}`;
    stdout.write(annotation('error', `shipshape: ${message.replace(/ \(see 'shipshape --help'\)$/, '')}`));
    return EXIT.usage;
  }
}

function atOrAbove(findings: readonly ReportFinding[], args: ScanArgs): string {
  const n = findings.filter((f) => exitCodeFor([f], args.failOn) !== EXIT.ok).length;
  return `${n} finding${n === 1 ? '' : 's'}`;
}

/** Workflow commands for the first MAX_ANNOTATIONS findings (errors first), then a notice with how many were left out. */
export function annotations(findings: readonly ReportFinding[]): string[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const shown = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, MAX_ANNOTATIONS);
  const out = shown.map((f) =>
    annotation(LEVEL[f.severity], f.message, {
      file: f.file,
      line: f.start.line,
      // GitHub reads col/endColumn only on a one-line annotation (a finding underlines one line).
      ...(f.end.line === f.start.line ? { endLine: f.end.line, col: f.start.column, endColumn: Math.max(f.end.column, f.start.column) } : {}),
      title: `shipshape ${f.ruleId}`,
    }),
  );
  const rest = findings.length - shown.length;
  if (rest > 0) out.push(annotation('notice', `Shipshape: ${rest} more finding${rest === 1 ? '' : 's'} not annotated (at most ${MAX_ANNOTATIONS}); the log, the step summary and the SARIF file list them all.`));
  return out;
}

/** Markdown table cell: pipes and line breaks escaped, HTML kept literal. */
function cell(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** The step summary: counts by severity, then a table of findings (at most MAX_SUMMARY_ROWS). */
export function stepSummary(report: ScanReport, args: ScanArgs): string {
  const s = report.summary;
  const status = exitCodeFor(report.findings, args.failOn) === EXIT.ok ? 'passed' : 'failed';
  const lines = [
    `## Shipshape: ${status}`,
    '',
    `${report.files.length} file${report.files.length === 1 ? '' : 's'} scanned (profile ${report.settings.profile}, fail-on ${args.failOn}).`,
    '',
    '| Errors | Warnings | Info | Total |',
    '| ---: | ---: | ---: | ---: |',
    `| ${s.errors} | ${s.warnings} | ${s.info} | ${report.findings.length} |`,
    '',
  ];
  if (report.findings.length > 0) {
    lines.push('| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |');
    for (const f of report.findings.slice(0, MAX_SUMMARY_ROWS)) {
      lines.push(`| ${cell(`${f.file}:${f.start.line}:${f.start.column}`)} | ${f.severity} | ${cell(f.ruleId)} | ${cell(f.message)} |`);
    }
    const rest = report.findings.length - MAX_SUMMARY_ROWS;
    if (rest > 0) lines.push('', `... and ${rest} more (see the log or the SARIF file).`);
    lines.push('');
  }
  return lines.join('\n') + '\n';
}
