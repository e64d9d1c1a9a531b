/**
 * Finding -> LSP Diagnostic. Engine spans are UTF-16 offsets, which is what
 * LSP positions count by default, so a LineIndex over the same text gives
 * exact positions without any re-encoding.
 *
 * A YAML file is converted document by document: each document's findings
 * are converted once, with lines relative to the document (documents start
 * at line starts), and cached with the engine's cached result; a publication
 * only adds each document's first line and offset. An edit in one document of
 * a large file therefore never builds a line index over the whole text.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { chunkIndexAt, LineIndex, ruleDocPath, type Finding, type Severity, type Span } from '../engine';
import type { ChunkResult } from '../engine/lint';
import type { LintedChunk, YamlLint } from '../engine/yaml-lint-result';

export const DIAGNOSTIC_SOURCE = 'shipshape';

/**
 * Carried in `Diagnostic.data` so a code action can find the finding (and
 * its fixes) again by rule id and span, never by message text.
 */
export interface DiagnosticData {
  ruleId: string;
  /** UTF-16 offsets of the finding in the linted text. */
  span: Span;
  /** The document version the finding was computed for. */
  version: number;
  container?: string;
  /**
   * UTF-16 offset of the finding's first related location, when it has one:
   * findings merged in by one `<<` share its span and differ by where their value is written.
   */
  relatedAt?: number;
}

