/**
 * dist/cli-worker.js, what the scan's lint worker threads start from (pool.ts): a small loader that loads the lint
 * bundle, dist/cli-worker-core.js (worker-main.ts), through the V8 code cache (io/code-cache.ts) in the folder the
 * main thread chose (worker-cache.ts; none: a plain load), as dist/server.js loads the language server. The worker
 * writes the cache when it has done its work (worker.ts).
 */
import * as path from 'node:path';
import { workerData } from 'node:worker_threads';
import { createCodeCache, type CodeCache } from '../../io/code-cache';
import type { WorkerSetup } from './protocol';

const cache = createCodeCache((workerData as Partial<WorkerSetup> | null)?.codeCacheDir);
const core = cache.load(path.join(__dirname, 'cli-worker-core.js')) as { start(cache?: CodeCache): void };
core.start(cache);
