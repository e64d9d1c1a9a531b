/**
 * The CLI as a function: argv and an environment in, an exit status out.
 * Everything the process touches (cwd, env, streams) comes through `CliIo`,
 * so main.ts stays a few lines and errors are handled in one place.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandLine, type ScanArgs } from './args';
import { CliError, EXIT, firstLine, fsReason } from './errors';
import { formatGitlab } from './format/gitlab';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatRulesJson, formatRulesText } from './format/rules';
import { formatSarif } from './format/sarif';
import { terminalSafe, wantColor } from './format/style';
import { formatText } from './format/text';
import { helpText } from './help';
import { runKubeconfig } from './kubeconfig';
import { describeInternalError, RULES, type RuleHooks } from '../engine';
import { TEST_FAULT_ENV, throwingTestRule } from '../engine/test-fault';
import { TOOL_VERSION } from './package-info';
import { exitCodeFor, type ScanReport } from './report';
import { scan, settingsFromArgs, type WorkerOptions } from './scan';
import { TEST_POOL_ENV, tuningFromEnv } from './pool/plan';
import { workerCodeCacheDir } from './pool/worker-cache';
import { fixSummary, scanAndFix } from './fix';
import { runInit } from './init';
import { withBenchmark } from './benchmark';
import { formatBenchmarkText } from '../engine/benchmarks/format';
import { statusColor } from './format/style';

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Reads all of standard input (for the path `-`); without it `-` is an ordinary path. */
  readStdin?: () => Uint8Array;
  /** The bundle lint worker threads start from (see pool/pool.ts); without it `scan` lints in this thread. */
  workerScript?: string;
}

/** Run the CLI. Never throws: failures become `shipshape: <message>` on stderr and exit status 2. */
export function run(argv: readonly string[], io: CliIo): number {
  // A rule that throws becomes an internal-error finding in the report; stderr says where in the code, once per rule.
  const failedRules = new Set<string>();
  const hooks: RuleHooks = {
    onInternalError(e) {
      if (failedRules.has(e.ruleId)) return;
      failedRules.add(e.ruleId);
      io.stderr.write(`shipshape: internal error: ${describeInternalError(e).split('\n').map(terminalSafe).join('\n')}\n`);
    },
  };
  // Test seam, not in production bundles (engine/test-seams.d.ts).
  if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) && io.env[TEST_FAULT_ENV] === 'rule-throws') hooks.rules = [...RULES, throwingTestRule()];
  return runCommand(argv, io, hooks);
}

function runCommand(argv: readonly string[], io: CliIo, hooks: RuleHooks): number {
  try {
    const inv = parseCommandLine(argv);
    switch (inv.command) {
      case 'help':
        io.stdout.write(helpText(inv.topic));
        return EXIT.ok;
      case 'version':
        io.stdout.write(`${TOOL_VERSION}\n`);
        return EXIT.ok;
      case 'list-rules': {
        const settings = settingsFromArgs(inv.args);
        emit(inv.args.format === 'json' ? formatRulesJson(settings) : formatRulesText(), inv.args, io);
        return EXIT.ok;
      }
      case 'scan': {
        // --fix lints in this thread: its rounds re-lint the texts it changed, and writes stay here.
        if (inv.args.fix !== undefined) return runFix(inv.args, io, hooks);
        let failed = false;
        const workers = workerOptions(io, (message) => {
          failed = true;
          io.stderr.write(`shipshape: ${terminalSafe(message)}\n`);
        });
        const scanned = scan(inv.args, io.cwd, hooks, io.readStdin, workers);
        const report = inv.args.benchmark !== undefined ? withBenchmark(scanned, inv.args.benchmark) : scanned;
        emit(formatReport(report, inv.args, io.cwd, colorFor(inv.args, io)), inv.args, io);
        // A file a worker could not lint has no findings of its own: the run failed.
        return failed ? EXIT.usage : exitCodeFor(report.findings, inv.args.failOn);
      }
      case 'kubeconfig':
        return runKubeconfig(inv.args, io, hooks);
      case 'init':
        return runInit(inv.args, io.cwd, io.stdout);
    }
  } catch (e) {
    const message = e instanceof CliError ? e.message : `internal error: ${firstLine(e)}`;
    io.stderr.write(`shipshape: ${terminalSafe(message)}\n`);
    return e instanceof CliError ? e.exitCode : EXIT.usage;
  }
}

/** How `scan` starts lint workers: from io.workerScript, with the test seams' knobs when built with them. */
function workerOptions(io: CliIo, onFailure: (message: string) => void): WorkerOptions | undefined {
  if (io.workerScript === undefined) return undefined;
  const codeCacheDir = workerCodeCacheDir(io.env);
  const options: WorkerOptions = { script: io.workerScript, onFailure, ...(codeCacheDir !== undefined ? { codeCacheDir } : {}) };
  if (typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) {
    const fault = io.env[TEST_FAULT_ENV];
    if (fault !== undefined) options.testFault = fault;
    const pool = io.env[TEST_POOL_ENV];
    if (pool !== undefined) {
      options.tuning = tuningFromEnv(pool);
      if (/\btrace\b/.test(pool)) options.trace = (message) => io.stderr.write(`shipshape: ${message}\n`);
    }
  }
  return options;
}

/**
 * `scan --fix` / `--fix-dry-run`: per-file fix counts on stderr; the dry run's
 * unified diff on stdout (the report is then left out of stdout, so the diff
 * can be piped to `patch`/`git apply`); the report of what remains otherwise.
 * A file refused because it changed meanwhile makes the exit status 2.
 */
function runFix(args: ScanArgs, io: CliIo, hooks: RuleHooks): number {
  const dryRun = args.fix === 'dry-run';
  const { report, results } = scanAndFix(args, io.cwd, { dryRun, ...(io.readStdin ? { readStdin: io.readStdin } : {}) }, hooks);
  io.stderr.write(fixSummary(results, dryRun));
  if (dryRun) io.stdout.write(results.map((r) => r.diff ?? '').join(''));
  else emit(formatReport(report, args, io.cwd, colorFor(args, io)), args, io);
  if (results.some((r) => r.refused)) return EXIT.usage;
  return exitCodeFor(report.findings, args.failOn);
}

/** The report in the --format asked for (`color`: for the text format). */
export function formatReport(report: ScanReport, args: ScanArgs, cwd: string, color: boolean): string {
  switch (args.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, cwd, args);
    case 'junit':
      return formatJunit(report, args.failOn);
    case 'gitlab':
      return formatGitlab(report);
    case 'text':
      if (report.benchmark) return formatBenchmarkText(report.benchmark, { escape: terminalSafe, ...(color ? { status: statusColor } : {}) });
      return formatText(report, { color });
  }
}

/** Colour for a text report written to a terminal (see wantColor). */
function colorFor(args: ScanArgs, io: CliIo): boolean {
  return args.output === undefined && wantColor(io.env, io.stdout.isTTY === true);
}

/** Write a report to --output or stdout. */
function emit(text: string, args: Pick<ScanArgs, 'output'>, io: CliIo): void {
  if (args.output === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, args.output), text);
  } catch (e) {
    throw new CliError(`cannot write '${args.output}': ${fsReason(e)}`);
  }
}
