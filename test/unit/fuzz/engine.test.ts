// Fuzz test of the engine (issue 10): mutated examples and randomly generated manifests,
// Dockerfiles and .shipshape.yaml files. For each case: no exception escapes and the engine
// reports no failure of its own; every finding's span lies inside the text on one line, and
// its fixes' edits inside the text; no finding quotes a fake credential planted in the text
// (fake-secrets.ts); results are deterministic, and equal with a shared, a
// fresh or no DocumentCache (also after linting the previous version: an edit); fix-all and
// single fixes keep all that; each case finishes within a hang guard (fuzz-runner.ts).
// `npm test` runs a bounded number of cases with a fixed seed; `npm run fuzz` many more
// (SHIPSHAPE_FUZZ_RUNS, SHIPSHAPE_FUZZ_SEED; a failure prints how to reproduce it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configCaseArb, exampleCaseArb, generatedCaseArb, loadExamples } from '../../helpers/fuzz-inputs';
import { FuzzWorker, fuzz } from '../../helpers/fuzz-runner';

const examples = loadExamples();
const worker = new FuzzWorker();

describe('fuzz: engine on hostile and mutated input', { timeout: 30 * 60_000 }, () => {
  before(async () => {
    assert.ok(examples.filter((e) => e.kind === 'yaml').length > 20 && examples.some((e) => e.kind === 'dockerfile') && examples.some((e) => e.kind === 'config'), 'examples not found');
    // Load the engine in the worker (and compile its schemas) outside the per-case hang guard.
    await worker.run({ type: 'ping' }, 120_000);
  });
  after(() => worker.close());

  it('mutated examples', (t) => fuzz(t, __filename, exampleCaseArb(examples), (c) => worker.run({ type: 'lint', input: c }), 90));

  it('generated manifests and Dockerfiles, mutated', (t) => fuzz(t, __filename, generatedCaseArb(examples), (c) => worker.run({ type: 'lint', input: c }), 60));

  it('.shipshape.yaml files, generated and mutated', (t) => fuzz(t, __filename, configCaseArb(examples), (c) => worker.run({ type: 'config', input: c }), 120));
});
