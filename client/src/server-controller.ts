/**
 * Owns the language client: start, stop, restart. A client whose start
 * failed cannot be started again, so restart always builds a fresh one.
 */
import type * as vscode from 'vscode';
// The common API: the Node client (language-client.ts) and the browser's (web/extension.ts) are both a BaseLanguageClient.
import { State, type BaseLanguageClient as LanguageClient, type WorkspaceEdit } from 'vscode-languageclient';
import type { LspWorkspaceEdit } from './rule-choice-args';
import type { ServerState } from './status-model';

export function stateName(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    case State.Stopped:
      return 'stopped';
  }
}

export interface StatusSink {
  show(state: ServerState, detail?: string): void;
}

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private stateListener: vscode.Disposable | undefined;
  /** Called each time a server started (first start and restarts). */
  onStarted: (() => void) | undefined;

  constructor(
    private readonly create: () => LanguageClient,
    private readonly status: StatusSink,
    private readonly output: vscode.OutputChannel,
  ) {}

  async start(): Promise<void> {
    const client = this.create();
    this.client = client;
    this.stateListener = client.onDidChangeState((e) => this.status.show(stateName(e.newState)));
    this.status.show('starting');
    try {
      await client.start();
      this.onStarted?.();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.output.appendLine(`Shipshape language server failed to start: ${message}`);
      this.status.show('error', message);
    }
  }

  /** A custom request to the running server (the kubeconfig explorer's); rejects when there is no server. */
  request<R>(method: string, params: unknown): Promise<R> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('the Shipshape language server is not running'));
    return client.sendRequest<R>(method, params);
  }

  /** A notification to the running server; dropped when there is none (a new one is told everything when it starts). */
  notify(method: string, params: unknown): void {
    const client = this.client;
    if (client?.isRunning()) void client.sendNotification(method, params).catch(() => undefined);
  }

  /** A WorkspaceEdit the server sent (in a command's arguments) as VS Code's; rejects when there is no server. */
  workspaceEdit(edit: LspWorkspaceEdit): Promise<vscode.WorkspaceEdit> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('the Shipshape language server is not running'));
    return client.protocol2CodeConverter.asWorkspaceEdit(edit as WorkspaceEdit);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.stateListener?.dispose();
    this.stateListener = undefined;
    // stop() throws for a client that is not running (never started or start failed).
    if (client?.isRunning()) await client.stop().catch(() => undefined);
    this.status.show('stopped');
  }

  async restart(): Promise<void> {
    this.output.appendLine('Restarting the Shipshape language server.');
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
  }
}
