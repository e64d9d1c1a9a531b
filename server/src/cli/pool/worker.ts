/**
 * A lint worker thread of `shipshape scan` (see pool.ts), started from the
 * lint worker bundle (worker-main.ts; a bundle that also runs the CLI, such
 * as bench/cli-run.ts, can be one too). It claims jobs, largest first, until
 * none is left (the main thread claims some of them too: it lints its share),
 * lints each as the main thread would (job.ts) and posts the findings.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { errorName, runJob } from './job';
import { CLAIMED, FREE, GO, IDLE, STATE, type JobResult, type WorkerJobs, type WorkerSetup } from './protocol';

/** Whether this thread was started as a lint worker. */
export function isLintWorker(): boolean {
  return (workerData as Partial<WorkerSetup> | null)?.shipshapeLintWorker === true;
}

/** The worker's whole life: claim, lint, post, until the jobs run out. */
export function runLintWorker(): void {
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
    Atomics.store(state, slot, IDLE);
    Atomics.add(state, STATE.done, 1);
    Atomics.notify(state, STATE.done);
  }
  exited();
  port.close();
}

function post(port: MessagePort, result: JobResult): void {
  try {
    port.postMessage(result);
  } catch (e) {
    // A finding that cannot be cloned (a bug): the job fails rather than the worker.
    port.postMessage({ job: result.job, ok: false, error: errorName(e), internalErrors: [] } satisfies JobResult);
  }
}
