/**
 * The language server in a browser web worker (bundled to dist/web/server.js for vscode.dev and
 * github.dev): LSP over the worker's messages, the editor's URIs mapped to `file:` URIs on the way
 * in and back on the way out (uri-map.ts); the host reads files through the editor (host.ts).
 */
import { fileURLToPath } from 'node:url';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/main';
import { webHost } from './host';
import { mapUris, toClientUri, toServerUri } from './uri-map';

/** The worker's global scope (typed here: the server is compiled without the DOM library). */
declare const self: { location: { href: string } };

const scope = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const host = webHost(self.location.href);
const reader = new BrowserMessageReader(scope);
const writer = new BrowserMessageWriter(scope);

/** A file the client reports changed is read again from the editor. */
function forgetChanged(message: Message): void {
  const m = message as { method?: string; params?: { changes?: { uri?: unknown }[] } };
  if (m.method !== 'workspace/didChangeWatchedFiles') return;
  for (const c of m.params?.changes ?? []) {
    try {
      if (typeof c.uri === 'string' && c.uri.startsWith('file:')) host.files.forget(fileURLToPath(c.uri));
    } catch {
      // not a path: nothing cached
    }
  }
}

const mappedReader: MessageReader = {
  onError: reader.onError,
  onClose: reader.onClose,
  onPartialMessage: reader.onPartialMessage,
  listen: (callback) =>
    reader.listen((message) => {
      const mapped = mapUris(message, toServerUri);
      forgetChanged(mapped);
      callback(mapped);
    }),
  dispose: () => reader.dispose(),
};
const mappedWriter: MessageWriter = {
  onError: writer.onError,
  onClose: writer.onClose,
  write: (message) => writer.write(mapUris(message, toClientUri)),
  end: () => writer.end(),
  dispose: () => writer.dispose(),
};

startServer(createConnection(ProposedFeatures.all, mappedReader, mappedWriter), host);
