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
  /** Sends a document's didOpen (`send`), after its open preview (visible-ranges-wiring.ts). */
  open?(document: vscode.TextDocument, send: () => Promise<void>): Promise<void>;
  /** While a document's didOpen is held for its preview: a promise of its going out; its other messages wait for it. */
  held?(uri: string): Promise<void> | undefined;
  /** The same for a didChange that made `version`: whether to send it then (not when the didOpen's text has it). */
  changeHeld?(uri: string, version: number): Promise<boolean> | undefined;
}

/** Send `next` at once, or once the document's held didOpen went out. */
function afterOpen<T>(hooks: ClientHooks, uri: vscode.Uri, next: () => Promise<T>): Promise<T> {
  const held = hooks.held?.(uri.toString());
  return held ? held.then(next) : next();
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
      didOpen: (document, next) => (hooks.open ? hooks.open(document, () => next(document)) : next(document)),
      didChange: (event, next) => {
        const held = hooks.changeHeld?.(event.document.uri.toString(), event.document.version);
        return held ? held.then((send) => (send ? next(event) : undefined)) : next(event);
      },
      didSave: (document, next) => afterOpen(hooks, document.uri, () => next(document)),
      didClose: (document, next) => afterOpen(hooks, document.uri, () => next(document)),
    },
  };
}
