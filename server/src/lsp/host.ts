/**
 * Where the language server runs, as the server sees it: Node (dist/server.js, the desktop
 * extension: the disk, V8's memory flags, environment variables) or a browser web worker
 * (dist/web/server.js, vscode.dev and github.dev: no file system, only what the editor sends).
 * `startServer` (main.ts) takes one; node-host.ts and ../web/host.ts are the two.
 *
 * The browser host reads files through the editor (../web/editor-files.ts).
 */
import type { ProjectHost } from '../engine/project/types';
import type { ReadText } from '../io/config-loader';

export interface DirectoryListing {
  name: string;
  directory: boolean;
  file: boolean;
}

/** The project's files beyond the open documents: read synchronously for builds, listed asynchronously for the index walk. */
export interface WorkspaceFiles extends ProjectHost {
  list(path: string): Promise<readonly DirectoryListing[] | undefined>;
}

export interface ServerHost {
  /** "Node v20.x, linux" or "web worker": for the log's version line. */
  readonly runtime: string;
  /**
   * Called once at start: `client` sends requests to the client (the web host reads files through the editor),
   * `changed` re-reads configs and the project index and lints the open documents again (after such reads came in).
   */
  attach?(client: { sendRequest(method: string, params: { uri: string }): Promise<unknown> }, changed: () => void): void;
  /** Called with the client's `initializationOptions` before any document is linted. */
  initialize?(options: unknown): void;
  /** The `codeDescription.href` of a rule's diagnostics: its documentation page in the installed extension. */
  ruleDocUri(ruleId: string): string;
  /** Reads a `.shipshape.yaml` that is not open in the editor, by file system path (undefined: none there). */
  readConfig: ReadText;
  /** The workspace's files for the project index (kustomize builds). */
  readonly files: WorkspaceFiles;
  /** Test seams and tuning switches (SHIPSHAPE_*): environment variables in Node, none in the browser. */
  env(name: string): string | undefined;
  /** V8's full collection for the memory guard (memory.ts), when the host can offer one; called once at start. */
  memory(): (() => void) | undefined;
}
