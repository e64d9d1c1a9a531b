/**
 * Entry point of the `shipshape` command (bundled to dist/cli.js with a shebang). The scan's
 * lint workers (pool/pool.ts) start from dist/cli-worker.js next to it (pool/worker-start.ts,
 * which loads dist/cli-worker-core.js through the V8 code cache); without those files, from this
 * bundle, which then runs a lint worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCliProcess } from './process';
import { isLintWorker, runLintWorker } from './pool/worker';
import { usePrecompiledValidatorsFrom } from '../io/precompiled-validators';

usePrecompiledValidatorsFrom();

if (isLintWorker()) runLintWorker();
else {
  const worker = join(__dirname, 'cli-worker.js');
  runCliProcess(process.argv.slice(2), existsSync(worker) && existsSync(join(__dirname, 'cli-worker-core.js')) ? worker : __filename);
}
