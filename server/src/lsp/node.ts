/**
 * The language server in Node (bundled to dist/server-core.js, which dist/server.js loads through the V8 code cache:
 * node-start.ts): the transport comes from argv (`--stdio`, `--node-ipc`).
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer } from './main';
import { nodeHost } from './node-host';
import { usePrecompiledValidatorsFrom } from '../io/precompiled-validators';
import type { CodeCache } from '../io/code-cache';

const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** After this long without a publication following the first one, the server is idle: the code cache is written. */
export const CODE_CACHE_QUIET_MS = 2000;

/**
 * Calls `save` once the server published diagnostics and then went `quietMs` without publishing (its first lints
 * are done, so the cache holds their compiled code), or at exit if that comes first. A server that exits before its
 * first publication saves nothing: a cache is written once per bundle, and one without the lint's code would stay.
 */
export function saveWhenQuiet(connection: Connection, save: () => void, quietMs = CODE_CACHE_QUIET_MS): void {
  let saved = false;
  let timer: NodeJS.Timeout | undefined;
  const once = (): void => {
    if (timer) clearTimeout(timer);
    if (saved || timer === undefined) return;
    saved = true;
    connection.sendDiagnostics = send;
    save();
  };
  const send = connection.sendDiagnostics.bind(connection);
  connection.sendDiagnostics = (params) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(once, quietMs);
    timer.unref();
    return send(params);
  };
  process.on('exit', once);
}

/** Starts the server; `cache`: the code cache this bundle was loaded through, which also loads the validators. */
export function start(cache?: CodeCache): void {
  process.on('uncaughtException', (e) => console.error(`shipshape: uncaught exception: ${describe(e)}`));
  process.on('unhandledRejection', (e) => console.error(`shipshape: unhandled rejection: ${describe(e)}`));
  usePrecompiledValidatorsFrom(__dirname, cache ? (file) => cache.load(file) : undefined);
  const connection = createConnection(ProposedFeatures.all);
  if (cache?.dir) saveWhenQuiet(connection, () => void cache.save());
  startServer(connection, nodeHost());
}

// Run directly (`node dist/server-core.js --stdio`), without the code cache.
if (require.main === module) start();
