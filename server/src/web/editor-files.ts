/**
 * The workspace's files for the web worker's server, read through the editor (client/src/web/editor-files.ts
 * answers with `vscode.workspace.fs`). The project layer reads synchronously (a kustomize build reads files as
 * it goes; ProjectHost), the editor answers asynchronously: a read the cache cannot answer returns "not there"
 * and asks the client; when every answer is in, `changed` runs (the server re-reads configs, indexes and lints
 * again), so builds converge in a few rounds as they reach further files. Answers are kept until the client
 * reports a change (workspace/didChangeWatchedFiles: `forget`): unlike the Node host, which reads the disk again
 * when a build needs a file, the worker keeps the texts the builds and config lookups read (files over the
 * client's limit, 4 MB, are not sent). Directory listings are asked for directly (the
 * index walk is asynchronous); a listing also asks ahead for the kustomization and `.shipshape.yaml` files in it.
 * Paths are the server's (`file:` URI paths, see uri-map.ts).
 */
import { isConfigFile } from '../io/config-loader';
import { decodeText } from '../io/text-encoding';
import { isKustomizationFile } from '../engine/project/kustomize/load';
import type { DirectoryEntry } from '../engine/project/types';
import type { DirectoryListing, WorkspaceFiles } from '../lsp/host';

/** Client requests (client/src/web/editor-files.ts): a file's bytes as base64 (null: none, a folder or too large), a folder's entries (null: none). */
export const READ_FILE_REQUEST = 'shipshape/readFile';
export const READ_DIRECTORY_REQUEST = 'shipshape/readDirectory';

export interface EditorFilesClient {
  sendRequest(method: string, params: { uri: string }): Promise<unknown>;
}

export class EditorFiles implements WorkspaceFiles {
  private readonly files = new Map<string, string | null>();
  private readonly dirs = new Map<string, readonly DirectoryListing[] | null>();
  private readonly pending = new Set<string>();
  private arrived = false;
  private client: EditorFilesClient | undefined;
  private changed: (() => void) | undefined;

  /** `uriOf`: the client's URI of a server path. */
  constructor(private readonly uriOf: (path: string) => string) {}

  /** From `initialized` on: where to ask, and what to run when answers came in. */
  attach(client: EditorFilesClient, changed: () => void): void {
    this.client = client;
    this.changed = changed;
  }

  readFile(path: string): string | undefined {
    const known = this.files.get(path);
    if (known !== undefined) return known ?? undefined;
    this.fetchFile(path);
    return undefined;
  }

  readDirectory(path: string): readonly DirectoryEntry[] | undefined {
    const known = this.dirs.get(path);
    if (known !== undefined) return known?.map((e) => ({ name: e.name, directory: e.directory }));
    if (this.client && !this.pending.has(`dir:${path}`)) {
      this.pending.add(`dir:${path}`);
      void this.fetchDirectory(path).then(() => this.settle(path));
    }
    return undefined;
  }

  async list(path: string): Promise<readonly DirectoryListing[] | undefined> {
    const known = this.dirs.get(path);
    if (known !== undefined) return known ?? undefined;
    return (await this.fetchDirectory(path)) ?? undefined;
  }

  /** The client reported a change of `path` (created, changed, deleted): ask again next time. */
  forget(path: string): void {
    this.files.delete(path);
    this.dirs.delete(path);
    this.dirs.delete(path.replace(/\/[^/]*$/, '') || '/');
  }

  private fetchFile(path: string): void {
    const client = this.client;
    if (!client || this.pending.has(path)) return;
    this.pending.add(path);
    void client.sendRequest(READ_FILE_REQUEST, { uri: this.uriOf(path) }).then(
      (r) => {
        this.files.set(path, typeof r === 'string' ? decodeText(Buffer.from(r, 'base64')).text : null);
        this.arrived = true;
        this.settle(path);
      },
      () => this.settle(path),
    );
  }

  private async fetchDirectory(path: string): Promise<readonly DirectoryListing[] | null> {
    const client = this.client;
    if (!client) return null;
    let entries: readonly DirectoryListing[] | null = null;
    try {
      const r = await client.sendRequest(READ_DIRECTORY_REQUEST, { uri: this.uriOf(path) });
      if (Array.isArray(r)) entries = r.filter((e): e is DirectoryListing => !!e && typeof (e as DirectoryListing).name === 'string').map((e) => ({ name: e.name, directory: e.directory === true, file: e.file === true }));
    } catch {
      // unreadable: no entries
    }
    if (!this.dirs.has(path)) this.arrived = true;
    this.dirs.set(path, entries);
    for (const e of entries ?? []) if (e.file && (isKustomizationFile(e.name) || isConfigFile(e.name))) this.fetchFile(`${path.replace(/\/$/, '')}/${e.name}`);
    return entries;
  }

  private settle(key: string): void {
    this.pending.delete(key);
    this.pending.delete(`dir:${key}`);
    if (this.pending.size > 0 || !this.arrived) return;
    this.arrived = false;
    this.changed?.();
  }
}
