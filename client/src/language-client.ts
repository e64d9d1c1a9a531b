/** Builds the language client: which documents, which server, how settings flow. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CONFIG_FILE_GLOB, SECTION, documentSelector } from './language-client-config';

/** One watcher per extension activation, shared by every client the server controller (re)starts. */
const watchers = new WeakMap<vscode.ExtensionContext, vscode.FileSystemWatcher>();
function watcherFor(context: vscode.ExtensionContext): vscode.FileSystemWatcher {
  let w = watchers.get(context);
  if (!w) {
    w = vscode.workspace.createFileSystemWatcher(CONFIG_FILE_GLOB);
    context.subscriptions.push(w);
    watchers.set(context, w);
  }
  return w;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const configWatcher = watcherFor(context);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    // The server pulls settings per resource (workspace/configuration); this
    // makes the client send didChangeConfiguration when `shipshape.*` changes,
    // and workspace/didChangeWatchedFiles when a .shipshape.yaml changes on disk.
    synchronize: { configurationSection: SECTION, fileEvents: configWatcher },
    // An untrusted workspace's .shipshape.yaml files are not applied (the extension restarts the server when trust is granted).
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    outputChannel: output,
  };
  // The id makes the client honour `shipshape.trace.server`.
  return new LanguageClient(CLIENT_ID, 'Shipshape', serverOptions, clientOptions);
}
