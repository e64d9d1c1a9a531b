/** What the desktop extension (extension.ts) and the browser's (web/extension.ts) wire alike: the server, its status, the commands. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ClientHooks } from './client-options';
import { COMMANDS, type CommandContext } from './commands';
import type { RecordingOutputChannel } from './output';
import { RuleChooser } from './rule-choice';
import { ServerController } from './server-controller';
import { ServerStatus } from './status';
import { VisibleRangesReporter } from './visible-ranges-wiring';

export interface Wiring {
  server: ServerController;
  ruleChoice: RuleChooser;
  /** Opens docs/rules/<id>.md of the installed extension in the markdown preview. */
  ruleDocs: NonNullable<CommandContext['ruleDocs']>;
  /** Resolves once the language client started (or failed to). */
  started: Promise<void>;
}

export function startShipshape(context: vscode.ExtensionContext, output: RecordingOutputChannel, createClient: (hooks: ClientHooks) => BaseLanguageClient): Wiring {
  output.appendLine(`Shipshape ${String(context.extension.packageJSON.version)} extension (${vscode.env.appName} ${vscode.version})`);
  const status = new ServerStatus();
  // Before a large document's didOpen, the text around what its editor will show (linted ahead of the whole text).
  const hooks: ClientHooks = {
    open: (doc, send) => visible.open(doc, send),
    held: (uri) => visible.holds.held(uri),
    changeHeld: (uri, version) => visible.holds.changeHeld(uri, version),
  };
  const server = new ServerController(() => createClient(hooks), status, output);
  context.subscriptions.push(output, status, server);
  // What the editors show is linted first; a server that (re)started is told at once.
  const visible = new VisibleRangesReporter(
    (method, params) => server.notify(method, params),
    (method, params) => server.request(method, params),
  );
  server.onStarted = () => visible.restarted();
  context.subscriptions.push(visible);
  // start() creates the client at once: requests (the kubeconfig explorer's) wait for it to be ready.
  const started = server.start();
  const ruleDocs = {
    show: (ruleId: string) => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`)),
  };
  const ruleChoice = new RuleChooser((edit) => server.workspaceEdit(edit), output);
  context.subscriptions.push(ruleChoice);
  // Config files of an untrusted workspace are ignored by the server; once trusted, they apply.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void server.restart()));
  return { server, ruleChoice, ruleDocs, started };
}

/** Registers every command of the table; a command without its part (the kubeconfig explorer in the browser) does nothing. */
export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext, output: Pick<vscode.OutputChannel, 'appendLine'>): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    const run = async (arg?: unknown): Promise<void> => {
      try {
        await handler(ctx, arg);
      } catch (e) {
        output.appendLine(`Command ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }
}
