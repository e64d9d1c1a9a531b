/**
 * `shipshape scan --fix` and `--fix-dry-run`.
 *
 * Each file gets fix-all (safe fixes only, non-overlapping, to a fixed point,
 * see engine/fixes/apply.ts). `--fix` writes the result atomically and
 * refuses a file that changed on disk since it was read (io/atomic-write.ts);
 * `--fix-dry-run` prints a unified diff and changes nothing. Both then report
 * the findings left in the (would-be) fixed text, so the exit code reflects
 * what remains.
 */
import { basename } from 'node:path';
import { lintText } from '../engine';
import { fixAll } from '../engine/fixes/apply';
import { ConcurrentModificationError, readForEdit, writeAtomic } from '../io/atomic-write';
import type { ScanArgs } from './args';
import { CliError, fsReason } from './errors';
import { readSource, type InputFile } from './files';
import { locateFindings, summarize, type ReportFinding, type ScanReport } from './report';
import { scanContext } from './scan';
import { unifiedDiff } from './unified-diff';

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
  /** Test hook: called after a file is read and before it is written (not in production bundles: engine/test-seams.d.ts). */
  beforeWrite?(path: string): void;
}

const BOM = '\ufeff';

export function scanAndFix(args: ScanArgs, cwd: string, options: FixOptions): FixRun {
  const ctx = scanContext(args, cwd);
  const findings: ReportFinding[] = [];
  const files: InputFile[] = [];
  const results: FileFixResult[] = [];
  for (const file of ctx.files) {
    const settings = ctx.settingsFor(file);
    if (!settings) continue;
    files.push(file);
    // readSource decides the kind (and reports an unreadable file); readForEdit stamps the bytes we edit.
    const { kind } = readSource(file);
    let read;
    try {
      read = readForEdit(file.path);
    } catch (e) {
      throw new CliError(`cannot read '${file.display}': ${fsReason(e)}`);
    }
    const bom = read.text.startsWith(BOM) ? BOM : '';
    const text = read.text.slice(bom.length);
    const lintOptions = { settings, fileName: basename(file.path) };
    const fixed = fixAll(text, kind, lintOptions);
    let finalText = text;
    const result: FileFixResult = { file, applied: 0 };
    if (fixed.applied > 0 && fixed.text !== text) {
      result.applied = fixed.applied;
      if (options.dryRun) {
        result.diff = unifiedDiff(text, fixed.text, `a/${file.display}`, `b/${file.display}`);
        finalText = fixed.text;
      } else {
        if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS)) options.beforeWrite?.(file.path);
        try {
          writeAtomic(file.path, bom + fixed.text, read.stamp);
          finalText = fixed.text;
        } catch (e) {
          if (!(e instanceof ConcurrentModificationError)) throw new CliError(`cannot write '${file.display}': ${fsReason(e)}`);
          result.refused = true;
          result.applied = 0;
        }
      }
    }
    results.push(result);
    const remaining = finalText === text ? lintText(text, kind, lintOptions) : fixed.findings;
    for (const f of locateFindings(file, finalText, remaining)) findings.push(f); // not push(...): no argument limit
  }
  return { report: { settings: ctx.settings, files, findings, summary: summarize(findings) }, results };
}

/** One line per fixed (or refused) file, for stderr: `fixed 3 problems in deploy.yaml`. */
export function fixSummary(results: readonly FileFixResult[], dryRun: boolean): string {
  let out = '';
  for (const r of results) {
    if (r.refused) out += `${r.file.display}: changed on disk while it was being fixed; not written\n`;
    else if (r.applied > 0) out += `${dryRun ? 'would fix' : 'fixed'} ${r.applied} problem${r.applied === 1 ? '' : 's'} in ${r.file.display}\n`;
  }
  return out;
}
