/**
 * Runs the server's folded "Disable for this line..." / "Ignore for this
 * object..." code actions: asks which rule with a quick pick, then applies
 * that choice's edit (converted by the language client), unless the document
 * changed since the menu was opened.
 */
import * as vscode from 'vscode';
import { chooseRuleArgs, staleDocuments, type LspWorkspaceEdit, type RuleChoice } from './rule-choice-args';

/** What the quick pick showed (fired once its items are on screen, with the first one active). */
export interface RuleQuestion {
  placeHolder: string;
  labels: string[];
}

export class RuleChooser implements vscode.Disposable {
  private readonly asked = new vscode.EventEmitter<RuleQuestion>();
  /** The quick pick is on screen. The integration suite answers it from here. */
  readonly onDidAsk = this.asked.event;

  constructor(
    private readonly toCode: (edit: LspWorkspaceEdit) => Promise<vscode.WorkspaceEdit>,
    private readonly output: Pick<vscode.OutputChannel, 'appendLine'>,
  ) {}

  /** Asks, applies; true when an edit was applied. */
  async choose(arg: unknown): Promise<boolean> {
    const args = chooseRuleArgs(arg);
    if (!args) {
      this.output.appendLine('Ignored a rule choice the language server sent without choices.');
      return false;
    }
    const picked = await this.pick(args.placeHolder, args.choices);
    if (!picked) return false;
    const versionOf = (uri: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version;
    if (staleDocuments(picked.edit, versionOf).length > 0) {
      void vscode.window.showWarningMessage('Shipshape: the document changed since the menu was opened; press Ctrl+. again.');
      return false;
    }
    const applied = await vscode.workspace.applyEdit(await this.toCode(picked.edit));
    if (!applied) this.output.appendLine(`Could not apply "${picked.label}" (${args.placeHolder}).`);
    return applied;
  }

  private pick(placeHolder: string, choices: readonly RuleChoice[]): Promise<RuleChoice | undefined> {
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { choice: RuleChoice }>();
      qp.placeholder = placeHolder;
      qp.items = choices.map((choice) => ({ label: choice.label, ...(choice.detail ? { detail: choice.detail } : {}), choice }));
      let shown = false;
      let settled = false;
      const subs: vscode.Disposable[] = [];
      const done = (choice: RuleChoice | undefined): void => {
        if (settled) return;
        settled = true;
        for (const s of subs) s.dispose();
        qp.dispose();
        resolve(choice);
      };
      subs.push(
        qp.onDidChangeActive((active) => {
          if (shown || active.length === 0) return;
          shown = true;
          this.asked.fire({ placeHolder, labels: choices.map((c) => c.label) });
        }),
        qp.onDidAccept(() => done((qp.selectedItems[0] ?? qp.activeItems[0])?.choice)),
        qp.onDidHide(() => done(undefined)),
      );
      qp.show();
    });
  }

  dispose(): void {
    this.asked.dispose();
  }
}
