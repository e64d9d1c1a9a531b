/** Extension entry (bundled to dist/extension.js): wiring only. */
import * as vscode from 'vscode';
import { COMMANDS, type CommandContext } from './commands';
import { createLanguageClient } from './language-client';
import { ServerController } from './server-controller';
import { ServerStatus } from './status';

let server: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Shipshape');
  const status = new ServerStatus();
  server = new ServerController(() => createLanguageClient(context, output), status, output);
  context.subscriptions.push(output, status, server);

  const ctx: CommandContext = { server, output };
  for (const [id, handler] of Object.entries(COMMANDS)) {
    const run = async (): Promise<void> => {
      try {
        await handler(ctx);
      } catch (e) {
        output.appendLine(`Command ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }

  // Config files of an untrusted workspace are ignored by the server; once trusted, they apply.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()));

  await server.start();
}

export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
