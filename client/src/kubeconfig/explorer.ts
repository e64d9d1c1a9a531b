/**
 * The kubeconfig explorer in VS Code: the "Kubeconfig" tree view, the status
 * bar item (current context and namespace), the commands and file watching.
 * The tree content comes from the pure tree-model.ts. Files are read and
 * written by shared/io/kubeconfig-files.ts, the code the `shipshape
 * kubeconfig` CLI runs; merging, linting (with the user's settings and
 * `.shipshape.yaml`) and the minimal edits happen in the language server
 * (shared/kubeconfig/protocol.ts), which also publishes "Lint Kubeconfig"
 * findings as diagnostics like any other file's.
 */
import { dirname, basename } from 'node:path';
import * as vscode from 'vscode';
import { readKubeconfigFiles, setNamespaceTarget, useContextTarget, writeEdit, type LoadedKubeconfig } from '../../../shared/io/kubeconfig-files';
import { KUBECONFIG_EDIT_REQUEST, KUBECONFIG_MODEL_REQUEST, type KubeconfigEditParams, type KubeconfigEditResult, type KubeconfigModelParams, type KubeconfigModelResult } from '../../../shared/kubeconfig/protocol';
import { KUBECONFIG_COMMAND_IDS, KUBECONFIG_VIEW, namespaceProblem, type KubeconfigActions } from './commands';
import { explorerSettings, SETTING_PATH, SETTING_PROTECTED, type ExplorerSettings } from './settings';
import { buildTree, contextNameOf, contextPicks, isProtected, statusBar, viewState, type TreeNode } from './tree-model';

const STATE_KEY = 'shipshape.kubeconfig.state';

/** The language server, for the kubeconfig requests. */
export interface KubeconfigServer {
  request<R>(method: string, params: unknown): Promise<R>;
}

export class KubeconfigExplorer implements vscode.TreeDataProvider<TreeNode>, KubeconfigActions, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly status = vscode.window.createStatusBarItem('shipshape.kubeconfig.status', vscode.StatusBarAlignment.Left, 50);
  private watchers: vscode.Disposable[] = [];
  private watched = '';
  private loaded: LoadedKubeconfig | undefined;
  private roots: TreeNode[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The latest refresh: the tree's children wait for it. */
  private pending: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly output: Pick<vscode.OutputChannel, 'appendLine'>,
    private readonly server: KubeconfigServer,
  ) {
    this.status.name = 'Kubeconfig context';
    this.status.command = KUBECONFIG_COMMAND_IDS.useContext;
    const view = vscode.window.createTreeView(KUBECONFIG_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      view,
      this.changed,
      this.status,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`shipshape.kubeconfig`)) void this.refresh();
      }),
    );
    void this.refresh();
  }

  private config(): ExplorerSettings {
    const c = vscode.workspace.getConfiguration('shipshape');
    return explorerSettings(c.get<unknown>(SETTING_PATH), c.get<unknown>(SETTING_PROTECTED));
  }

  /** Re-read the files and redraw the tree and the status bar. */
  refresh(): Promise<void> {
    this.pending = this.load(false);
    return this.pending;
  }

  /** Read the files, have the server merge (and with `publish`, lint into the Problems view) them, redraw. */
  private async load(publish: boolean): Promise<void> {
    const generation = ++this.generation;
    const { path, protectedContexts } = this.config();
    let loaded: LoadedKubeconfig | undefined;
    try {
      const files = readKubeconfigFiles({ ...(path !== undefined ? { explicit: path } : {}), env: process.env, cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd() });
      const params: KubeconfigModelParams = { files: files.inputs, publish };
      loaded = { ...files, model: await this.server.request<KubeconfigModelResult>(KUBECONFIG_MODEL_REQUEST, params) };
    } catch (e) {
      this.output.appendLine(`Kubeconfig: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (generation !== this.generation) return; // a later refresh supersedes this one
    this.loaded = loaded;
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
      void this.refresh();
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

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ?? [];
    await this.pending;
    return this.roots;
  }

  /** The server's minimal edit of `text`, written atomically over what was read (refused if the file changed since). */
  private async edit(loaded: LoadedKubeconfig, file: string, params: KubeconfigEditParams): Promise<void> {
    writeEdit(loaded, file, await this.server.request<KubeconfigEditResult>(KUBECONFIG_EDIT_REQUEST, params));
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
    // The load the user chose from: its text is edited and its stamps refuse the write if a file changed since.
    const loaded = this.loaded;
    if (name === undefined || !loaded) return;
    if (name === loaded.model.currentContext) return;
    if (isProtected(name, this.config().protectedContexts)) {
      const ok = await vscode.window.showWarningMessage(`"${name}" is a protected context. Switch kubectl to it?`, { modal: true, detail: 'Commands run with kubectl will then act on it. (Protected contexts: shipshape.kubeconfig.protectedContexts.)' }, 'Switch');
      if (ok !== 'Switch') return;
    }
    try {
      const { file, text } = useContextTarget(loaded, name);
      await this.edit(loaded, file, { text, currentContext: name });
      void vscode.window.setStatusBarMessage(`Switched to context "${name}" (${file})`, 4000);
    } catch (e) {
      this.fail(e);
    }
    await this.refresh();
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
      const { file, text } = setNamespaceTarget(loaded, name);
      await this.edit(loaded, file, { text, context: name, namespace: ns });
    } catch (e) {
      this.fail(e);
    }
    await this.refresh();
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

  /** Lint with the user's settings: the server publishes the findings in the Problems view (with rule links). */
  async lint(): Promise<void> {
    this.pending = this.load(true);
    await this.pending;
    const loaded = this.loaded;
    if (!loaded) {
      void vscode.window.showErrorMessage('Shipshape: the kubeconfig could not be linted (see the Shipshape output).');
      return;
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (loaded.model.findings.length === 0) void vscode.window.showInformationMessage('Shipshape: no kubeconfig findings.');
  }

  async chooseFile(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as kubeconfig', title: 'Choose a kubeconfig file' });
    const file = picked?.[0];
    if (!file) return;
    await vscode.workspace.getConfiguration('shipshape').update(SETTING_PATH, file.fsPath, vscode.ConfigurationTarget.Global);
    await this.refresh();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
