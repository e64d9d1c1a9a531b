/**
 * One lint job of the scan's pool (a file, or a part of a large YAML file),
 * run where it was claimed: on a lint worker (worker.ts) or on the main
 * thread when it lints its share (pool.ts). Either way the job is linted as
 * the single-thread scan lints it (lintSource; a part through
 * lintYamlChunks), and its findings leave without their lazy fixes. Nothing
 * of a file's text leaves here but the engine's findings: a failure is the
 * error's class.
 */
import { basename } from 'node:path';
import { RULES, type InternalError, type RuleHooks } from '../../engine';
import { lintYamlChunks } from '../../engine/lint';
import { splitYamlDocuments, type YamlChunk } from '../../engine/parse/yaml';
import { throwingTestRule } from '../../engine/test-fault';
import { CliError } from '../errors';
import { readSource, type InputFile } from '../files';
import { lintSource } from '../lint-source';
import { postable, type ChunkOut, type JobResult, type LintJob, type WorkerJobs } from './protocol';

/**
 * Job `index` of `work`. `text`: the file's text when the caller has read it
 * already (the main thread), else the file is read here. `worker`: the test
 * seams' worker faults apply (never on the main thread).
 */
export function runJob(index: number, work: WorkerJobs, options: { text?: string; worker: boolean }): JobResult {
  const job = work.jobs[index]!;
  const internalErrors: InternalError[] = [];
  const hooks: RuleHooks = { onInternalError: (e) => internalErrors.push(e) };
  // Each use tests SHIPSHAPE_TEST_SEAMS itself, so that production bundles drop the seams' code (test-seams.test.ts).
  if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) && work.testFault === 'rule-throws') hooks.rules = [...RULES, throwingTestRule()];
  try {
    if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) && options.worker && work.testFault !== undefined) testFault(work.testFault, job);
    const settings = work.settings[job.settings]!;
    const file: InputFile = { ...job.file };
    const lintOptions = { ...hooks, settings, fileName: basename(file.path) };
    if (!job.part) return { job: index, ok: true, findings: lintSource(readSource(file), lintOptions).map(postable), internalErrors };
    if (options.text !== undefined) return { job: index, ok: true, chunks: lintPart(options.text, splitYamlDocuments(options.text), job.part, lintOptions), internalErrors };
    const { source, docs } = partSource(file);
    return { job: index, ok: true, chunks: source.kind === 'yaml' ? lintPart(source.text, docs, job.part, lintOptions) : [], internalErrors };
  } catch (e) {
    // A file it cannot read: the main thread reads it too, and stops the scan as it would without workers.
    if (e instanceof CliError) return { job: index, ok: false, error: 'unreadable', internalErrors, unreadable: true };
    return { job: index, ok: false, error: errorName(e), internalErrors };
  }
}

/**
 * The last large file this thread read for a part job, decoded and split: its other parts (claimed next, as they
 * are listed together) are linted from it, not read, decoded and split again for each part.
 */
let lastPartFile: { path: string; source: ReturnType<typeof readSource>; docs: YamlChunk[] } | undefined;

function partSource(file: InputFile): { source: ReturnType<typeof readSource>; docs: YamlChunk[] } {
  if (lastPartFile?.path !== file.path) {
    const source = readSource(file);
    lastPartFile = { path: file.path, source, docs: source.kind === 'yaml' ? splitYamlDocuments(source.text) : [] };
  }
  return lastPartFile;
}

/**
 * The documents of part `index` of `of` (by count) of a YAML file (`docs`: its split), linted as
 * lintYamlChunks lints them in the whole file. The main thread uses a result
 * only where its own split of the file has the same document text there.
 */
function lintPart(text: string, docs: readonly YamlChunk[], part: { index: number; of: number }, options: Parameters<typeof lintYamlChunks>[1]): ChunkOut[] {
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
export function errorName(e: unknown): string {
  return e instanceof Error && /^[A-Z][A-Za-z]{0,40}Error$/.test(e.name) ? e.name : 'Error';
}

/**
 * Test seam: `worker-throws:<path part>`, `worker-exits:<path part>`, `worker-hangs:<path part>` fail the jobs of
 * matching files; `worker-slow:<ms>` makes a worker wait that long before every job (so the main thread lints most).
 */
function testFault(fault: string, job: LintJob): void {
  const slow = /^worker-slow:(\d+)$/.exec(fault);
  if (slow) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(slow[1]));
  const m = /^worker-(throws|exits|hangs):(.+)$/.exec(fault);
  if (!m || !job.file.display.includes(m[2]!)) return;
  if (m[1] === 'exits') process.exit(70);
  if (m[1] === 'hangs') for (;;);
  throw new TypeError(`test fault in a lint worker`);
}
