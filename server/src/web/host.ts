/**
 * The language server's host in a browser web worker (dist/web/server.js, vscode.dev and
 * github.dev): no file system of its own. It reads the workspace through the editor
 * (editor-files.ts: `.shipshape.yaml` files, the project index's walk and kustomize builds), on
 * the `file:` URIs the worker maps the editor's URIs to (uri-map.ts).
 */
import { pathToFileURL } from 'node:url';
import { ruleDocPath } from '../engine';
import type { ServerHost } from '../lsp/host';
import { EditorFiles } from './editor-files';
import { toClientUri } from './uri-map';

/**
 * Rule pages are `<extension>/docs/rules/<id>.md`. The extension's URI comes from the client
 * (`initializationOptions.extensionUri`: VS Code starts extension workers from a blob that loads
 * the bundle), else from `scriptUrl`, the worker's own URL (`<extension>/dist/web/server.js`).
 */
export function webHost(scriptUrl: string): ServerHost & { files: EditorFiles } {
  let extensionRoot: string | undefined;
  const setRoot = (url: URL): void => {
    if (url.protocol !== 'blob:' && url.protocol !== 'data:') extensionRoot = url.href.endsWith('/') ? url.href : `${url.href}/`;
  };
  try {
    setRoot(new URL('../../', scriptUrl));
  } catch {
    // a blob: or data: worker: no base to resolve against
  }
  const files = new EditorFiles((path) => toClientUri(pathToFileURL(path).href));
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
    readConfig: (path) => files.readFile(path),
    files,
    attach: (client, changed) => files.attach(client, changed),
    env: () => undefined,
    memory: () => undefined,
  };
}
