/**
 * The language server's host in a browser web worker (dist/web/server.js, vscode.dev and
 * github.dev): no file system. The server lints the documents the editor opens; a
 * `.shipshape.yaml` applies while it is open; kustomize builds see the open documents only.
 * Reading the workspace through the editor would need the engine's ProjectHost, which is
 * synchronous (a build reads files as it goes), to become asynchronous, or the client to send
 * every YAML file of the repository up front; neither is done (README, "vscode.dev / github.dev").
 */
import { ruleDocPath } from '../engine';
import type { ServerHost } from '../lsp/host';

/** `scriptUrl`: the worker's own URL (`self.location.href`), `<extension>/dist/web/server.js`; rule pages are `<extension>/docs/rules/<id>.md`. */
export function webHost(scriptUrl: string): ServerHost {
  let extensionRoot: string | undefined;
  try {
    const url = new URL('../../', scriptUrl);
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'file:') extensionRoot = url.href;
  } catch {
    // a blob: or data: worker: no base to resolve against
  }
  return {
    runtime: 'web worker',
    ruleDocUri: (ruleId) => (extensionRoot ? new URL(ruleDocPath(ruleId), extensionRoot).href : ruleDocPath(ruleId)),
    readConfig: () => undefined,
    files: { readFile: () => undefined, readDirectory: () => undefined, list: async () => undefined },
    env: () => undefined,
    memory: () => undefined,
  };
}
