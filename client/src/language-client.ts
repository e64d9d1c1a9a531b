/** Builds the language client: which documents, which server, how settings flow. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, type ClientHooks } from './client-options';
import { CLIENT_ID, documentSelector } from './language-client-config';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, hooks: ClientHooks = {}): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // The server's V8 code cache (server/src/io/code-cache.ts) lives in the extension's global storage (the client's
  // environment is passed on too; SHIPSHAPE_CODE_CACHE_DIR=off there turns it off).
  const env = { SHIPSHAPE_CODE_CACHE_DIR: process.env.SHIPSHAPE_CODE_CACHE_DIR ?? path.join(context.globalStorageUri.fsPath, 'code-cache') };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The id makes the client honour `shipshape.trace.server`.
  return new LanguageClient(CLIENT_ID, 'Shipshape', serverOptions, clientOptions(context, output, documentSelector(), hooks));
}
