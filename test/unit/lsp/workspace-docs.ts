/**
 * Test helper for protocol tests on a workspace folder: writes the files to a
 * temporary folder, and opens, edits and waits on its documents by relative
 * path (see lsp-harness.ts for the server).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspServer } from './lsp-harness';

/** A temporary folder holding `files` (relative path -> text). */
export function writeWorkspace(prefix: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/**
 * The bundled server started on the workspace folder `root` with the editor `settings` (file watching, progress,
 * related information, Markdown hovers), resolved once the folder is indexed (the end of its indexing progress).
 */
export async function startIndexed(root: string, settings: object): Promise<LspServer> {
  const server = new LspServer();
  server.settings = settings;
  const indexed = new Promise<void>((resolve) =>
    server.conn.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      server.conn.onProgress(WorkDoneProgress.type, token, (value) => value.kind === 'end' && resolve());
      return null;
    }),
  );
  await server.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'workspace' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { dataSupport: true, relatedInformation: true }, hover: { contentFormat: ['markdown'] } },
    },
  });
  await server.conn.sendNotification(InitializedNotification.type, {});
  await indexed;
  return server;
}

/** The rule ids of a publication's diagnostics. */
export const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

export class WorkspaceDocs {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly server: () => LspServer,
    private readonly root: () => string,
  ) {}

  uri(rel: string): string {
    return pathToFileURL(join(this.root(), rel)).href;
  }

  open(rel: string, text: string, languageId = 'yaml'): Promise<void> {
    return this.server().conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(rel), languageId, version: 1, text } });
  }

  /** A full-text change (unsaved) of an open document. */
  edit(rel: string, text: string): Promise<void> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    return this.server().conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(rel), version }, contentChanges: [{ text }] });
  }

  /** The next publication for `rel` that satisfies `ok` (other open files' re-lints may come first; each wait is bounded). */
  async until(rel: string, label: string, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const p = await this.server().published(this.uri(rel), label);
      if (ok(p)) return p;
    }
  }
}
