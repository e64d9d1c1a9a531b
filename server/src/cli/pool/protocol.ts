/**
 * What the scan's main thread and its lint workers (pool.ts, worker.ts) tell
 * each other. Everything here is structured-cloneable: findings travel
 * without their fixes (no report format shows them; `--fix` lints in the main
 * thread), and a failure travels as the error's class only, never its
 * message (it may quote the file, a secret).
 */
import type { EngineSettings, Finding, InternalError } from '../../engine';
import type { MessagePort } from 'node:worker_threads';
import type { InputFile } from '../files';

/** One unit of work: a file, or a part (a run of YAML documents) of a large file. */
export interface LintJob {
  file: Pick<InputFile, 'path' | 'display' | 'explicit'>;
  /** Index into WorkerSetup.settings. */
  settings: number;
  /** Part `part` of `parts` (by document count) of a large YAML file; absent: the whole file. */
  part?: { index: number; of: number };
  /** File size in bytes (the job's time budget scales with it). */
  bytes: number;
  /**
   * Only the main thread lints it (plan.ts's byMainThread: Dockerfiles and
   * compose files, which the main thread's share always holds, so that the
   * workers never compile those code paths).
   */
  mainOnly?: true;
}

/**
 * workerData of a lint worker. Workers start before the scan knows its
 * files (their start-up overlaps the main thread's discovery); the jobs come
 * later as a WorkerJobs message, announced through STATE.go.
 */
export interface WorkerSetup {
  /** Marks a Shipshape lint worker (main.ts starts the bundle as one when it sees it). */
  shipshapeLintWorker: true;
  /** This worker's slot in the shared state. */
  slot: number;
  /** Where the per-worker `exited` flags start in the shared state (after the `current` slots). */
  exitedAt: number;
  /** The shared Int32Array state (see STATE). */
  state: SharedArrayBuffer;
  port: MessagePort;
  /** The code cache folder the worker loads its bundle through (worker-cache.ts); absent: a plain load. */
  codeCacheDir?: string;
}

/** The message that gives the workers their jobs (posted before STATE.go is set). */
export interface WorkerJobs {
  jobs: LintJob[];
  settings: EngineSettings[];
  /**
   * An Int32Array over it, one slot per job: FREE, or CLAIMED by the thread
   * that lints it (Atomics.compareExchange: a worker, or the main thread,
   * which lints its share, see pool.ts).
   */
  claims: SharedArrayBuffer;
  /** SHIPSHAPE_TEST_FAULT, when the bundle has test seams (engine/test-seams.d.ts). */
  testFault?: string;
}

/** Layout of the shared state: counters, then per worker the job it works on, then per worker an `exited` flag (1: the thread ended). */
export const STATE = {
  /** The workers' cursor: the next job they try to claim, largest first (Atomics.add). */
  next: 0,
  /** Jobs finished (results posted); bumped and notified by the workers. */
  done: 1,
  /** 0 until the jobs are posted (GO); CANCELLED: the scan needs no workers after all, or is done with them. */
  go: 2,
  /**
   * Per worker: the job it works on, or IDLE; at the end SAVING (the worker writes the code cache: the main thread
   * waits for it to exit before it stops the workers).
   */
  current: 3,
} as const;
export const IDLE = -1;
export const SAVING = -2;
export const FREE = 0;
export const CLAIMED = 1;
export const GO = 1;
export const CANCELLED = -1;

/** Findings of one YAML document of a part (file offsets), as lintYamlChunks found them. */
export interface ChunkOut {
  offset: number;
  length: number;
  findings: Finding[];
  parseError: boolean;
  templated: boolean;
}

export type JobResult =
  | { job: number; ok: true; findings?: Finding[]; chunks?: ChunkOut[]; internalErrors: InternalError[] }
  | { job: number; ok: false; error: string; internalErrors: InternalError[]; unreadable?: true };

/** A finding as it can be posted: without its lazy fixes. */
export function postable(f: Finding): Finding {
  if (!f.fixes) return f;
  const { fixes: _fixes, ...rest } = f;
  return rest;
}
