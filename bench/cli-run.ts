// The CLI as a function for bench/cli-jobs.mjs's warm runs (bundled to bench/out/cli-run.js): `run`
// called again and again in one process. Started as a worker thread, the bundle is a lint worker, as
// dist/cli.js is (server/src/cli/main.ts).
import { isLintWorker, runLintWorker } from '../server/src/cli/pool/worker';

export { run } from '../server/src/cli/cli';

if (isLintWorker()) runLintWorker();
