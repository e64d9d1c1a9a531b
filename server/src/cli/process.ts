/** The `shipshape` command in this process: argv, streams and exit status (dist/cli.js, and the committed action bundle given arguments). */
import { readFileSync } from 'node:fs';
import { run } from './cli';
import { firstLine } from './errors';

function fail(e: unknown): void {
  process.stderr.write(`shipshape: internal error: ${firstLine(e)}\n`);
  process.exitCode = 2;
}

/** `workerScript`: the bundle lint workers start from (see pool/pool.ts), when there is one. */
export function runCliProcess(argv: readonly string[], workerScript?: string): void {
  // A reader that goes away (`shipshape scan | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fail(e);
  });
  process.on('uncaughtException', fail);

  try {
    // Setting exitCode (not calling process.exit) lets piped output drain before the process ends.
    process.exitCode = run(argv, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin: () => readFileSync(0), ...(workerScript !== undefined ? { workerScript } : {}) });
  } catch (e) {
    fail(e);
  }
}
