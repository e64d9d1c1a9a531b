/** Extension entry (bundled to dist/extension.js): wiring only. The browser's entry is web/extension.ts. */
import * as vscode from 'vscode';
import { createLanguageClient } from './language-client';
import type { ServerController } from './server-controller';
import { KubeconfigExplorer } from './kubeconfig/explorer';
import { RecordingOutputChannel } from './output';
import type { RuleChooser } from './rule-choice';
import { registerCommands, startShipshape } from './wiring';
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
  const wiring = startShipshape(context, output, (hooks) => createLanguageClient(context, output, hooks));
  server = wiring.server;
  const kubeconfig = new KubeconfigExplorer(output, wiring.server);
  context.subscriptions.push(kubeconfig);
  const { ruleChoice, ruleDocs } = wiring;
  const benchmark = { report: () => showBenchmarkReport(wiring.server) };
  registerCommands(context, { server: wiring.server, output, kubeconfig, ruleDocs, ruleChoice, benchmark }, output);
  await wiring.started;
  return { kubeconfig, ruleChoice, outputLines: () => output.lines() };
}

export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
