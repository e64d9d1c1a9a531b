/**
 * `shipshape scan --fix` and `--fix-dry-run`.
 *
 * Each file gets fix-all (safe fixes only, non-overlapping, to a fixed point,
 * see engine/fixes/apply.ts). `--fix` writes the result atomically and
 * refuses a file that changed on disk since it was read (io/atomic-write.ts);
 * `--fix-dry-run` prints a unified diff and changes nothing. Both then report
 * the findings left in the (would-be) fixed text, so the exit code reflects
 * what remains. A file is written back in its own encoding, with its
 * byte-order mark; a file whose bytes did not decode cleanly (file-encoding)
 * is not fixed.
 */
import { basename } from 'node:path';
import { fixAll } from '../engine/fixes/apply';
import type { RuleHooks } from '../engine';
import { ConcurrentModificationError, readBytesForEdit, writeAtomic } from '../../../shared/io/atomic-write';
import { encodeText } from '../io/text-encoding';
import type { ScanArgs } from './args';
import { CliError, fsReason } from './errors';
import { terminalSafe } from './format/style';
import { sourceOf, type InputFile } from './files';
import { locateFindings, summarize, type ReportFinding, type ScanReport } from './report';
import { scanContext, usesProject, type ReadStdin } from './scan';
import { lintSource } from './lint-source';
import { unifiedDiff } from './unified-diff';
import { fixScanProject } from './project-scan';

export interface FileFixResult {
  file: InputFile;
  /** Fixes applied (or that would be applied, in a dry run). */
  applied: number;
  /** Unified diff of the change ('' when nothing changed). Dry run only. */
  diff?: string;
  /** The file changed on disk while it was being fixed: nothing was written. */
  refused?: boolean;
}

export interface FixRun {
  report: ScanReport;
  results: FileFixResult[];
}

export interface FixOptions {
  dryRun: boolean;
  /** Reads standard input (the path `-`, dry run only: args.ts refuses `--fix -`). */
  readStdin?: ReadStdin;
  /** Test hook: called after a file is read and before it is written (not in production bundles: engine/test-seams.d.ts). */
  beforeWrite?(path: string): void;
}

/** `hooks`: the run's rule hooks (see RuleHooks). */
export function scanAndFix(args: ScanArgs, cwd: string, options: FixOptions, hooks: RuleHooks = {}): FixRun {
  const ctx = scanContext(args, cwd, options.readStdin);
  if (usesProject(args)) {
    const { results, ...project } = fixScanProject(ctx, cwd, options, hooks, args);
    return { report: { settings: ctx.settings, ...project, summary: summarize(project.findings) }, results };
  }
  const findings: ReportFinding[] = [];
  const files: InputFile[] = [];
  const results: FileFixResult[] = [];
  for (const file of ctx.files) {
    const settings = ctx.settingsFor(file);
    if (!settings) continue;
    files.push(file);
    // The stamp is of the bytes decoded here: the write is refused if they change meanwhile.
    let read;
    try {
      read = file.stdin ? { bytes: file.stdin, stamp: undefined } : readBytesForEdit(file.path);
    } catch (e) {
      throw new CliError(`cannot read '${file.display}': ${fsReason(e)}`);
    }
    const source = sourceOf(file, read.bytes);
    const { text, kind } = source;
    const lintOptions = { ...hooks, settings, fileName: basename(file.path) };
    // Replacement characters would be written over the bytes they stand for: no fixes then.
    const fixed = source.problem === undefined ? fixAll(text, kind, lintOptions) : undefined;
    let finalText = text;
    const result: FileFixResult = { file, applied: 0 };
    if (fixed && fixed.applied > 0 && fixed.text !== text) {
      result.applied = fixed.applied;
      if (options.dryRun) {
        result.diff = unifiedDiff(text, fixed.text, `a/${file.display}`, `b/${file.display}`);
        finalText = fixed.text;
      } else if (read.stamp === undefined) {
        throw new CliError(`cannot write back to standard input`);
      } else {
        if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS)) options.beforeWrite?.(file.path);
        try {
          writeAtomic(file.path, encodeText(fixed.text, source.encoding, source.bom), read.stamp);
          finalText = fixed.text;
        } catch (e) {
          if (!(e instanceof ConcurrentModificationError)) throw new CliError(`cannot write '${file.display}': ${fsReason(e)}`);
          result.refused = true;
          result.applied = 0;
        }
      }
    }
    results.push(result);
    const remaining = finalText === text || !fixed ? lintSource(source, lintOptions) : fixed.findings;
    for (const f of locateFindings(file, finalText, remaining)) findings.push(f); // not push(...): no argument limit
  }
  return { report: { settings: ctx.settings, files, findings, summary: summarize(findings) }, results };
}

/** One line per fixed (or refused) file, for stderr: `fixed 3 problems in deploy.yaml`. File names are made terminal-safe. */
export function fixSummary(results: readonly FileFixResult[], dryRun: boolean): string {
  let out = '';
  for (const r of results) {
    const name = terminalSafe(r.file.display);
    if (r.refused) out += `${name}: changed on disk while it was being fixed; not written\n`;
    else if (r.applied > 0) out += `${dryRun ? 'would fix' : 'fixed'} ${r.applied} problem${r.applied === 1 ? '' : 's'} in ${name}\n`;
  }
  return out;
}
