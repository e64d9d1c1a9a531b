// The engine on hostile input: alias bombs, extreme nesting, 10 MB scalars, binary content, huge Dockerfile
// instructions. Each lints without throwing, in a worker with a 256 MB heap limit (bounded memory) that is stopped
// when it does not finish in time (the hang guard), with at most one finding about the hostile content (or exactly
// the findings an ordinary version of the file has).
import { after, test } from 'node:test';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import assert from 'node:assert/strict';
import { lintText, type Finding } from '../../../server/src/engine';
import { configFindings } from '../../../server/src/engine/config/config-file';
import { mergeKubeconfigs, parseKubeconfig } from '../../../server/src/engine/kubeconfig';
import { CASES, CONFIG_BOMB, expectSurvived, MB, textOf } from './inputs';

const HANG_GUARD = { timeout: 120_000 };

/** Checks shared by every case: spans inside the text, readable messages. */
function sane(findings: readonly Finding[], text: string): void {
  for (const f of findings) {
    assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${f.ruleId} span ${JSON.stringify(f.span)} outside the text`);
    assert.ok(f.message.length < 500, `${f.ruleId}: a ${f.message.length}-character message`);
  }
}

/** Heap limit of the worker that lints the cases: the largest ordinary work is a 10 MB scalar. */
const HEAP_MB = 256;

interface WorkerResult {
  index: number;
  length: number;
  findings: Finding[];
}

/** One worker for all cases (tsx starts once); replaced after a case it had to be stopped for. */
class Linter {
  private worker: Worker | undefined;

  run(index: number, ms: number, task?: 'unguarded-schema'): Promise<WorkerResult> {
    // TypeScript through tsx's CommonJS hook (workers do not inherit `--import tsx`).
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'engine-worker.ts'))});`;
    const worker = (this.worker ??= new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }));
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (r: WorkerResult): void => {
        done();
        resolve(r);
      };
      const onError = (e: Error): void => {
        done();
        this.worker = undefined;
        reject(e);
      };
      const timer = setTimeout(() => {
        done();
        this.worker = undefined;
        void worker.terminate();
        reject(new Error(`${CASES[index]!.name}: not done after ${ms / 1000} s (hang guard)`));
      }, ms);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ index, task });
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

const linter = new Linter();
after(() => linter.stop());

CASES.forEach((c, index) => {
  // The first case also pays for starting the worker.
  const guard = (c.guardMs ?? 120_000) + (index === 0 ? 30_000 : 0);
  test(`engine: ${c.name}`, { timeout: guard + 30_000 }, async () => {
    const { length, findings } = await linter.run(index, guard);
    const text = textOf(c);
    assert.equal(length, text.length);
    sane(findings, text);
    expectSurvived(c, findings);
  });
});

test('schema validation bounds alias expansion itself (a bomb that did not go through the parser check)', { timeout: 90_000 }, async () => {
  for (const file of ['crd.yaml', 'pod-laughs.yaml', 'laughs.yaml']) {
    const index = CASES.findIndex((c) => c.file === file);
    const { findings } = await linter.run(index, 60_000, 'unguarded-schema');
    assert.deepEqual(findings, [], file);
  }
});

test('engine: a bomb document does not stop the other documents of the file from being linted', HANG_GUARD, () => {
  const bomb = textOf(CASES.find((c) => c.file === 'laughs.yaml')!);
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
  const findings = lintText(`${pod}---\n${bomb}---\n${pod}`, 'yaml');
  assert.equal(findings.filter((f) => f.ruleId === 'yaml-syntax').length, 1);
  assert.equal(findings.filter((f) => f.ruleId === 'privileged-container').length, 2);
});

test('engine: a value of 10 MB is cut short in messages', HANG_GUARD, () => {
  const path = '/data/' + 'x/'.repeat(5 * MB);
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n  volumes:\n    - name: v\n      hostPath:\n        path: ${path}\n`;
  const findings = lintText(text, 'yaml');
  const hostPath = findings.find((f) => f.ruleId === 'host-path-volume');
  assert.ok(hostPath, JSON.stringify(findings.map((f) => f.ruleId)));
  assert.match(hostPath.message, /…\(\d+ chars\)/);
  sane(findings, text);
});

test('kubeconfig engine: an alias bomb is a malformed file with one finding, the other files still load', HANG_GUARD, () => {
  const bomb = textOf(CASES.find((c) => c.file === 'kubeconfig')!);
  const good = 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://k.example.com\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user: {}\ncurrent-context: x\n';
  const parsed = parseKubeconfig(bomb);
  assert.match(parsed.error ?? '', /excessive aliasing/);
  const model = mergeKubeconfigs([
    { path: '/k/bomb', text: bomb },
    { path: '/k/dir', readError: 'is a directory' },
    { path: '/k/good', text: good },
  ]);
  assert.deepEqual(
    model.files.map((f) => [f.path, f.status]),
    [
      ['/k/bomb', 'malformed'],
      ['/k/dir', 'unreadable'],
      ['/k/good', 'ok'],
    ],
  );
  assert.equal(model.files[1]!.error, 'is a directory');
  assert.deepEqual(model.contexts.map((c) => c.name), ['x']);
  assert.deepEqual(model.files[0]!.findings.map((f) => f.ruleId), ['yaml-syntax']);
});

test('.shipshape.yaml: an alias bomb is one invalid-config finding', HANG_GUARD, () => {
  const findings = configFindings(CONFIG_BOMB);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0]!.ruleId, 'invalid-config');
  assert.match(findings[0]!.message, /alias/i);
});
