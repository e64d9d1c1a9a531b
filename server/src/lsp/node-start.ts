/**
 * dist/server.js, the Node server's entry (what the client forks): a small loader that loads the server
 * (dist/server-core.js, node.ts) through the V8 code cache (io/code-cache.ts), so that a start after the first skips
 * compiling the bundle and its first lint's functions. The cache lives in `SHIPSHAPE_CODE_CACHE_DIR` (the client
 * passes a folder of the extension's global storage), else in a per-user folder of the temporary directory.
 */
import * as path from 'node:path';
import { codeCacheDir, createCodeCache } from '../io/code-cache';
import { exposeGc, limitHeapGrowth } from './memory';
import { version } from '../../../package.json';

// V8's flags are part of a code cache's key: V8 rejects a cache written after `setFlagsFromString` in a process
// that compiled before it. So the memory guard's flags are set before the bundle compiles (node-host.ts sets the
// same values again).
limitHeapGrowth();
exposeGc();
const cache = createCodeCache(codeCacheDir(process.env, version), (message) => console.error(`shipshape: ${message}`));
const core = cache.load(path.join(__dirname, 'server-core.js')) as { start(cache: unknown): void };
core.start(cache);
