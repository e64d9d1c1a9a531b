/** The language client's options, the same for the Node client (language-client.ts) and the browser's (web/extension.ts). */
import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { CONFIG_FILE_GLOB, SECTION } from './language-client-config';

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

/** What the wiring adds to the client (see wiring.ts). */
export interface ClientHooks {
  /** Right before a document's didOpen is sent (the open preview, visible-ranges-wiring.ts). */
  beforeOpen?(document: vscode.TextDocument): void;
}

export function clientOptions(context: vscode.ExtensionContext, output: vscode.OutputChannel, documentSelector: DocumentSelector, hooks: ClientHooks = {}): LanguageClientOptions {
  return {
    documentSelector,
    // The server pulls settings per resource (workspace/configuration); this
    // makes the client send didChangeConfiguration when `shipshape.*` changes,
    // and workspace/didChangeWatchedFiles when a .shipshape.yaml changes on disk.
    synchronize: { configurationSection: SECTION, fileEvents: watcherFor(context) },
    // An untrusted workspace's .shipshape.yaml files are not applied (the extension restarts the server when trust is granted).
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    outputChannel: output,
    middleware: {
      didOpen: (document, next) => {
        hooks.beforeOpen?.(document);
        return next(document);
      },
    },
  };
}
