/**
 * Shipshape language server entry (bundled to dist/server.js). Wiring only:
 * document sync, settings, the per-URI scheduler and the lint job live in
 * their own modules. Transport comes from argv (`--stdio`, `--node-ipc`).
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { DiagnosticConverter } from './diagnostics';
import { DocumentLinter } from './linting';
import { Scheduler } from './scheduler';
import { DEFAULT_DEBOUNCE_MS, SECTION, SettingsStore } from './settings';

/** dist/server.js lives in <extension>/dist; docs/ sits next to dist/. */
const EXTENSION_ROOT = path.join(__dirname, '..');

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export function startServer(connection: Connection): void {
  const log = connection.console;
  /** Wrap a handler so an exception is logged and never takes the server down. */
  const guard =
    <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (e) {
        log.error(`${name} failed: ${describe(e)}`);
      }
    };

  const documents = new TextDocuments(TextDocument);
  let canPullSettings = false;
  const settings = new SettingsStore({
    fetch: (uri) => (canPullSettings ? connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }) : undefined),
    warn: (message) => log.warn(message),
  });
  const linter = new DocumentLinter({
    documents,
    settings,
    converter: new DiagnosticConverter(EXTENSION_ROOT),
    publish: (params) => void connection.sendDiagnostics(params).catch((e) => log.error(`publishing diagnostics failed: ${describe(e)}`)),
  });
  const scheduler = new Scheduler(linter.run, (uri, e) => log.error(`linting ${uri} failed: ${describe(e)}`));
  const relintAll = (): void => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  };

  connection.onInitialize((params) => {
    canPullSettings = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'shipshape', version },
    };
  });

  // First diagnostics as soon as a document opens; edits are debounced per document.
  const justOpened = new Set<string>();
  documents.onDidOpen(guard('didOpen', (e) => void justOpened.add(e.document.uri)));
  documents.onDidChangeContent(
    guard('didChange', (e) => {
      const uri = e.document.uri;
      const delay = justOpened.delete(uri) ? 0 : (settings.peek(uri)?.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      scheduler.schedule(uri, delay);
    }),
  );
  documents.onDidClose(
    guard('didClose', (e) => {
      const uri = e.document.uri;
      justOpened.delete(uri);
      scheduler.cancel(uri);
      linter.forget(uri);
      settings.forget(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err) => log.error(`clearing diagnostics failed: ${describe(err)}`));
    }),
  );

  // Settings are pulled per resource; the notification only says "something changed".
  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', (params) => {
      settings.invalidate(params.settings);
      linter.reset();
      relintAll();
    }),
  );

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}

process.on('uncaughtException', (e) => console.error(`shipshape: uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => console.error(`shipshape: unhandled rejection: ${describe(e)}`));

startServer(createConnection(ProposedFeatures.all));
