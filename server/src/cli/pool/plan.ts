/**
 * Which files of a scan the lint pool shares out, and in what pieces.
 *
 * - Small inputs stay in the main thread: starting a worker (loading the
 *   bundle, first-lint compilation) costs about as much as linting 0.5 MB.
 *   The pool starts only when the files to lint hold at least POOL_MIN_BYTES
 *   (DEFAULT_POOL_MIN_BYTES without --jobs) and there are at least two jobs.
 * - Dockerfiles and compose files are the main thread's (byMainThread).
 * - A YAML file larger than 2 x SPLIT_BYTES is cut into parts of about
 *   SPLIT_BYTES (by document count), so one large file does not keep one
 *   worker busy while the others wait.
 * - Standard input stays in the main thread.
 * - Workers claim the jobs of files the project index does not parse first,
 *   largest first, which evens out the threads' ends, then the others from
 *   the last file back; the main thread takes what it reaches first, and
 *   while it waits the jobs at the end of the workers' order (pool.ts).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { EngineSettings } from '../../engine';
import { fileKindOf } from '../../engine/file-kind';
import { MAX_INDEXED_FILE } from '../../engine/project/lint-project';
import { isComposeFileName } from '../../engine/views/compose';
import type { InputFile } from '../files';
import type { LintJob } from './protocol';

/** Below this many bytes to lint, the scan runs in the main thread (with --jobs given). */
export const POOL_MIN_BYTES = 1 << 20;
/**
 * The same without --jobs. On 2 cores a second linting thread pays only for large inputs: a single-thread scan
 * already keeps the second core about half busy (V8 compiles optimized code and collects garbage on helper threads:
 * 3.1 s of CPU in 2 s on the 7 MB corpus), and a worker compiles the engine again (its own isolate) and runs cold
 * code meanwhile: on the corpus the pool used 4.2-4.7 s of CPU against 3.1-3.7 s for one thread, 21.7 s against
 * 19.4 s on a 70 MB copy (bench --cli-jobs and per-thread CPU, issue 21). So a default scan below this stays in the
 * main thread.
 */
export const DEFAULT_POOL_MIN_BYTES = 32 << 20;
/** Parts of a large YAML file are about this size. */
export const SPLIT_BYTES = 512 * 1024;
/** Most lint workers --jobs may ask for. */
export const MAX_JOBS = 256;

/** Knobs tests turn (test seam SHIPSHAPE_TEST_POOL, see pool.ts); the defaults are the constants above. */
export interface PoolTuning {
  minBytes: number;
  splitBytes: number;
  /** Overrides every job's time budget (ms). */
  timeoutMs?: number;
  /** False: the main thread lints nothing while a worker is alive (tests of worker faults); default true. */
  mainShare?: boolean;
}

export const DEFAULT_TUNING: PoolTuning = { minBytes: POOL_MIN_BYTES, splitBytes: SPLIT_BYTES };
/** The tuning of a scan without --jobs (see DEFAULT_POOL_MIN_BYTES). */
export const DEFAULT_POOL_TUNING: PoolTuning = { ...DEFAULT_TUNING, minBytes: DEFAULT_POOL_MIN_BYTES };

/** Test seam (bundles built with SHIPSHAPE_TEST_SEAMS): `minBytes=0,splitBytes=2000,timeoutMs=3000,mainShare=0,trace`. */
export const TEST_POOL_ENV = 'SHIPSHAPE_TEST_POOL';

/** The tuning a SHIPSHAPE_TEST_POOL value asks for (unknown parts are ignored; the others keep the scan's defaults). */
export function tuningFromEnv(value: string): Partial<PoolTuning> {
  const tuning: Partial<PoolTuning> = {};
  for (const part of value.split(',')) {
    const m = /^(minBytes|splitBytes|timeoutMs|mainShare)=(\d+)$/.exec(part.trim());
    if (m?.[1] === 'mainShare') tuning.mainShare = m[2] !== '0';
    else if (m) tuning[m[1] as 'minBytes' | 'splitBytes' | 'timeoutMs'] = Number(m[2]);
  }
  return tuning;
}

/**
 * Lint workers beside the main thread (0: none). `jobs`: --jobs, the threads
 * that lint, the main thread counted (it lints its share between the steps
 * of the project pass, see pool.ts); without it, one thread per core the
 * process may use (os.availableParallelism()).
 */
export function poolWorkers(jobs: number | undefined, cores = availableParallelism()): number {
  return Math.min(MAX_JOBS, jobs ?? cores) - 1;
}

/**
 * Whether a scan of these paths may be large enough for a pool: a folder
 * (its files are not known yet), or named files of at least `minBytes`. The
 * workers then start while the main thread finds the files and their
 * settings; if the files turn out small, they are stopped unused.
 */
