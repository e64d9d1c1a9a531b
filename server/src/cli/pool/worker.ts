/**
 * A lint worker thread of `shipshape scan` (see pool.ts), started from the
 * lint worker bundle (worker-main.ts; a bundle that also runs the CLI, such
 * as bench/cli-run.ts, can be one too). It claims jobs, largest first, until
 * none is left (the main thread claims some of them too: it lints its share),
 * lints each as the main thread would (job.ts) and posts the findings.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { errorName, runJob } from './job';
import type { CodeCache } from '../../io/code-cache';
import { CLAIMED, FREE, GO, IDLE, SAVING, STATE, type JobResult, type WorkerJobs, type WorkerSetup } from './protocol';

/** Whether this thread was started as a lint worker. */
export function isLintWorker(): boolean {
  return (workerData as Partial<WorkerSetup> | null)?.shipshapeLintWorker === true;
}

/**
 * The worker's whole life: claim, lint, post, until the jobs run out. `cache`: the code cache its bundle was loaded
 * through (worker-start.ts); the first worker writes what it lacked, once its lint has compiled the functions it runs.
 */
export function runLintWorker(cache?: CodeCache): void {
  const setup = workerData as WorkerSetup;
  const state = new Int32Array(setup.state);
  const slot = STATE.current + setup.slot;
  // Ended, maybe mid-job (process.exit, an uncaught error): the main thread reports the job left in the slot.
  const exited = (): void => {
    Atomics.store(state, setup.exitedAt + setup.slot, 1);
    Atomics.notify(state, STATE.done);
  };
  process.on('exit', exited);
  const port = setup.port;
  while (Atomics.load(state, STATE.go) === 0) Atomics.wait(state, STATE.go, 0);
  const work = Atomics.load(state, STATE.go) === GO ? (receiveMessageOnPort(port)?.message as WorkerJobs | undefined) : undefined;
  const claims = work && new Int32Array(work.claims);
  let linted = 0;
  for (;;) {
    if (!work || !claims) break;
    const job = Atomics.add(state, STATE.next, 1);
    if (job >= work.jobs.length) break;
    if (work.jobs[job]!.mainOnly) continue;
    // In the slot before the claim: a worker that dies holding the job is seen holding it.
    Atomics.store(state, slot, job);
    if (Atomics.compareExchange(claims, job, FREE, CLAIMED) !== FREE) {
      Atomics.store(state, slot, IDLE); // the main thread took it
      continue;
    }
    post(port, runJob(job, work, { worker: true }));
    linted++;
    Atomics.store(state, slot, IDLE);
    Atomics.add(state, STATE.done, 1);
    Atomics.notify(state, STATE.done);
  }
  // A worker that linted nothing has compiled little worth keeping.
  if (setup.slot === 0 && linted > 0 && cache) saveCache(cache, state, slot);
  exited();
  port.close();
}

/**
 * Writes the code cache when a bundle was compiled without one, unless the main thread is stopping the workers
 * (STATE.go no longer GO). SAVING first, then the check: the main thread sets STATE.go before it looks for a SAVING
 * worker to wait for, so either it waits for this write or this worker does not write.
 */
function saveCache(cache: CodeCache, state: Int32Array, slot: number): void {
  if (!cache.loaded.some((l) => l.cache === 'absent' || l.cache === 'corrupt' || l.cache === 'rejected')) return;
  Atomics.store(state, slot, SAVING);
  if (Atomics.load(state, STATE.go) !== GO) {
    Atomics.store(state, slot, IDLE);
    return;
  }
  cache.save();
}

function post(port: MessagePort, result: JobResult): void {
  try {
    port.postMessage(result);
  } catch (e) {
    // A finding that cannot be cloned (a bug): the job fails rather than the worker.
    port.postMessage({ job: result.job, ok: false, error: errorName(e), internalErrors: [] } satisfies JobResult);
  }
}
