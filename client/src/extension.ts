/** Extension entry (bundled to dist/extension.js): wiring only. */
import * as vscode from 'vscode';
import { COMMANDS, type CommandContext } from './commands';
import { createLanguageClient } from './language-client';
import { ServerController } from './server-controller';
import { ServerStatus } from './status';
import { KubeconfigExplorer } from './kubeconfig/explorer';
import { RecordingOutputChannel } from './output';
import { RuleChooser } from './rule-choice';
import { showBenchmarkReport } from './benchmark-report';

let server: ServerController | undefined;

/** What `activate` returns (`vscode.extensions.getExtension(...).exports`); the integration suite reads the explorer through it. */
export interface ShipshapeApi {
  readonly kubeconfig: KubeconfigExplorer;
  /** Asks which rule a folded Disable/Ignore code action is for; the suite answers its quick pick. */
  readonly ruleChoice: RuleChooser;
  /** What the "Shipshape" output channel holds (see RecordingOutputChannel). */
  outputLines(): string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeApi> {
  const output = new RecordingOutputChannel(vscode.window.createOutputChannel('Shipshape'));
  output.appendLine(`Shipshape ${String(context.extension.packageJSON.version)} extension (${vscode.env.appName} ${vscode.version})`);
  const status = new ServerStatus();
  server = new ServerController(() => createLanguageClient(context, output), status, output);
  context.subscriptions.push(output, status, server);

  // start() creates the client at once: the explorer's first requests wait for it to be ready.
  const started = server.start();
  const kubeconfig = new KubeconfigExplorer(output, server);
  context.subscriptions.push(kubeconfig);

  const ruleDocs = {
    show: (ruleId: string) => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`)),
  };
  const controller = server;
  const ruleChoice = new RuleChooser((edit) => controller.workspaceEdit(edit), output);
  context.subscriptions.push(ruleChoice);
  const benchmark = { report: () => showBenchmarkReport(controller) };
  const ctx: CommandContext = { server, output, kubeconfig, ruleDocs, ruleChoice, benchmark };
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

  // Config files of an untrusted workspace are ignored by the server; once trusted, they apply.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()));

  await started;
  return { kubeconfig, ruleChoice, outputLines: () => output.lines() };
}

export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
