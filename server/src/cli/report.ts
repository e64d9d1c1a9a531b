/**
 * The scan result every formatter reads: files in scan order and their
 * findings with positions computed once (1-based lines and columns in UTF-16
 * code units, 0-based offsets, end exclusive).
 */
import { LineIndex, severityRank, type BenchmarkItems, type EngineSettings, type Finding, type Severity } from '../engine';
import type { FailOn } from './args';
import type { BenchmarkReport } from '../engine/benchmarks/report';
import { EXIT } from './errors';
import type { InputFile } from './files';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
  /** 0-based UTF-16 offset into the file text. */
  offset: number;
}

export interface ReportFinding {
  /** The file's display path (see InputFile.display). */
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  start: Position;
  /** Exclusive end. */
  end: Position;
  object?: { kind: string; name?: string; namespace?: string };
  container?: string;
  /** Hash of the flagged line's text, white space normalised (see lineHash); SARIF fingerprints are built from it. */
  lineHash: string;
  /**
   * Other places that explain the finding (e.g. where a value merged with `<<` is written; the base value a
   * kustomize patch overrides). `file`: the display path, when not the finding's file.
   */
  related?: Array<{ message: string; start: Position; end: Position; file?: string }>;
  /** The kustomization files (display paths) whose built output has the finding, when a build reported it. */
  kustomizations?: string[];
  /** For a finding of a rendered Helm chart: the chart's folder and the values files (display paths) it was rendered with. */
  helm?: { chart: string; values: string[] };
  /** The benchmark items it concerns when narrower than its rule's references (Finding.benchmarkItems). */
  benchmarkItems?: BenchmarkItems;
}

export interface Summary {
  errors: number;
  warnings: number;
  info: number;
  filesWithFindings: number;
}

export interface ScanReport {
  /** The settings the files were linted with. */
  settings: EngineSettings;
  files: InputFile[];
  /** In file order, then by offset. */
  findings: ReportFinding[];
  summary: Summary;
  /** With --benchmark: each item of the benchmark judged against the findings (engine/benchmarks/report.ts). */
  benchmark?: BenchmarkReport;
}

/** A file a related location names (RelatedLocation.file): its display path and text (and its line index, when the caller keeps one). */
export type OtherFile = (path: string) => { display: string; text: string; index?: LineIndex };

function positionsIn(text: string, index = new LineIndex(text)): (offset: number) => Position {
  return (offset) => {
    const p = index.position(offset);
    return { line: p.line + 1, column: p.character + 1, offset: Math.max(0, Math.min(offset, text.length)) };
  };
}

/**
 * Attach positions to a file's findings. `buildName`: a build's display path (see Finding.builds);
 * `other`: the files related locations name (a related location in a file it cannot give is dropped).
 */
export function locateFindings(
  file: InputFile,
  text: string,
  findings: readonly Finding[],
  buildName: (path: string) => string = (p) => p,
  other?: OtherFile,
  displayOf: (path: string) => string = buildName,
): ReportFinding[] {
  if (findings.length === 0) return [];
  const index = new LineIndex(text);
  const at = positionsIn(text, index);
  const elsewhere = new Map<string, { display: string; at: (offset: number) => Position }>();
  const relatedOf = (x: NonNullable<Finding['related']>[number]): NonNullable<ReportFinding['related']>[number] | undefined => {
    if (x.file === undefined) return { message: x.message, start: at(x.span.start), end: at(x.span.end) };
    if (!other) return undefined;
    let o = elsewhere.get(x.file);
    if (!o) {
      const f = other(x.file);
      o = { display: f.display, at: positionsIn(f.text, f.index) };
      elsewhere.set(x.file, o);
    }
    return { message: x.message, start: o.at(x.span.start), end: o.at(x.span.end), file: o.display };
  };
  return [...findings]
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId))
    .map((f) => {
      const start = at(f.span.start);
      const r: ReportFinding = { file: file.display, ruleId: f.ruleId, severity: f.severity, message: f.message, start, end: at(f.span.end), lineHash: lineHash(text, index, start.line - 1, f.span) };
      if (f.object) r.object = { ...f.object };
      if (f.container !== undefined) r.container = f.container;
      const related = (f.related ?? []).map(relatedOf).filter((x) => x !== undefined);
      if (related.length) r.related = related;
      if (f.builds?.length) r.kustomizations = f.builds.map(buildName);
      if (f.helm) r.helm = { chart: displayOf(f.helm.chart.replace(/\/Chart\.yaml$/, '')), values: f.helm.values.map(displayOf) };
      if (f.benchmarkItems) r.benchmarkItems = f.benchmarkItems;
      return r;
    });
}

/** Lines longer than this are represented by the flagged text and LINE_CONTEXT characters either side (a minified JSON file is one line). */
const LONG_LINE = 512;
const LINE_CONTEXT = 128;

/**
 * A hash (14 hex digits) of the text of the line a finding flags, with white
 * space runs made one space and the ends trimmed: it stays the same when
 * lines are inserted or removed elsewhere, or the line is re-indented.
 */
export function lineHash(text: string, index: LineIndex, line: number, span: { start: number; end: number }): string {
  let from = index.offset(line, 0);
  let to = index.lineEnd(line);
  if (to - from > LONG_LINE) {
    from = Math.max(from, span.start - LINE_CONTEXT);
    to = Math.min(to, Math.max(span.end, span.start) + LINE_CONTEXT);
  }
  return hash53(text.slice(from, to).replace(/\s+/g, ' ').trim());
}

/** cyrb53: a fast, well-mixed 53-bit string hash (not cryptographic: the SARIF fingerprint hashes it again with SHA-256). */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export function summarize(findings: readonly ReportFinding[]): Summary {
  const files = new Set<string>();
  const s: Summary = { errors: 0, warnings: 0, info: 0, filesWithFindings: 0 };
  for (const f of findings) {
    files.add(f.file);
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.info++;
  }
  s.filesWithFindings = files.size;
  return s;
}

/** 1 when a finding is at or above --fail-on, else 0. */
export function exitCodeFor(findings: readonly ReportFinding[], failOn: FailOn): number {
  if (failOn === 'none') return EXIT.ok;
  const threshold = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}
