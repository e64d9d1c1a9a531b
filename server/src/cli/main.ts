/**
 * Entry point of the `shipshape` command (bundled to dist/cli.js with a shebang). The same
 * bundle is the scan's lint worker: started as a worker thread (pool/pool.ts), it runs one.
 */
import { runCliProcess } from './process';
import { isLintWorker, runLintWorker } from './pool/worker';
import { usePrecompiledValidatorsFrom } from '../io/precompiled-validators';

usePrecompiledValidatorsFrom();

if (isLintWorker()) runLintWorker();
else runCliProcess(process.argv.slice(2), __filename);
