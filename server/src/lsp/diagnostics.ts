/**
 * Finding -> LSP Diagnostic. Engine spans are UTF-16 offsets, which is what
 * LSP positions count by default, so a LineIndex over the same text gives
 * exact positions without any re-encoding.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { LineIndex, ruleDocPath, type Finding, type FixKind, type Severity, type Span } from '../engine';

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

export class DiagnosticConverter {
  private readonly docUris = new Map<string, string>();

  /** `extensionRoot` is the folder holding package.json and docs/ (dist/..). */
  constructor(private readonly extensionRoot: string) {}

  convert(findings: readonly Finding[], text: string, version: number): Diagnostic[] {
    if (findings.length === 0) return [];
    const index = new LineIndex(text);
    return findings.map((f) => this.toDiagnostic(f, index, version));
  }

  toDiagnostic(f: Finding, index: LineIndex, version: number): Diagnostic {
    const data: DiagnosticData = { ruleId: f.ruleId, span: { start: f.span.start, end: f.span.end }, version };
    if (f.container !== undefined) data.container = f.container;
    const fixable = f.fixes?.some((x) => x.kind === 'fix') ? 'fix' : f.fixes?.length ? 'suggestion' : undefined;
    if (fixable) data.fixable = fixable;
    return {
      range: { start: index.position(f.span.start), end: index.position(f.span.end) },
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: this.docUri(f.ruleId) },
      source: DIAGNOSTIC_SOURCE,
      message: f.message,
      data,
    };
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
