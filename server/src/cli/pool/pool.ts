/**
 * The lint workers of `shipshape scan` (issue 21): per-file lints (parse and
 * rules) run on worker threads while the main thread does everything else
 * (discovery, settings, kustomize builds, the project index and relation
 * rules, reports, `--fix` writes). The main thread asks for a file's
 * findings when the single-thread scan would lint it (ScanProject's
 * lintAlone, scan.ts's loop) and gets what lintSource would have returned,
 * so the output is the same, in the same order, byte for byte.
 *
 * Synchronous by design, as the CLI is: the workers claim jobs from a
 * counter in shared memory and post results on their ports; the main thread
 * blocks in Atomics.wait until the file it needs is done, reading the ports
 * with receiveMessageOnPort. While it waits it watches the workers: a worker
 * that exits mid-job, or spends longer than the job's budget on it (then it
 * is terminated), fails that job; the file is reported as failed (one
 * internal-error finding, a line on stderr, exit status 2) and the other
 * workers go on. When no worker is left, the main thread lints what remains.
 *
 * A large YAML file is linted in parts (plan.ts); the main thread puts the
 * parts' per-document results in a DocumentCache and lints the file through
 * it, so the whole-file steps (Helm detection, byte-order mark, binary text)
 * run as in a single-thread lint and only documents whose text differs from
 * the workers' split would be linted again.
 */
import { basename } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { DocumentCache, settingsKey, type EngineSettings, type Finding, type RuleHooks } from '../../engine';
import { SYNTAX_RULES } from '../../engine/rules';
import { engineFinding } from '../../engine/run-rule';
import { isComposeFileName } from '../../engine/views/compose';
import type { InputFile, SourceFile } from '../files';
import { lintSource } from '../scan';
import { DEFAULT_TUNING, planJobs, type Plan, type PoolTuning } from './plan';
import { CANCELLED, GO, IDLE, STATE, type JobResult, type WorkerJobs, type WorkerSetup } from './protocol';

/** How the CLI starts workers: the bundle to run as a worker, and whom to tell of a failed file. */
export interface PoolOptions {
  /** The script of the running bundle (main.ts starts it as a worker when workerData says so). */
  script: string;
  /** Workers to start (--jobs, or plan.ts's defaultWorkers). */
  size: number;
  /** A file could not be linted (a line for stderr, without the file's content). */
  onFailure(message: string): void;
  /** Test seam (SHIPSHAPE_TEST_POOL=...,trace): told what the pool did, for stderr. */
  trace?(message: string): void;
  tuning?: PoolTuning;
  /** Test seam: SHIPSHAPE_TEST_FAULT, passed on to the workers. */
  testFault?: string;
}

/** A job's time budget: generous (a busy machine), growing with its size. */
function budgetMs(bytes: number, tuning: PoolTuning): number {
  return tuning.timeoutMs ?? 60_000 + Math.ceil((bytes / (1 << 20)) * 30_000);
}
/** A worker idle this long while jobs wait did not start (or died silently). */
const STALL_MS = 30_000;
/** The main thread checks on the workers at least this often while it waits. */
const POLL_MS = 100;

interface Slot {
  worker: Worker;
  port: MessagePort;
  live: boolean;
  /** The job last seen in its slot, and since when. */
  seen: number;
  since: number;
}

type Outcome = JobResult | { job: number; inline: true };

export class LintPool {
  private readonly state: Int32Array;
  private readonly slots: Slot[] = [];
  private readonly tuning: PoolTuning;
  private readonly exitedAt: number;
  private plan: Plan = { jobs: [], settings: [], settingsJson: [], byPath: new Map(), bytes: 0 };
  private results: Array<Outcome | undefined> = [];

  /** Start `options.size` workers; they load the bundle while the main thread finds the files, then wait for assign(). */
  constructor(private readonly options: PoolOptions) {
    this.tuning = options.tuning ?? DEFAULT_TUNING;
    const size = options.size;
    this.exitedAt = STATE.current + size;
    this.state = new Int32Array(new SharedArrayBuffer(4 * (STATE.current + 2 * size)));
    this.state.fill(IDLE, STATE.current, this.exitedAt);
    const now = Date.now();
    for (let slot = 0; slot < size; slot++) {
      const { port1, port2 } = new MessageChannel();
      const setup: WorkerSetup = { shipshapeLintWorker: true, slot, exitedAt: this.exitedAt, state: this.state.buffer as SharedArrayBuffer, port: port2 };
      // Its output is never shown (a worker writes nothing; if it did, it could be a file's content).
      const worker = new Worker(options.script, { workerData: setup, transferList: [port2], stdout: true, stderr: true });
      worker.on('error', () => undefined); // seen through the shared state
      worker.unref();
      this.slots.push({ worker, port: port1, live: true, seen: IDLE, since: now });
    }
  }

  /**
   * Give the workers the jobs of these files. False when the scan should
   * stay in the main thread after all (a small input, or a settings problem
   * the main thread reports as it would without a pool): then close().
   */
  assign(files: readonly InputFile[], settingsFor: (file: InputFile) => EngineSettings | undefined): boolean {
    const withSettings: Array<{ file: InputFile; settings: EngineSettings }> = [];
    try {
      for (const file of files) {
        const settings = settingsFor(file);
        if (settings) withSettings.push({ file, settings });
      }
    } catch {
      return false; // an invalid config: reported by the main thread's scan, in its order
    }
    const plan = planJobs(withSettings, this.tuning);
    if (!plan) return false;
    this.plan = plan;
    this.results = new Array(plan.jobs.length);
    const work: WorkerJobs = { jobs: plan.jobs, settings: plan.settings, ...(this.options.testFault !== undefined ? { testFault: this.options.testFault } : {}) };
    for (const s of this.slots) s.port.postMessage(work);
    const now = Date.now();
    for (const s of this.slots) s.since = now;
    Atomics.store(this.state, STATE.go, GO);
    Atomics.notify(this.state, STATE.go);
    this.options.trace?.(`pool: ${this.slots.length} workers, ${plan.jobs.length} jobs, ${plan.byPath.size} files, ${plan.bytes} bytes`);
    return true;
  }

