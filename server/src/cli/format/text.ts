/**
 * `--format text`: one line per finding, `file:line:col severity rule-id message`
 * (then `(see line N)` when another line explains it, e.g. the anchor a `<<` merges),
 * grouped by file (a blank line between files), then a summary line.
 */
import type { Severity } from '../../engine';
import type { ScanReport, Summary } from '../report';
import { COLOR, PLAIN, terminalSafe, type Style } from './style';

export interface TextOptions {
  color: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(summary: Summary, filesScanned: number): string {
  return `${plural(summary.errors, 'error', 'errors')}, ${plural(summary.warnings, 'warning', 'warnings')}, ${summary.info} info in ${plural(filesScanned, 'file', 'files')}`;
}

function severityStyle(style: Style, severity: Severity): (s: string) => string {
  return severity === 'error' ? style.red : severity === 'warning' ? style.yellow : style.cyan;
}

export function formatText(report: ScanReport, options: TextOptions): string {
  const style = options.color ? COLOR : PLAIN;
  const out: string[] = [];
  let previous: string | undefined;
  for (const f of report.findings) {
    if (previous !== undefined && f.file !== previous) out.push('');
    previous = f.file;
    const where = `${terminalSafe(f.file)}:${f.start.line}:${f.start.column}`;
    const others = f.related?.some((r) => r.file !== undefined);
    const lines = f.related?.map((r) => (r.file !== undefined ? `${terminalSafe(r.file)}:${r.start.line}` : r.start.line)).join(', ');
    const see = f.related?.length ? style.dim(others ? ` (see ${lines})` : ` (see line${f.related.length > 1 ? 's' : ''} ${lines})`) : '';
    out.push(`${style.bold(where)} ${severityStyle(style, f.severity)(f.severity)} ${style.dim(f.ruleId)} ${terminalSafe(f.message)}${see}`);
  }
  if (out.length > 0) out.push('');
  const summary = summaryLine(report.summary, report.files.length);
  const s = report.summary;
  out.push(s.errors > 0 ? style.red(style.bold(summary)) : s.warnings > 0 ? style.yellow(style.bold(summary)) : style.bold(summary));
  return out.join('\n') + '\n';
}