/** Is `f` the finding `data` describes (rule, span and, for merged values, where the value is written)? */
export function isFindingOf(f: Finding, data: Pick<DiagnosticData, 'ruleId' | 'span' | 'relatedAt'>): boolean {
  return f.ruleId === data.ruleId && f.span.start === data.span.start && f.span.end === data.span.end && f.related?.[0]?.span.start === data.relatedAt;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** file: URI of a rule's documentation page inside the installed extension. */
export function ruleDocUri(extensionRoot: string, ruleId: string): string {
  return pathToFileURL(path.join(extensionRoot, ruleDocPath(ruleId))).href;
}

/** A range with document-relative lines (characters are within the line either way). */
interface RelativeRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** A finding converted with document-relative lines. */
interface RelativeDiagnostic extends RelativeRange {
  finding: Finding;
  severity: DiagnosticSeverity;
  codeDescription: { href: string };
  /**
   * The finding's related locations: in the same file (e.g. where a value merged with `<<` is written), relative
   * lines; in another file (the base value a kustomize patch overrides), with that file's `uri` and its own lines.
   */
  related?: Array<RelativeRange & { message: string; uri?: string }>;
}

/** A file other than the linted one, for related locations there: its URI and line index; undefined when unknown. */
export type OtherFile = (file: string) => { uri: string; index: LineIndex } | undefined;

function relativeRange(index: LineIndex, span: Span): RelativeRange {
  const start = index.position(span.start);
  const end = index.position(span.end);
  return { startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character };
}

function relatedOf(f: Finding, index: LineIndex, otherFile?: OtherFile): RelativeDiagnostic['related'] {
  if (!f.related) return undefined;
  const out: NonNullable<RelativeDiagnostic['related']> = [];
  for (const r of f.related) {
    if (r.file === undefined) out.push({ ...relativeRange(index, r.span), message: r.message });
    else {
      const other = otherFile?.(r.file);
      if (other) out.push({ ...relativeRange(other.index, r.span), message: r.message, uri: other.uri });
    }
  }
  return out;
}

/** A document's converted findings and its number of line breaks. */
interface DocumentDiagnostics {
  lineBreaks: number;
  items: RelativeDiagnostic[];
}

export class DiagnosticConverter {
  private readonly docUris = new Map<string, string>();
  private readonly codeDescriptions = new Map<string, { href: string }>();
  /** Per engine chunk result (which is cached per document text): its diagnostics relative to the document. */
  private readonly documents = new WeakMap<ChunkResult, DocumentDiagnostics>();

  /** `extensionRoot` is the folder holding package.json and docs/ (dist/..), or the URI of a rule's page (the web worker's host, host.ts). */
  constructor(private readonly extensionRoot: string | ((ruleId: string) => string)) {}

  /**
   * Diagnostics for findings with file offsets. With a limit, at most
   * `limit.max` (see `DiagnosticLimit`): those nearest `limit.focus` and the
   * notice. `uri`: the document's, for related information (omitted without it);
   * `otherFile` locates related information in other files (omitted without it).
   */
  convert(findings: readonly Finding[], text: string, version: number, limit?: DiagnosticLimit, uri?: string, otherFile?: OtherFile): Diagnostic[] {
    if (findings.length === 0) return [];
    const index = new LineIndex(text);
    if (!limit || limit.max === 0 || findings.length <= limit.max) return findings.map((f) => this.toDiagnostic(f, index, version, uri, otherFile));
    const focus = limit.focus ?? 0;
    const kept = nearest(findings.length, limit.max - 1, (i) => Math.abs(findings[i]!.span.start - focus));
    const out = kept.map((i) => this.toDiagnostic(findings[i]!, index, version, uri, otherFile));
    out.push(limitNotice(out.length, findings.length, limit.max, limit.focus === undefined ? undefined : index.position(Math.min(focus, text.length)).line));
    return out;
  }

  toDiagnostic(f: Finding, index: LineIndex, version: number, uri?: string, otherFile?: OtherFile): Diagnostic {
    const start = index.position(f.span.start);
    const end = index.position(f.span.end);
    const d = this.build(f, start.line, start.character, end.line, end.character, 0, version, { href: this.docUri(f.ruleId) }, SEVERITY[f.severity]);
    return withRelated(d, uri, relatedOf(f, index, otherFile), 0);
  }

  /**
   * The diagnostics of a YAML lint (see lintYamlSteps): per document, from
   * the document's cached conversion shifted to its place in `text`.
   */
  convertYaml(lint: YamlLint, text: string, version: number, limit?: DiagnosticLimit, uri?: string): Diagnostic[] {
    if (lint.whole) return this.convert(lint.whole, text, version, limit, uri);
    const chunks = lint.chunks;
    const converted = chunks.map((c) => this.documentDiagnostics(c.result, c.text));
    let total = 0;
    for (const c of converted) total += c.items.length;
    const out: Diagnostic[] = [];
    const emit = (i: number, line: number, first = 0, end = converted[i]!.items.length): void =>
      this.emit(out, converted[i]!.items, first, end, line, chunks[i]!.offset, version, uri);
    if (!limit || limit.max === 0 || total <= limit.max) {
      let line = 0;
      for (let i = 0; i < chunks.length; i++) {
        emit(i, line);
        line += converted[i]!.lineBreaks;
      }
      return out;
    }
    // Over the limit: whole documents outwards from the focused one (the edited document, then its
    // neighbours, nearer first), the last one taken in part, then the notice.
    const firstLine: number[] = new Array(chunks.length);
    let line = 0;
    for (let i = 0; i < chunks.length; i++) {
      firstLine[i] = line;
      line += converted[i]!.lineBreaks;
    }
    const focused = chunkIndexAt(chunks, limit.focus ?? 0);
    const budget = limit.max - 1;
    const taken = new Map<number, number>(); // chunk index -> how many of its diagnostics
    let left = budget;
    for (let d = 0; left > 0 && (focused - d >= 0 || focused + d < chunks.length); d++) {
      for (const i of d === 0 ? [focused] : [focused - d, focused + d]) {
        if (i < 0 || i >= chunks.length || left === 0) continue;
        const n = Math.min(left, converted[i]!.items.length);
        if (n > 0) taken.set(i, n);
        left -= n;
      }
    }
    for (const i of [...taken.keys()].sort((a, b) => a - b)) emit(i, firstLine[i]!, 0, taken.get(i));
    out.push(limitNotice(out.length, total, limit.max, limit.focus === undefined ? undefined : firstLine[focused]!));
    return out;
  }

  /**
   * The diagnostics of some documents of a YAML file, published ahead of the
   * whole file's (see lintYamlDocumentsAt): `lineOf(offset)` is the line a
   * document starts at. At most `max` (0: no limit), the first documents'.
   */
  convertYamlDocuments(chunks: readonly LintedChunk[], lineOf: (offset: number) => number, version: number, max: number, uri?: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const c of chunks) {
      const items = this.documentDiagnostics(c.result, c.text).items;
      const end = max > 0 ? Math.min(items.length, Math.max(0, max - out.length)) : items.length;
      this.emit(out, items, 0, end, lineOf(c.offset), c.offset, version, uri);
    }
    return out;
  }

  /** Push the diagnostics of one document's converted findings [first, end), the document starting at `line` and `offset`. */
  private emit(out: Diagnostic[], items: readonly RelativeDiagnostic[], first: number, end: number, line: number, offset: number, version: number, uri: string | undefined): void {
    for (let k = first; k < end; k++) {
      const d = items[k]!;
      const diagnostic = this.build(d.finding, line + d.startLine, d.startCharacter, line + d.endLine, d.endCharacter, offset, version, d.codeDescription, d.severity);
      out.push(withRelated(diagnostic, uri, d.related, line));
    }
  }

  private documentDiagnostics(result: ChunkResult, text: string): DocumentDiagnostics {
    let converted = this.documents.get(result);
    if (!converted) {
      const index = new LineIndex(text);
      converted = {
        lineBreaks: index.lineCount - 1,
        items: result.findings.map((f) => {
          const start = index.position(f.span.start);
          const end = index.position(f.span.end);
          return {
            finding: f,
            startLine: start.line,
            startCharacter: start.character,
            endLine: end.line,
            endCharacter: end.character,
            severity: SEVERITY[f.severity],
            codeDescription: this.codeDescription(f.ruleId),
            ...(f.related ? { related: relatedOf(f, index) } : {}),
          };
        }),
      };
      this.documents.set(result, converted);
    }
    return converted;
  }

  /** A diagnostic for `f`, whose span is shifted by `offset` in the data. */
  private build(
    f: Finding,
    startLine: number,
    startCharacter: number,
    endLine: number,
    endCharacter: number,
    offset: number,
    version: number,
    codeDescription: { href: string },
    severity: DiagnosticSeverity,
  ): Diagnostic {
    const data: DiagnosticData = { ruleId: f.ruleId, span: { start: f.span.start + offset, end: f.span.end + offset }, version };
    if (f.container !== undefined) data.container = f.container;
    if (f.related?.length) data.relatedAt = f.related[0]!.span.start + offset;
    return {
      range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } },
      severity,
      code: f.ruleId,
      codeDescription,
      source: DIAGNOSTIC_SOURCE,
      message: f.message,
      data,
    };
  }

  /** One `codeDescription` object per rule, shared by the cached conversions (tens of thousands in a large file). */
  private codeDescription(ruleId: string): { href: string } {
    let d = this.codeDescriptions.get(ruleId);
    if (!d) {
      d = Object.freeze({ href: this.docUri(ruleId) });
      this.codeDescriptions.set(ruleId, d);
    }
    return d;
  }

  private docUri(ruleId: string): string {
    let uri = this.docUris.get(ruleId);
    if (uri === undefined) {
      uri = typeof this.extensionRoot === 'function' ? this.extensionRoot(ruleId) : ruleDocUri(this.extensionRoot, ruleId);
      this.docUris.set(ruleId, uri);
    }
    return uri;
  }
}

