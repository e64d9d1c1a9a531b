/** Status bar item showing the language server state. */
import * as vscode from 'vscode';
import { statusView, type ServerState } from './status-model';
import { SHOW_OUTPUT } from './commands';

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('shipshape.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Shipshape';
    this.item.command = SHOW_OUTPUT;
    this.show('stopped');
    this.item.show();
  }

  show(state: ServerState, detail?: string): void {
    const view = statusView(state, detail);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
