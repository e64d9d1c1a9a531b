/**
 * Entry point of the scan's lint worker bundle (dist/cli-worker.js, see
 * scripts/build.mjs): the lint engine and the worker's loop only, without the
 * CLI's commands, formatters and kubeconfig code, so a worker has less to
 * load and compile than the whole CLI bundle.
 */
import { usePrecompiledValidatorsFrom } from '../../io/precompiled-validators';
import { isLintWorker, runLintWorker } from './worker';

usePrecompiledValidatorsFrom();

if (isLintWorker()) runLintWorker();
