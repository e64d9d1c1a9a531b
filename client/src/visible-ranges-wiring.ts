/**
 * Reports what the editors show of the documents the language server lints
 * (see visible-ranges.ts): on open (the editor that shows a document appears),
 * on scroll and on editor switch. And before a large YAML document's didOpen,
 * the text around what its editor will show (the `shipshape/openPreview`
 * request, see shared/lsp/open-preview.ts): what an editor shows of it now,
 * else what one showed last (VS Code restores the scroll position of a
 * reopened file), else the first screen. The didOpen waits for the answer
 * (at most PREVIEW_WAIT_MS), so the preview's diagnostics are read before the
 * large didOpen is serialized.
 */
import * as vscode from 'vscode';
import { OPEN_PREVIEW_REQUEST, VISIBLE_RANGES_NOTIFICATION } from '../../shared/lsp/protocol';
import { OpenHolds, openPreviewParams, type PreviewSource } from '../../shared/lsp/open-preview';
import { documentSelector, SECTION } from './language-client-config';
import { VisibleRangesSender, type LineRange } from './visible-ranges';

/** Documents whose last shown ranges are remembered after they close. */
const REMEMBERED = 64;

/** A VS Code document as the preview reads it. */
function previewSource(doc: vscode.TextDocument): PreviewSource {
  const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
  return {
    uri: doc.uri.toString(),
    languageId: doc.languageId,
    version: doc.version,
    lineCount: doc.lineCount,
    lineText: (line) => doc.lineAt(line).text,
    offsetOfLine: (line) => (line >= doc.lineCount ? length : doc.offsetAt(new vscode.Position(line, 0))),
    slice: (from, to) => doc.getText(new vscode.Range(doc.positionAt(from), doc.positionAt(to))),
  };
}

export class VisibleRangesReporter implements vscode.Disposable {
  private readonly sender: VisibleRangesSender;
  private readonly subscriptions: vscode.Disposable[];
  /** Documents last reported with some range shown. */
  private shown = new Set<string>();
  /** The ranges last shown of each document (kept after a close, for a reopen), oldest first. */
  private readonly last = new Map<string, LineRange[]>();
  /** didOpens waiting for their preview's answer. */
  readonly holds = new OpenHolds();

  constructor(
    notify: (method: string, params: unknown) => void,
    private readonly request: (method: string, params: unknown) => Promise<unknown>,
  ) {
    this.sender = new VisibleRangesSender((params) => notify(VISIBLE_RANGES_NOTIFICATION, params));
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(() => this.report()),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.report()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.sender.forget(doc.uri.toString());
        this.shown.delete(doc.uri.toString());
      }),
    ];
  }

  /** Report every shown document of the server's, and those no longer shown (an empty list). */
  report(): void {
    const selector = documentSelector();
    const byUri = new Map<string, LineRange[]>();
    for (const editor of vscode.window.visibleTextEditors) {
      if (vscode.languages.match(selector, editor.document) === 0) continue;
      const uri = editor.document.uri.toString();
      const ranges = byUri.get(uri) ?? [];
      for (const r of editor.visibleRanges) ranges.push({ start: { line: r.start.line, character: 0 }, end: { line: r.end.line, character: 0 } });
      byUri.set(uri, ranges);
    }
    for (const uri of this.shown) if (!byUri.has(uri)) this.sender.update(uri, []);
    for (const [uri, ranges] of byUri) {
      this.sender.update(uri, ranges);
      this.remember(uri, ranges);
    }
    this.shown = new Set(byUri.keys());
  }

  /** The didOpen middleware: send `doc`'s preview, then its didOpen (`send`) once answered or PREVIEW_WAIT_MS passed. */
  open(doc: vscode.TextDocument, send: () => Promise<void>): Promise<void> {
    const params = this.previewOf(doc);
    return params ? this.holds.hold(params.textDocument.uri, this.request(OPEN_PREVIEW_REQUEST, params), send, () => doc.version) : send();
  }

  /** The preview of a document opening (undefined: none; never throws). */
  private previewOf(doc: vscode.TextDocument): ReturnType<typeof openPreviewParams> {
    if (doc.languageId !== 'yaml') return undefined;
    try {
      const uri = doc.uri.toString();
      const ranges: LineRange[] = [];
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document.uri.toString() === uri) for (const r of editor.visibleRanges) ranges.push({ start: { line: r.start.line, character: 0 }, end: { line: r.end.line, character: 0 } });
      }
      // The section the client answers workspace/configuration with for this document, so the server need not ask.
      const settings: unknown = vscode.workspace.getConfiguration(undefined, doc.uri).get(SECTION);
      return openPreviewParams(previewSource(doc), ranges.length > 0 ? ranges : this.last.get(uri), settings === undefined ? undefined : JSON.parse(JSON.stringify(settings)));
    } catch {
      return undefined; // no preview: the didOpen alone does it
    }
  }

  private remember(uri: string, ranges: LineRange[]): void {
    this.last.delete(uri);
    this.last.set(uri, ranges);
    if (this.last.size > REMEMBERED) this.last.delete(this.last.keys().next().value!);
  }

  /** A new server started: it knows nothing yet. */
  restarted(): void {
    this.sender.reset();
    this.shown.clear();
    this.report();
  }

  dispose(): void {
    this.sender.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
