/**
 * The kubeconfig explorer in VS Code: the "Kubeconfig" tree view, the status
 * bar item (current context and namespace), the commands, diagnostics for
 * "Lint Kubeconfig" and file watching. The tree content comes from the pure
 * tree-model.ts; reading, merging and writing from kubeconfig-io.ts, the same
 * code the `shipshape kubeconfig` CLI runs.
 */
import { dirname, basename } from 'node:path';
import * as vscode from 'vscode';
import { loadKubeconfig, setNamespace, useContext, type LoadedKubeconfig } from '../../../server/src/cli/kubeconfig-io';
import { LineIndex } from '../../../server/src/engine/text';
import { KUBECONFIG_COMMAND_IDS, KUBECONFIG_VIEW, namespaceProblem, type KubeconfigActions } from './commands';
import { explorerSettings, SETTING_PATH, SETTING_PROTECTED, type ExplorerSettings } from './settings';
import { buildTree, contextNameOf, contextPicks, isProtected, statusBar, viewState, type TreeNode } from './tree-model';

const STATE_KEY = 'shipshape.kubeconfig.state';

export class KubeconfigExplorer implements vscode.TreeDataProvider<TreeNode>, KubeconfigActions, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly status = vscode.window.createStatusBarItem('shipshape.kubeconfig.status', vscode.StatusBarAlignment.Left, 50);
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('shipshape-kubeconfig');
  private watchers: vscode.Disposable[] = [];
  private watched = '';
  private loaded: LoadedKubeconfig | undefined;
  private roots: TreeNode[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly output: Pick<vscode.OutputChannel, 'appendLine'>) {
    this.status.name = 'Kubeconfig context';
    this.status.command = KUBECONFIG_COMMAND_IDS.useContext;
    const view = vscode.window.createTreeView(KUBECONFIG_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      view,
      this.changed,
      this.status,
      this.diagnostics,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`shipshape.kubeconfig`)) this.refresh();
      }),
    );
    this.refresh();
  }

  private config(): ExplorerSettings {
    const c = vscode.workspace.getConfiguration('shipshape');
    return explorerSettings(c.get<unknown>(SETTING_PATH), c.get<unknown>(SETTING_PROTECTED));
  }

  /** Re-read the files and redraw the tree and the status bar. */
  refresh(): void {
    const { path, protectedContexts } = this.config();
    try {
      this.loaded = loadKubeconfig({ ...(path !== undefined ? { explicit: path } : {}), env: process.env, cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd() });
    } catch (e) {
      this.output.appendLine(`Kubeconfig: ${e instanceof Error ? e.message : String(e)}`);
      this.loaded = undefined;
    }
    const model = this.loaded?.model;
    this.roots = model ? buildTree(model, protectedContexts) : [];
    void vscode.commands.executeCommand('setContext', STATE_KEY, model ? viewState(model) : 'none');
    if (model && viewState(model) === 'ok') {
      const s = statusBar(model, protectedContexts);
      this.status.text = s.text;
      this.status.tooltip = s.tooltip;
      this.status.backgroundColor = s.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.status.show();
    } else this.status.hide();
    this.watch(this.loaded?.location.paths ?? []);
    this.changed.fire(undefined);
  }

  /** Watch every kubeconfig file (missing ones too: creating one refreshes the view). */
  private watch(paths: readonly string[]): void {
    const key = paths.join('\n');
    if (key === this.watched) return;
    this.watched = key;
    for (const w of this.watchers) w.dispose();
    this.watchers = paths.map((p) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(p)), basename(p)));
      const later = (): void => this.refreshSoon();
      w.onDidChange(later);
      w.onDidCreate(later);
      w.onDidDelete(later);
      return w;
    });
  }

  /** File events come in bursts (a rename is delete + create): refresh once after them. */
  private refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, 200);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip !== undefined) item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.contextValue;
    if (node.reveal && !node.children) item.command = { command: KUBECONFIG_COMMAND_IDS.reveal, title: 'Reveal in Kubeconfig', arguments: [node] };
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children ?? [] : this.roots;
  }

  private async pickContext(placeHolder: string): Promise<string | undefined> {
    const model = this.loaded?.model;
    if (!model || model.contexts.length === 0) {
      void vscode.window.showInformationMessage('Shipshape: no kubeconfig contexts found.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(contextPicks(model, this.config().protectedContexts), { placeHolder, matchOnDescription: true, matchOnDetail: true });
    return pick?.name;
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Shipshape: ${message}`);
  }

  async useContext(arg?: unknown): Promise<void> {
    const name = contextNameOf(arg) ?? (await this.pickContext('Switch to context'));
    if (name === undefined || !this.loaded) return;
    if (name === this.loaded.model.currentContext) return;
    if (isProtected(name, this.config().protectedContexts)) {
      const ok = await vscode.window.showWarningMessage(`"${name}" is a protected context. Switch kubectl to it?`, { modal: true, detail: 'Commands run with kubectl will then act on it. (Protected contexts: shipshape.kubeconfig.protectedContexts.)' }, 'Switch');
      if (ok !== 'Switch') return;
    }
    try {
      const file = useContext(this.loaded, name);
      void vscode.window.setStatusBarMessage(`Switched to context "${name}" (${file})`, 4000);
    } catch (e) {
      this.fail(e);
    }
    this.refresh();
  }

  async setNamespace(arg?: unknown): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const name = contextNameOf(arg) ?? loaded.model.currentContext ?? (await this.pickContext('Set the namespace of context'));
    if (name === undefined) return;
    const ctx = loaded.model.contexts.find((c) => c.name === name);
    const known = [...new Set(['default', ...loaded.model.contexts.map((c) => c.namespace).filter((n): n is string => !!n)])].sort();
    const OTHER = '$(edit) Other namespace...';
    const picked = await vscode.window.showQuickPick([...known.map((n) => ({ label: n, description: n === (ctx?.namespace || 'default') ? 'current' : '' })), { label: OTHER, description: '' }], {
      placeHolder: `Namespace for context "${name}"`,
    });
    if (!picked) return;
    let ns: string | undefined = picked.label;
    if (picked.label === OTHER) {
      ns = await vscode.window.showInputBox({ prompt: `Namespace for context "${name}"`, value: ctx?.namespace ?? '', validateInput: (v) => namespaceProblem(v.trim()) });
      ns = ns?.trim();
    }
    if (ns === undefined) return;
    try {
      setNamespace(loaded, ns, name);
    } catch (e) {
      this.fail(e);
    }
    this.refresh();
  }

  async copyServerUrl(arg?: unknown): Promise<void> {
    const node = arg as TreeNode | undefined;
    const name = contextNameOf(arg) ?? this.loaded?.model.currentContext;
    const server = node?.server ?? this.loaded?.model.contexts.find((c) => c.name === name)?.clusterInfo?.server;
    if (!server) {
      void vscode.window.showInformationMessage('Shipshape: this context has no server URL.');
      return;
    }
    await vscode.env.clipboard.writeText(server);
    void vscode.window.setStatusBarMessage(`Copied ${server}`, 3000);
  }

  async reveal(arg?: unknown): Promise<void> {
    const node = arg as TreeNode | undefined;
    let target = node?.reveal;
    if (!target) {
      const name = contextNameOf(arg) ?? this.loaded?.model.currentContext;
      const ctx = this.loaded?.model.contexts.find((c) => c.name === name);
      if (ctx) target = { file: ctx.file, line: ctx.line };
    }
    if (!target) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target.file));
    const pos = new vscode.Position(Math.max(0, target.line - 1), 0);
    const line = doc.lineAt(Math.min(pos.line, doc.lineCount - 1));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line.range.start.translate(0, line.firstNonWhitespaceCharacterIndex), line.range.end), preview: true });
  }

  async lint(): Promise<void> {
    this.refresh();
    const loaded = this.loaded;
    this.diagnostics.clear();
    if (!loaded) return;
    let count = 0;
    for (const file of loaded.model.files) {
      const text = loaded.texts.get(file.path)?.text;
      if (text === undefined) continue;
      const index = new LineIndex(text);
      const pos = (o: number): vscode.Position => {
        const p = index.position(o);
        return new vscode.Position(p.line, p.character);
      };
      const diags = file.findings.map((f) => {
        const d = new vscode.Diagnostic(new vscode.Range(pos(f.span.start), pos(f.span.end)), f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = 'shipshape';
        d.code = f.ruleId;
        return d;
      });
      count += diags.length;
      this.diagnostics.set(vscode.Uri.file(file.path), diags);
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (count === 0) void vscode.window.showInformationMessage('Shipshape: no kubeconfig findings.');
  }

  async chooseFile(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as kubeconfig', title: 'Choose a kubeconfig file' });
    const file = picked?.[0];
    if (!file) return;
    await vscode.workspace.getConfiguration('shipshape').update(SETTING_PATH, file.fsPath, vscode.ConfigurationTarget.Global);
    this.refresh();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
