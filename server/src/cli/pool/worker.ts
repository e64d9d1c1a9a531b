/**
 * A lint worker thread of `shipshape scan` (see pool.ts): the CLI bundle
 * started again as a worker (main.ts). It claims jobs from the shared counter
 * until none is left, lints each as the main thread would (lintSource; a part
 * of a large file through lintYamlChunks) and posts the findings. Nothing of
 * a file's text leaves here but the engine's findings: a failure is posted as
 * the error's class.
 */
import { basename } from 'node:path';
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { RULES, type InternalError, type RuleHooks } from '../../engine';
import { lintYamlChunks } from '../../engine/lint';
import { splitYamlDocuments } from '../../engine/parse/yaml';
import { throwingTestRule } from '../../engine/test-fault';
import { CliError } from '../errors';
import { readSource, type InputFile } from '../files';
import { lintSource } from '../scan';
import { GO, IDLE, postable, STATE, type ChunkOut, type JobResult, type LintJob, type WorkerJobs, type WorkerSetup } from './protocol';

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
  for (;;) {
    if (!work) break;
    const job = Atomics.add(state, STATE.next, 1);
    if (job >= work.jobs.length) break;
    Atomics.store(state, slot, job);
    post(port, runJob(job, work));
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

function runJob(index: number, setup: WorkerJobs): JobResult {
  const job = setup.jobs[index]!;
  const internalErrors: InternalError[] = [];
  const hooks: RuleHooks = { onInternalError: (e) => internalErrors.push(e) };
  // Each use tests SHIPSHAPE_TEST_SEAMS itself, so that production bundles drop the seams' code (test-seams.test.ts).
  if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) && setup.testFault === 'rule-throws') hooks.rules = [...RULES, throwingTestRule()];
  try {
    if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) && setup.testFault !== undefined) testFault(setup.testFault, job);
    const settings = setup.settings[job.settings]!;
    const file: InputFile = { ...job.file };
    const source = readSource(file);
    const options = { ...hooks, settings, fileName: basename(file.path) };
    if (!job.part) return { job: index, ok: true, findings: lintSource(source, options).map(postable), internalErrors };
    return { job: index, ok: true, chunks: source.kind === 'yaml' ? lintPart(source.text, job.part, options) : [], internalErrors };
  } catch (e) {
    // A file it cannot read: the main thread reads it too, and stops the scan as it would without workers.
    if (e instanceof CliError) return { job: index, ok: false, error: 'unreadable', internalErrors, unreadable: true };
    return { job: index, ok: false, error: errorName(e), internalErrors };
  }
}

/**
 * The documents of part `index` of `of` (by count) of a YAML file, linted as
 * lintYamlChunks lints them in the whole file. The main thread uses a result
 * only where its own split of the file has the same document text there.
 */
function lintPart(text: string, part: { index: number; of: number }, options: Parameters<typeof lintYamlChunks>[1]): ChunkOut[] {
  const docs = splitYamlDocuments(text);
  const from = Math.floor((part.index * docs.length) / part.of);
  const to = Math.floor(((part.index + 1) * docs.length) / part.of);
  if (from >= to) return [];
  const base = docs[from]!.offset;
  const lint = lintYamlChunks(text.slice(base, to < docs.length ? docs[to]!.offset : text.length), options);
  return lint.chunks.map((c) => ({
    offset: base + c.offset,
    length: c.text.length,
    findings: c.result.findings.map(postable),
    parseError: c.result.parseError,
    templated: c.result.templated,
  }));
}

/** An error's class, never its message (it may quote the file). */
function errorName(e: unknown): string {
  return e instanceof Error && /^[A-Z][A-Za-z]{0,40}Error$/.test(e.name) ? e.name : 'Error';
}

/** Test seam: `worker-throws:<path part>`, `worker-exits:<path part>`, `worker-hangs:<path part>` fail the jobs of matching files. */
function testFault(fault: string, job: LintJob): void {
  const m = /^worker-(throws|exits|hangs):(.+)$/.exec(fault);
  if (!m || !job.file.display.includes(m[2]!)) return;
  if (m[1] === 'exits') process.exit(70);
  if (m[1] === 'hangs') for (;;);
  throw new TypeError(`test fault in a lint worker`);
}
