/**
 * Reports what the editors show of the documents the language server lints
 * (see visible-ranges.ts): on open (the editor that shows a document appears),
 * on scroll and on editor switch.
 */
import * as vscode from 'vscode';
import { VISIBLE_RANGES_NOTIFICATION, type VisibleRangesParams } from '../../shared/lsp/protocol';
import { documentSelector } from './language-client-config';
import { VisibleRangesSender, type LineRange } from './visible-ranges';

export class VisibleRangesReporter implements vscode.Disposable {
  private readonly sender: VisibleRangesSender;
  private readonly subscriptions: vscode.Disposable[];
  /** Documents last reported with some range shown. */
  private shown = new Set<string>();

  constructor(notify: (method: string, params: VisibleRangesParams) => void) {
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
    for (const [uri, ranges] of byUri) this.sender.update(uri, ranges);
    this.shown = new Set(byUri.keys());
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
