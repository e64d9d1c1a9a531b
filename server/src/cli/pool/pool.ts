/**
 * The lint pool of `shipshape scan` (issue 21): per-file lints (parse and
 * rules) are shared between worker threads and the main thread, which also
 * does everything else (discovery, settings, kustomize builds, the project
 * index and relation rules, reports, `--fix` writes). The main thread asks
 * for a file's findings when the single-thread scan would lint it
 * (ScanProject's lintAlone, scan.ts's loop) and gets what lintSource would
 * have returned, so the output is the same, in the same order, byte for byte.
 *
 * Work sharing: every job has a claim slot in shared memory (protocol.ts).
 * The workers claim jobs in plan.ts's order (the files the project index
 * does not parse, largest first, then the others from the last file back);
 * the main thread, when it needs a file no thread has started, claims it and
 * lints it itself (a whole file is then linted by the caller, as without a
 * pool), and while it waits for a file a worker is linting it lints the jobs
 * at the end of the workers' order (their results wait for their turn). So both cores lint until the jobs run out, whatever
 * the main thread's own share of the project pass was.
 *
 * Synchronous by design, as the CLI is: the workers post results on their
 * ports; the main thread blocks in Atomics.wait (or lints) until the file it
 * needs is done, reading the ports with receiveMessageOnPort. While it waits
 * it watches the workers: a worker that exits mid-job, or spends longer than
 * the job's budget on it (then it is terminated), fails that job; the file is
 * reported as failed (one internal-error finding, a line on stderr, exit
 * status 2) and the other workers go on. When no worker is left, the main
 * thread lints what remains.
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
import { lintSource } from '../lint-source';
import { runJob } from './job';
import { DEFAULT_TUNING, planJobs, type Plan, type PoolTuning } from './plan';
import { CANCELLED, CLAIMED, FREE, GO, IDLE, SAVING, STATE, type JobResult, type WorkerJobs, type WorkerSetup } from './protocol';

/** How the CLI starts workers: the bundle to run as a worker, and whom to tell of a failed file. */
export interface PoolOptions {
  /** The lint worker bundle (worker-main.ts; it runs the worker loop when workerData says so). */
  script: string;
  /** Workers to start beside the main thread (--jobs minus one, or plan.ts's defaultWorkers). */
  size: number;
  /** A file could not be linted (a line for stderr, without the file's content). */
  onFailure(message: string): void;
  /** Test seam (SHIPSHAPE_TEST_POOL=...,trace): told what the pool did, for stderr. */
  trace?(message: string): void;
  tuning?: PoolTuning;
  /** Test seam: SHIPSHAPE_TEST_FAULT, passed on to the workers. */
  testFault?: string;
  /** The folder of the workers' V8 code cache (worker-cache.ts); absent: they load their bundle without one. */
  codeCacheDir?: string;
}