  /**
   * A file's findings as lintSource gives them (`source`: the file as the
   * main thread read it), or undefined when the pool has none for it (not
   * planned, other settings, linted in the main thread after the workers
   * were gone): the caller lints it.
   */
  take(file: InputFile, source: () => SourceFile, settings: EngineSettings, hooks: RuleHooks): Finding[] | undefined {
    const jobs = this.plan.byPath.get(file.path);
    if (!jobs || this.plan.settingsJson[this.plan.jobs[jobs[0]!]!.settings] !== JSON.stringify(settings)) return undefined;
    const outcomes = jobs.map((j) => this.wait(j));
    // Rule failures are told in the order a single-thread lint meets them.
    for (const o of outcomes) if ('internalErrors' in o) for (const e of o.internalErrors) hooks.onInternalError?.(e);
    if (outcomes.some((o) => 'inline' in o || ('unreadable' in o && o.unreadable))) return undefined;
    const failed = outcomes.find((o): o is Extract<JobResult, { ok: false }> => 'ok' in o && !o.ok);
    if (failed) return this.failedFile(file, source().text, settings, failed.error);
    const whole = outcomes[0] as Extract<JobResult, { ok: true }>;
    if (whole.findings) return whole.findings;
    const cache = new DocumentCache(Number.MAX_SAFE_INTEGER);
    const src = source();
    const fileName = basename(file.path);
    // The key lintYamlSteps looks documents up under (lint.ts); a different key only costs a lint of the documents again.
    const key = settingsKey(settings) + (isComposeFileName(fileName) ? '\u0000compose' : '');
    cache.begin(key, 0);
    outcomes.forEach((o, i) => {
      for (const c of (o as Extract<JobResult, { ok: true }>).chunks ?? []) {
        cache.store(key, src.text.slice(c.offset, c.offset + c.length), { findings: c.findings, parseError: c.parseError, templated: c.templated }, i);
      }
    });
    const findings = lintSource(src, { ...hooks, settings, fileName, cache });
    this.options.trace?.(`pool: ${file.display}: ${jobs.length} parts, ${cache.hits} documents from the workers, ${cache.misses} linted again`);
    return findings;
  }

  /** Stop the workers (they are done, or idle, or stuck; or were never given jobs). */
  close(): void {
    if (Atomics.load(this.state, STATE.go) === 0) {
      Atomics.store(this.state, STATE.go, CANCELLED);
      Atomics.notify(this.state, STATE.go);
    }
    for (const s of this.slots) {
      s.port.close();
      void s.worker.terminate();
    }
  }

  /** The outcome of job `job`, waiting for it. */
  private wait(job: number): Outcome {
    for (;;) {
      const seen = Atomics.load(this.state, STATE.done);
      this.drain();
      const done = this.results[job];
      if (done) return done;
      this.watch();
      if (this.results[job]) continue;
      Atomics.wait(this.state, STATE.done, seen, POLL_MS);
    }
  }

  private drain(): void {
    for (const s of this.slots) {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        const r = m.message as JobResult;
        this.results[r.job] ??= r;
      }
    }
  }

  /** Fail the jobs of workers that exited mid-job or overran; with no worker left, the rest runs in this thread. */
  private watch(): void {
    const now = Date.now();
    const unclaimed = Atomics.load(this.state, STATE.next) < this.plan.jobs.length;
    this.slots.forEach((s, i) => {
      if (!s.live) return;
      const current = Atomics.load(this.state, STATE.current + i);
      const exited = Atomics.load(this.state, this.exitedAt + i) === 1;
      if (current !== s.seen) {
        s.seen = current;
        s.since = now;
      }
      if (exited) {
        s.live = false;
        this.drain();
        if (current >= 0) this.fail(current, 'the worker thread exited');
        return;
      }
      if (current >= 0 && now - s.since > budgetMs(this.plan.jobs[current]!.bytes, this.tuning)) {
        this.stop(s);
        this.fail(current, `no result after ${Math.round((now - s.since) / 1000)} s; the worker was stopped`);
      } else if (current === IDLE && unclaimed && now - s.since > STALL_MS) {
        this.stop(s); // never started (or died without a word)
      }
    });
    if (this.slots.every((s) => !s.live)) {
      for (let j = Atomics.add(this.state, STATE.next, 1); j < this.plan.jobs.length; j = Atomics.add(this.state, STATE.next, 1)) this.results[j] ??= { job: j, inline: true };
    }
  }

  private stop(s: Slot): void {
    s.live = false;
    void s.worker.terminate();
  }

  private fail(job: number, error: string): void {
    this.results[job] ??= { job, ok: false, error, internalErrors: [] };
  }

  /** One internal-error finding at the file's start, and a line for stderr. */
  private failedFile(file: InputFile, text: string, settings: EngineSettings, error: string): Finding[] {
    this.options.onFailure(`internal error: linting '${file.display}' failed in a worker thread (${error}); its findings are missing`);
    const f = engineFinding(SYNTAX_RULES.internalError.meta, settings, 'failed', { rule: 'lint worker', error }, text, 0, Math.min(text.length, 1));
    return f ? [f] : [];
  }
}
