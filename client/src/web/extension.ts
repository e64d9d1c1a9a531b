/**
 * The extension in the browser (bundled to dist/web/extension.js, package.json `browser`):
 * vscode.dev, github.dev. The language server runs in a web worker (dist/web/server.js) and
 * reads the workspace through the editor (editor-files.ts). The Kubeconfig explorer reads kubeconfig files on the
 * user's machine, which a browser cannot: its view shows a note instead (context key
 * `shipshape.web`, package.json `viewsWelcome`) and its commands do nothing here.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { clientOptions, type ClientHooks } from '../client-options';
import { answerFileReads } from './editor-files';
import { CLIENT_ID, webDocumentSelector } from '../language-client-config';
import { RecordingOutputChannel } from '../output';
import type { ServerController } from '../server-controller';
import { registerCommands, startShipshape } from '../wiring';
import { showBenchmarkReport } from '../benchmark-report';

/** The browser's Worker, Blob and object URLs (typed here: the client is compiled without the DOM library). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * The URL to start the server's worker from. From the marketplace (vscode.dev, github.dev) the extension is served
 * over https and the worker loads from there. VS Code's web worker extension host refuses `vscode-remote:` URLs
 * ("Creating workers from remote extensions is currently not supported"): an extension installed on a remote
 * (code-server) starts the worker from a blob of the bundle, read through the editor's file system.
 */
async function serverUrl(main: vscode.Uri): Promise<string> {
  if (main.scheme !== 'vscode-remote') return main.toString(true);
  const bytes = await vscode.workspace.fs.readFile(main);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

/** The Kubeconfig view's id (package.json `views`). */
const KUBECONFIG_VIEW = 'shipshape.kubeconfig';

let server: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ outputLines(): string[] }> {
  await vscode.commands.executeCommand('setContext', 'shipshape.web', true);
  const output = new RecordingOutputChannel(vscode.window.createOutputChannel('Shipshape'));
  const url = await serverUrl(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js'));
  const options = (hooks: ClientHooks): LanguageClientOptions => {
    const o = clientOptions(context, output, webDocumentSelector(), hooks);
    // The worker's own URL is a blob (VS Code wraps extension workers): the server links rule pages under this.
    return { ...o, initializationOptions: { ...o.initializationOptions, extensionUri: context.extensionUri.toString(true) } };
  };
  const wiring = startShipshape(context, output, (hooks) => {
    const client = new LanguageClient(CLIENT_ID, 'Shipshape', options(hooks), new Worker(url));
    answerFileReads(client);
    return client;
  });
  server = wiring.server;
  // An empty tree, so the view shows its welcome note (why the explorer is not here) instead of "no data provider".
  context.subscriptions.push(vscode.window.createTreeView(KUBECONFIG_VIEW, { treeDataProvider: { getChildren: () => [], getTreeItem: (item: vscode.TreeItem) => item } }));
  output.appendLine('Running in the browser: the workspace is read through the editor; the Kubeconfig explorer needs local files and is not available here.');
  registerCommands(context, { server: wiring.server, output, ruleDocs: wiring.ruleDocs, ruleChoice: wiring.ruleChoice, benchmark: { report: () => showBenchmarkReport(wiring.server) } }, output);
  await wiring.started;
  return { outputLines: () => output.lines() };
}

export function deactivate(): Promise<void> | undefined {
  const s = server;
  server = undefined;
  return s?.stop();
}