/** `d` with its related information (lines shifted by `line`), when there is some and the document's URI is known. */
function withRelated(d: Diagnostic, uri: string | undefined, related: RelativeDiagnostic['related'], line: number): Diagnostic {
  if (!uri || !related || related.length === 0) return d;
  const relatedInformation: DiagnosticRelatedInformation[] = related.map((r) => {
    const shift = r.uri === undefined ? line : 0;
    return {
      location: { uri: r.uri ?? uri, range: { start: { line: shift + r.startLine, character: r.startCharacter }, end: { line: shift + r.endLine, character: r.endCharacter } } },
      message: r.message,
    };
  });
  return { ...d, relatedInformation };
}

/**
 * A cap on the diagnostics of one publication: at most `max` (0: no cap),
 * one of them the notice that more were found. Kept are those nearest
 * `focus`, a text offset where the file was last edited; without one, the
 * first in the file.
 */
export interface DiagnosticLimit {
  max: number;
  focus?: number;
}

/** The code of the notice published in place of the diagnostics over the limit. */
export const LIMIT_NOTICE_CODE = 'diagnostics-limit';

/** `focusLine`: the 0-based line kept diagnostics are nearest, undefined for the first in the file. */
function limitNotice(shown: number, total: number, max: number, focusLine: number | undefined): Diagnostic {
  const n = (x: number): string => x.toLocaleString('en-US');
  const which = focusLine === undefined ? `the first ${n(shown)}` : `the ${n(shown)} nearest line ${n(focusLine + 1)}, where it was last edited`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: LIMIT_NOTICE_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `Shipshape found ${n(total)} problems in this file and shows ${which} (shipshape.maxDiagnosticsPerFile: ${n(max)}). \`shipshape scan\` lists them all.`,
  };
}

/** The `k` indices in [0, n) of smallest `distance`, in ascending index order (ties: the earlier index). */
function nearest(n: number, k: number, distance: (i: number) => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  all.sort((a, b) => distance(a) - distance(b) || a - b);
  return all.slice(0, Math.max(0, k)).sort((a, b) => a - b);
}
