/**
 * A benchmark report as text (the CLI, in the manner of kube-bench and Docker
 * Bench: `[PASS] 2.2 Ensure ...`) and as Markdown (the editor's preview).
 * Pure; both name the benchmark and its version first and end with totals.
 */
import type { BenchmarkReport, ItemResult, ItemStatus } from './report';

export const STATUS_LABEL: Readonly<Record<ItemStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  'n/a': 'N/A',
  manual: 'MANUAL',
  host: 'HOST-ONLY',
};

const TOTAL_ORDER: readonly ItemStatus[] = ['pass', 'fail', 'n/a', 'manual', 'host'];

export function benchmarkHeading(report: BenchmarkReport): string {
  return `${report.benchmark.name} ${report.benchmark.version}`;
}

export function totalsLine(report: BenchmarkReport): string {
  const t = report.totals;
  return TOTAL_ORDER.map((s) => `${t[s]} ${STATUS_LABEL[s]}`).join(', ');
}

export interface TextStyle {
  /** Colours a status tag (`[PASS]`), e.g. for a terminal. */
  status?(status: ItemStatus, tag: string): string;
  /** Makes text from the files (paths, messages) safe to print, e.g. on a terminal. */
  escape?(text: string): string;
}

/** One line per item, its findings (file:line:column rule message) below a failing one; then totals. */
export function formatBenchmarkText(report: BenchmarkReport, style: TextStyle = {}): string {
  const lines: string[] = [`${benchmarkHeading(report)}: the scanned files against each item`, ''];
  const tag = (s: ItemStatus): string => {
    const t = `[${STATUS_LABEL[s]}]`;
    return style.status ? style.status(s, t) : t;
  };
  const esc = style.escape ?? ((x: string) => x);
  for (const section of report.sections) {
    lines.push(`[INFO] ${section.id} ${section.title}`);
    for (const item of section.items) {
      lines.push(`${tag(item.status)} ${item.id} ${item.title}`);
      for (const f of item.findings) lines.push(`       ${esc(f.file)}:${f.line}:${f.column} ${f.ruleId} ${esc(f.message)}`);
      if (item.status === 'n/a' && item.reason) lines.push(`       ${item.reason}`);
    }
    lines.push('');
  }
  lines.push('== Summary ==', totalsLine(report), '');
  return lines.join('\n');
}

const md = (s: string): string => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

function details(item: ItemResult): string {
  if (item.status === 'fail') return item.findings.map((f) => `${md(f.file)}:${f.line}:${f.column} \`${f.ruleId}\` ${md(f.message)}`).join('<br>');
  if (item.status === 'pass') return item.rules.map((r) => `\`${r}\``).join(', ');
  return md(item.reason ?? '');
}

/** Markdown: a table per section (status, item, details: findings, the checking rules, or why it is not judged here). */
export function formatBenchmarkMarkdown(report: BenchmarkReport, scanned: string): string {
  const out: string[] = [`# ${md(benchmarkHeading(report))}`, '', `${md(scanned)}`, '', `**Totals:** ${totalsLine(report)}`, ''];
  for (const section of report.sections) {
    out.push(`## ${section.id} ${md(section.title)}`, '', '| Status | Item | Title | Details |', '| --- | --- | --- | --- |');
    for (const item of section.items) out.push(`| ${item.status === 'fail' ? '**FAIL**' : STATUS_LABEL[item.status]} | ${item.id} | ${md(item.title)} | ${details(item)} |`);
    out.push('');
  }
  return out.join('\n');
}