/** A job's time budget: generous (a busy machine), growing with its size. */
function budgetMs(bytes: number, tuning: PoolTuning): number {
  return tuning.timeoutMs ?? 60_000 + Math.ceil((bytes / (1 << 20)) * 30_000);
}
/**
 * A worker's young generation (V8's default is a few MB): parsing allocates much that lives until its document is
 * linted, which a small young generation copies again and again. On a 70 MB copy of the corpus the pool used about
 * 1 s less CPU with this (the worker spent a quarter of its time in the garbage collector); no change on 7 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 96;
/** A worker idle this long while jobs wait did not start (or died silently). */
const STALL_MS = 30_000;
/** The main thread checks on the workers at least this often while it waits. */
const POLL_MS = 100;
/** At most this long the main thread waits, as it stops the workers, for one writing the code cache (worker.ts). */
const SAVE_WAIT_MS = 2_000;

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
  private work?: WorkerJobs;
  private claims = new Int32Array(new SharedArrayBuffer(0));
  /** The main thread's cursor over the jobs it may take while it waits: the last of the workers' order first. */
  private back = -1;
  /** Jobs the main thread linted (for the trace). */
  private here = 0;

  /** Start `options.size` workers; they load their bundle while the main thread finds the files, then wait for assign(). */
  constructor(private readonly options: PoolOptions) {
    this.tuning = options.tuning ?? DEFAULT_TUNING;
    const size = options.size;
    this.exitedAt = STATE.current + size;
    this.state = new Int32Array(new SharedArrayBuffer(4 * (STATE.current + 2 * size)));
    this.state.fill(IDLE, STATE.current, this.exitedAt);
    const now = Date.now();
    for (let slot = 0; slot < size; slot++) {
      const { port1, port2 } = new MessageChannel();
      const setup: WorkerSetup = { shipshapeLintWorker: true, slot, exitedAt: this.exitedAt, state: this.state.buffer as SharedArrayBuffer, port: port2, ...(options.codeCacheDir !== undefined ? { codeCacheDir: options.codeCacheDir } : {}) };
      // Its output is never shown (a worker writes nothing; if it did, it could be a file's content).
      const worker = new Worker(options.script, { workerData: setup, transferList: [port2], stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
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
    this.claims = new Int32Array(new SharedArrayBuffer(4 * plan.jobs.length));
    this.back = plan.jobs.length - 1;
    this.work = { jobs: plan.jobs, settings: plan.settings, claims: this.claims.buffer, ...(this.options.testFault !== undefined ? { testFault: this.options.testFault } : {}) };
    for (const s of this.slots) s.port.postMessage(this.work);
    const now = Date.now();
    for (const s of this.slots) s.since = now;
    Atomics.store(this.state, STATE.go, GO);
    Atomics.notify(this.state, STATE.go);
    this.options.trace?.(`pool: ${this.slots.length} workers and this thread, ${plan.jobs.length} jobs, ${plan.byPath.size} files, ${plan.bytes} bytes`);
    return true;
  }

  /**
   * A file's findings as lintSource gives them (`source`: the file as the
   * main thread read it), or undefined when the caller lints it: not
   * planned, other settings, or its turn came before a worker took it.
   */
  take(file: InputFile, source: () => SourceFile, settings: EngineSettings, hooks: RuleHooks): Finding[] | undefined {
    const jobs = this.plan.byPath.get(file.path);
    if (!jobs || this.plan.settingsJson[this.plan.jobs[jobs[0]!]!.settings] !== JSON.stringify(settings)) return undefined;
    // A whole file no worker has started: linted by the caller (with its fixes), as without a pool.
    if (jobs.length === 1 && this.claimHere(jobs[0]!)) return undefined;
    // The parts no worker has started are linted here first, then those of the workers are waited for.
    let text: string | undefined;
    const textOnce = (): string => (text ??= source().text);
    for (const j of jobs) if (jobs.length > 1 && this.claimHere(j)) this.runHere(j, textOnce());
    const outcomes = jobs.map((j) => this.wait(j, textOnce));
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
    this.options.trace?.(`pool: ${file.display}: ${jobs.length} parts, ${cache.hits} documents from the parts, ${cache.misses} linted again`);
    return findings;
  }

  /** Stop the workers (they are done, or idle, or stuck; or were never given jobs). */
  close(): void {
    if (Atomics.load(this.state, STATE.go) !== 0) this.options.trace?.(`pool: this thread linted ${this.here} of ${this.plan.jobs.length} jobs`);
    // Workers never given jobs end; a worker done with them may no longer start writing the code cache (worker.ts).
    Atomics.store(this.state, STATE.go, CANCELLED);
    Atomics.notify(this.state, STATE.go);
    this.letCacheWritesEnd();
    for (const s of this.slots) {
      s.port.close();
      void s.worker.terminate();
    }
  }

  /**
   * A worker that has started writing the code cache (SAVING) is given up to SAVE_WAIT_MS to finish, so that it is
   * not stopped halfway (only a scan that found no usable cache waits).
   */
  private letCacheWritesEnd(): void {
    const deadline = Date.now() + SAVE_WAIT_MS;
    this.slots.forEach((s, i) => {
      if (!s.live || Atomics.load(this.state, STATE.current + i) !== SAVING) return;
      for (let left = SAVE_WAIT_MS; left > 0 && Atomics.load(this.state, this.exitedAt + i) !== 1; left = deadline - Date.now()) {
        Atomics.wait(this.state, STATE.done, Atomics.load(this.state, STATE.done), Math.min(left, 10));
      }
    });
  }

  /**
   * Claims job `job` for the main thread: when no thread has it, and the
   * main thread lints its share (or no worker is left).
   */
  private claimHere(job: number): boolean {
    if (this.results[job] !== undefined) return false;
    if (this.tuning.mainShare === false && !this.plan.jobs[job]!.mainOnly && this.slots.some((s) => s.live)) return false;
    if (Atomics.compareExchange(this.claims, job, FREE, CLAIMED) !== FREE) return false;
    this.here++;
    return true;
  }

  /** Runs a job claimed here (`text`: the file's text, when read already). */
  private runHere(job: number, text?: string): void {
    this.results[job] = runJob(job, this.work!, { worker: false, ...(text !== undefined ? { text } : {}) });
  }

  /** The outcome of job `job`, waiting for it (and linting other jobs meanwhile); `text`: its file's text. */
  private wait(job: number, text: () => string): Outcome {
    for (;;) {
      const seen = Atomics.load(this.state, STATE.done);
      this.drain();
      const done = this.results[job];
      if (done) return done;
      this.watch();
      if (this.results[job]) continue;
      if (this.claimHere(job)) {
        // No worker took it (or none is left): a part is linted here, a whole file by the caller.
        if (this.plan.byPath.get(this.plan.jobs[job]!.file.path)!.length > 1) this.runHere(job, text());
        else this.results[job] = { job, inline: true };
        continue;
      }
      if (this.stealOne()) continue;
      Atomics.wait(this.state, STATE.done, seen, POLL_MS);
    }
  }

  /** Lints the last job (in the workers' order) no thread has taken, for later (while this thread would wait). False: none is left. */
  private stealOne(): boolean {
    for (; this.back >= 0; this.back--) {
      const job = this.back;
      if (this.claimHere(job)) {
        this.back--;
        this.runHere(job);
        return true;
      }
    }
    return false;
  }

  private drain(): void {
    for (const s of this.slots) {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        const r = m.message as JobResult;
        this.results[r.job] ??= r;
      }
    }
  }

  /** Fail the jobs of workers that exited mid-job or overran. */
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
