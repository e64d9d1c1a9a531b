/**
 * In the browser, documents and workspace folders have URIs of the editor's file systems
 * (`vscode-vfs://github/owner/repo/k8s/app.yaml` on github.dev). The server's config and project
 * layers work on `file:` URIs and paths; the web worker maps every such URI to a `file:` URI under
 * one root as messages come in, and back as they go out, so those layers work unchanged:
 * `vscode-vfs://github/owner/repo/x.yaml` <-> `file:///.shipshape-web/vscode-vfs/~github/owner/repo/x.yaml`.
 * `file:` URIs and URIs without an authority (`untitled:Untitled-1`) pass as they are.
 *
 * Only the values of the LSP fields that hold URIs are mapped (`uri`, `rootUri`, `scopeUri`,
 * `targetUri`, and the keys of a WorkspaceEdit's `changes`), never document text.
 */
const ROOT = 'file:///.shipshape-web/';
const URI_KEYS = new Set(['uri', 'rootUri', 'scopeUri', 'targetUri']);
const HIERARCHICAL = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/;

/** The server's `file:` URI for a client URI. */
export function toServerUri(uri: string): string {
  const m = HIERARCHICAL.exec(uri);
  if (!m || m[1]!.toLowerCase() === 'file') return uri;
  const path = m[3]!.startsWith('/') ? m[3]! : `/${m[3]!}`;
  return `${ROOT}${m[1]!.toLowerCase()}/${encodeURIComponent(`~${m[2]!}`)}${path}`;
}

/** The client's URI for a server URI. */
export function toClientUri(uri: string): string {
  if (!uri.startsWith(ROOT)) return uri;
  const rest = uri.slice(ROOT.length);
  const [scheme, authority, ...path] = rest.split('/');
  if (!scheme || authority === undefined) return uri;
  return `${scheme}://${decodeURIComponent(authority).slice(1)}/${path.join('/')}`;
}

/** A copy of an LSP message with the URIs in it mapped. */
export function mapUris<T>(value: T, map: (uri: string) => string): T {
  return walk(value, map, false) as T;
}

function walk(value: unknown, map: (uri: string) => string, keysAreUris: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, map, false));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const k = keysAreUris ? map(key) : key;
    if (URI_KEYS.has(key) && typeof v === 'string') out[k] = map(v);
    else out[k] = walk(v, map, key === 'changes' && !Array.isArray(v));
  }
  return out;
}
