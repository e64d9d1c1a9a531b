/** Builds the language client: which documents, which server, how settings flow. */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, type ClientHooks } from './client-options';
import { CLIENT_ID, documentSelector } from './language-client-config';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, hooks: ClientHooks = {}): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The id makes the client honour `shipshape.trace.server`.
  return new LanguageClient(CLIENT_ID, 'Shipshape', serverOptions, clientOptions(context, output, documentSelector(), hooks));
}
