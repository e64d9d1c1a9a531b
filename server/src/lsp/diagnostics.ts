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
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { LineIndex, ruleDocPath, type Finding, type FixKind, type Severity, type Span } from '../engine';
import type { ChunkResult, YamlLint } from '../engine/lint';

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
  /** Whether the finding carries a safe fix or only a suggestion. */
  fixable?: FixKind;
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

/** A finding converted with document-relative lines (characters are within the line either way). */
interface RelativeDiagnostic {
  finding: Finding;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  severity: DiagnosticSeverity;
  codeDescription: { href: string };
  fixable: FixKind | undefined;
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

  /** `extensionRoot` is the folder holding package.json and docs/ (dist/..). */
  constructor(private readonly extensionRoot: string) {}

  convert(findings: readonly Finding[], text: string, version: number): Diagnostic[] {
    if (findings.length === 0) return [];
    const index = new LineIndex(text);
    return findings.map((f) => this.toDiagnostic(f, index, version));
  }

  toDiagnostic(f: Finding, index: LineIndex, version: number): Diagnostic {
    const start = index.position(f.span.start);
    const end = index.position(f.span.end);
    return this.build(f, start.line, start.character, end.line, end.character, 0, version, fixableOf(f), { href: this.docUri(f.ruleId) }, SEVERITY[f.severity]);
  }

  /**
   * The diagnostics of a YAML lint (see lintYamlSteps): per document, from
   * the document's cached conversion shifted to its place in `text`.
   */
  convertYaml(lint: YamlLint, text: string, version: number): Diagnostic[] {
    if (lint.whole) return this.convert(lint.whole, text, version);
    const out: Diagnostic[] = [];
    let line = 0;
    for (const chunk of lint.chunks) {
      const converted = this.documentDiagnostics(chunk.result, chunk.text);
      for (const d of converted.items) {
        out.push(this.build(d.finding, line + d.startLine, d.startCharacter, line + d.endLine, d.endCharacter, chunk.offset, version, d.fixable, d.codeDescription, d.severity));
      }
      line += converted.lineBreaks;
    }
    return out;
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
            fixable: fixableOf(f),
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
    fixable: FixKind | undefined,
    codeDescription: { href: string },
    severity: DiagnosticSeverity,
  ): Diagnostic {
    const data: DiagnosticData = { ruleId: f.ruleId, span: { start: f.span.start + offset, end: f.span.end + offset }, version };
    if (f.container !== undefined) data.container = f.container;
    if (fixable) data.fixable = fixable;
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
      uri = ruleDocUri(this.extensionRoot, ruleId);
      this.docUris.set(ruleId, uri);
    }
    return uri;
  }
}

function fixableOf(f: Finding): FixKind | undefined {
  return f.fixes?.some((x) => x.kind === 'fix') ? 'fix' : f.fixes?.length ? 'suggestion' : undefined;
}
