/**
 * The scan's lint worker bundle (dist/cli-worker-core.js, see scripts/build.mjs), which dist/cli-worker.js
 * (worker-start.ts) loads through the V8 code cache: the lint engine and the worker's loop only, without the CLI's
 * commands, formatters and kubeconfig code, so a worker has less to load and compile than the whole CLI bundle.
 */
import type { CodeCache } from '../../io/code-cache';
import { usePrecompiledValidatorsFrom } from '../../io/precompiled-validators';
import { isLintWorker, runLintWorker } from './worker';

/** Runs the lint worker (`cache`: the code cache the bundle was loaded through; the validators load through it too). */
export function start(cache?: CodeCache): void {
  usePrecompiledValidatorsFrom(__dirname, cache ? (file) => cache.load(file) : undefined);
  if (isLintWorker()) runLintWorker(cache);
}
