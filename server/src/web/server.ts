/**
 * The language server in a browser web worker (bundled to dist/web/server.js for vscode.dev and
 * github.dev): LSP over the worker's messages; the host reads no files (host.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/main';
import { webHost } from './host';

/** The worker's global scope (typed here: the server is compiled without the DOM library). */
declare const self: { location: { href: string }; postMessage(message: unknown): void; onmessage: unknown; addEventListener(type: string, listener: (e: unknown) => void): void };

const scope = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope)), webHost(self.location.href));
