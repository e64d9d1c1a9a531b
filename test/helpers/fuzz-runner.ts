/**
 * Runs fuzz properties (test/unit/fuzz/) with fast-check, each case checked in a worker thread
 * (fuzz-worker.ts) so that a case that hangs is cut off after a generous bound and reported
 * with its input, instead of hanging the test run. Not a speed assertion: the bound only
 * catches runaway work (an infinite loop, exponential backtracking).
 *
 * Environment:
 * - SHIPSHAPE_FUZZ_RUNS: cases per property (default: a few dozen, sized for `npm test`);
 *   `npm run fuzz` sets it high. Without SHIPSHAPE_FUZZ_SEED it also picks a random seed.
 * - SHIPSHAPE_FUZZ_SEED: the seed (default fixed, so `npm test` is reproducible).
 * - SHIPSHAPE_FUZZ_PATH: replay one counterexample (with its seed), as printed on failure.
 * - SHIPSHAPE_FUZZ_TIMEOUT_MS: the per-case hang guard (default 30 s).
 */
import type { TestContext } from 'node:test';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FuzzRequest, FuzzResponse } from './fuzz-worker';

const DEFAULT_SEED = 20260415;
const envRuns = Number(process.env.SHIPSHAPE_FUZZ_RUNS ?? '');
const envSeed = process.env.SHIPSHAPE_FUZZ_SEED;
export const FUZZ_RUNS: number | undefined = Number.isInteger(envRuns) && envRuns > 0 ? envRuns : undefined;
export const FUZZ_SEED: number = envSeed !== undefined && envSeed !== '' ? Number(envSeed) | 0 : FUZZ_RUNS !== undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : DEFAULT_SEED;
const FUZZ_PATH = process.env.SHIPSHAPE_FUZZ_PATH || undefined;
export const HANG_MS = Number(process.env.SHIPSHAPE_FUZZ_TIMEOUT_MS ?? '') || 30_000;

type Request = FuzzRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** One worker thread running fuzz-checks.ts; replaced after a hang. */
export class FuzzWorker {
  private worker?: Worker;
  private nextId = 1;
  private pending = new Map<number, { worker: Worker; resolve: (r: FuzzResponse) => void; reject: (e: Error) => void }>();

  private get(): Worker {
    if (this.worker) return this.worker;
    // The worker loads TypeScript through tsx's CommonJS hook (workers do not inherit `--import tsx`).
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'fuzz-worker.ts'))});`;
    const w = new Worker(code, { eval: true });
    w.on('message', (res: FuzzResponse) => {
      this.pending.get(res.id)?.resolve(res);
      this.pending.delete(res.id);
    });
    // Only this worker's requests fail with it (a worker cut off after a hang exits later).
    const fail = (e: Error) => {
      for (const [id, p] of this.pending) {
        if (p.worker !== w) continue;
        this.pending.delete(id);
        p.reject(e);
      }
      if (this.worker === w) this.worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the fuzz worker exited (code ${code})`)));
    this.worker = w;
    return w;
  }

  /** Run one request; throws the check's failure, or a hang error after `timeoutMs`. */
  async run(req: Request, timeoutMs = HANG_MS): Promise<void> {
    const w = this.get();
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    const res = await new Promise<FuzzResponse>((resolve, reject) => {
      this.pending.set(id, { worker: w, resolve, reject });
      timer = setTimeout(() => {
        this.pending.delete(id);
        this.worker = undefined;
        void w.terminate();
        reject(new Error(`hang guard: the case did not finish within ${timeoutMs} ms (SHIPSHAPE_FUZZ_TIMEOUT_MS)`));
      }, timeoutMs);
      w.postMessage({ ...req, id });
    }).finally(() => clearTimeout(timer));
    if (!res.ok) {
      const e = new Error(res.message);
      if (res.stack) e.stack = `${res.message}\n--- in the fuzz worker:\n${res.stack}`;
      throw e;
    }
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/**
 * Check `property` on `runs` (or SHIPSHAPE_FUZZ_RUNS) values of `arb`. On failure the error
 * names the seed, the counterexample path and how to reproduce it.
 */
export async function fuzz<T>(t: TestContext, file: string, arb: fc.Arbitrary<T>, property: (value: T) => Promise<void>, runs: number): Promise<void> {
  const numRuns = FUZZ_RUNS ?? runs;
  t.diagnostic(`seed ${FUZZ_SEED}, ${numRuns} runs${FUZZ_PATH ? `, replaying path ${FUZZ_PATH}` : ''}`);
  const started = performance.now();
  const details = await fc.check(fc.asyncProperty(arb, property), { numRuns, seed: FUZZ_SEED, ...(FUZZ_PATH ? { path: FUZZ_PATH, endOnFailure: true } : {}) });
  t.diagnostic(`${details.numRuns} cases in ${Math.round(performance.now() - started)} ms`);
  if (!details.failed) return;
  const report = (await fc.asyncDefaultReportMessage(details)) ?? 'failed';
  const rel = file.slice(file.indexOf('test/unit/'));
  const hint = [
    '',
    `Reproduce this counterexample: SHIPSHAPE_FUZZ_SEED=${details.seed} SHIPSHAPE_FUZZ_PATH=${details.counterexamplePath ?? ''} npx tsx --test --test-name-pattern=${JSON.stringify(t.name)} ${rel}`,
    `Rerun the whole search:        SHIPSHAPE_FUZZ_SEED=${details.seed} SHIPSHAPE_FUZZ_RUNS=${numRuns} npx tsx --test --test-name-pattern=${JSON.stringify(t.name)} ${rel}`,
  ].join('\n');
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const error = new Error(`${report}\nError: ${cause}\n${hint}`);
  // Keep the check's own stack (from the worker) visible under the report.
  if (details.errorInstance instanceof Error && details.errorInstance.stack) error.stack = `${error.message}\n\nCause: ${details.errorInstance.stack}`;
  throw error;
}
