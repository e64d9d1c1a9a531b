/**
 * The language server's host in a browser web worker (dist/web/server.js, vscode.dev and
 * github.dev): no file system. The server lints each document the editor opens on its own.
 * Documents there have `vscode-vfs:` (github.dev) or other non-`file:` URIs, which the server's
 * config and project layers (lsp/config.ts filePathOf, lsp/project-index.ts projectPathOf) map to
 * no path: no `.shipshape.yaml` is looked up, no kustomize build or relation rule runs. Reading the
 * workspace through the editor would need those layers to take other schemes, and the engine's
 * ProjectHost, which is synchronous (a build reads files as it goes), to be fed by the editor's
 * asynchronous workspace API (files fetched ahead, or on a miss and the build run again); neither is
 * done (README, "vscode.dev / github.dev").
 */
import { ruleDocPath } from '../engine';
import type { ServerHost } from '../lsp/host';

/**
 * Rule pages are `<extension>/docs/rules/<id>.md`. The extension's URI comes from the client
 * (`initializationOptions.extensionUri`: VS Code starts extension workers from a blob that loads
 * the bundle), else from `scriptUrl`, the worker's own URL (`<extension>/dist/web/server.js`).
 */
export function webHost(scriptUrl: string): ServerHost {
  let extensionRoot: string | undefined;
  const setRoot = (url: URL): void => {
    if (url.protocol !== 'blob:' && url.protocol !== 'data:') extensionRoot = url.href.endsWith('/') ? url.href : `${url.href}/`;
  };
  try {
    setRoot(new URL('../../', scriptUrl));
  } catch {
    // a blob: or data: worker: no base to resolve against
  }
  return {
    runtime: 'web worker',
    initialize(options) {
      const uri = (options as { extensionUri?: unknown } | undefined)?.extensionUri;
      try {
        if (typeof uri === 'string') setRoot(new URL(uri));
      } catch {
        // not a URI: keep the worker's
      }
    },
    ruleDocUri: (ruleId) => (extensionRoot ? new URL(ruleDocPath(ruleId), extensionRoot).href : ruleDocPath(ruleId)),
    readConfig: () => undefined,
    files: { readFile: () => undefined, readDirectory: () => undefined, list: async () => undefined },
    env: () => undefined,
    memory: () => undefined,
  };
}