export function worthStarting(paths: readonly string[], cwd: string, minBytes: number): boolean {
  let bytes = 0;
  for (const p of paths) {
    if (p === '-') continue;
    try {
      const st = statSync(resolve(cwd, p));
      if (st.isDirectory()) return true;
      bytes += st.size;
    } catch {
      // the scan reports it
    }
  }
  return bytes >= minBytes;
}

/**
 * Files only the main thread lints: Dockerfiles and compose files (by name). Every thread that lints a kind of
 * file compiles its code paths (V8's optimizing compiler runs per thread, and costs about as much CPU as a
 * single-thread scan of the corpus spends linting its small files); the main thread lints some files anyway, so
 * these code paths are compiled once. Their files are small (the corpus: 238 files, 0.5 MB of 7 MB).
 */
function byMainThread(path: string): boolean {
  return fileKindOf(path) === 'dockerfile' || isComposeFileName(path);
}

/**
 * 1 for a job whose file the project index does not parse (a part of a large file, or a file over MAX_INDEXED_FILE:
 * bytes, at least as many as UTF-16 units but for rare text), else 0. The main thread parses every other YAML file
 * for the index before it lints, and its lint of the file takes that parse (engine/parsed-chunks.ts): such a file
 * costs the main thread less than a worker, which parses it again and compiles the code paths of its rules again.
 * So the workers take the unindexed jobs first, and then the others from the end of the report order, while the
 * main thread lints from its start: the threads meet where the main thread has got to.
 */
function unindexed(job: { part?: unknown; bytes: number }): number {
  return job.part !== undefined || job.bytes > MAX_INDEXED_FILE ? 1 : 0;
}

export interface Plan {
  jobs: LintJob[];
  /** Distinct settings, as JSON too (a file's lint matches its job only under the same settings). */
  settings: EngineSettings[];
  settingsJson: string[];
  /** A file's jobs (its parts in order), by absolute path. */
  byPath: Map<string, number[]>;
  bytes: number;
}

/** The jobs for these files (with their settings), or undefined when the input is too small for a pool. */
export function planJobs(files: ReadonlyArray<{ file: InputFile; settings: EngineSettings }>, tuning: PoolTuning): Plan | undefined {
  const settings: EngineSettings[] = [];
  const settingsJson: string[] = [];
  const settingsAt = new Map<string, number>();
  const pieces: Array<Omit<LintJob, 'settings'> & { settings: number; path: string }> = [];
  let bytes = 0;
  for (const { file, settings: s } of files) {
    if (file.stdin) continue;
    let size: number;
    try {
      size = statSync(file.path).size;
    } catch {
      continue; // the main thread reads it and reports why it cannot
    }
    bytes += size;
    const json = JSON.stringify(s);
    let at = settingsAt.get(json);
    if (at === undefined) {
      at = settings.push(s) - 1;
      settingsJson.push(json);
      settingsAt.set(json, at);
    }
    const base = { file: { path: file.path, display: file.display, explicit: file.explicit }, settings: at, path: file.path, ...(byMainThread(file.path) ? { mainOnly: true as const } : {}) };
    const parts = fileKindOf(file.path) === 'yaml' && size > 2 * tuning.splitBytes ? Math.round(size / tuning.splitBytes) : 1;
    if (parts === 1) pieces.push({ ...base, bytes: size });
    else for (let i = 0; i < parts; i++) pieces.push({ ...base, part: { index: i, of: parts }, bytes: Math.ceil(size / parts) });
  }
  if (bytes < tuning.minBytes || pieces.length < 2) return undefined;
  // The workers' order (pool.ts): first the jobs the project index leaves out, largest first (ties, the parts of one
  // file, in file order); then the others from the last file to the first.
  const order = pieces.map((_, i) => i).sort((a, b) => {
    const big = unindexed(pieces[b]!) - unindexed(pieces[a]!);
    if (big !== 0) return big;
    return unindexed(pieces[a]!) ? pieces[b]!.bytes - pieces[a]!.bytes || a - b : b - a;
  });
  const jobs: LintJob[] = [];
  const byPath = new Map<string, number[]>();
  for (const i of order) {
    const { path, ...job } = pieces[i]!;
    const list = byPath.get(path) ?? [];
    list.push(jobs.push(job) - 1);
    byPath.set(path, list);
  }
  for (const list of byPath.values()) list.sort((a, b) => (jobs[a]!.part?.index ?? 0) - (jobs[b]!.part?.index ?? 0));
  return { jobs, settings, settingsJson, byPath, bytes };
}
