// The memory guard: released document text is counted, and one full collection runs at a close once
// enough was released; never without V8's gc, never below the threshold. And V8's heap growth limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DEFAULT_RELEASED_THRESHOLD, exposeGc, limitHeapGrowth, MemoryGuard } from '../../../server/src/lsp/memory';

test('collects once the released text passes the threshold, then counts again from zero', () => {
  let calls = 0;
  const guard = new MemoryGuard(() => calls++, 100);
  assert.equal(guard.check(), false, 'nothing released');
  guard.release(60);
  assert.equal(guard.check(), false, 'below the threshold');
  guard.release(40);
  assert.equal(guard.check(), true);
  assert.equal(calls, 1);
  assert.equal(guard.check(), false, 'the count starts again after a collection');
  guard.release(99);
  assert.equal(guard.check(), false);
  guard.release(1000);
  assert.equal(guard.check(), true);
  assert.equal(calls, 2);
  assert.equal(guard.collections, 2);
});

test('a close collects shortly after, not at once (an open often follows), once for several closes, when no lint runs', async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let calls = 0;
  const guard = new MemoryGuard(() => calls++, 100);
  guard.release(400);
  guard.checkSoon(() => false, 20);
  guard.checkSoon(() => false, 20);
  assert.equal(calls, 0, 'not during the close');
  await sleep(60);
  assert.equal(calls, 1);
  // A lint runs: the collection waits for it, at most maxWaitMs.
  let busy = true;
  guard.release(400);
  guard.checkSoon(() => busy, 10, 10_000);
  await sleep(60);
  assert.equal(calls, 1, 'busy: not yet');
  busy = false;
  await sleep(40);
  assert.equal(calls, 2, 'idle: collected');
  guard.release(400);
  guard.checkSoon(() => true, 10, 30);
  await sleep(80);
  assert.equal(calls, 3, 'busy for longer than maxWaitMs: collected anyway');
  guard.release(400);
  guard.checkSoon(() => false, 20);
  guard.dispose();
  await sleep(60);
  assert.equal(calls, 3, 'disposed: no collection');
});

test('without gc the guard does nothing', () => {
  const guard = new MemoryGuard(undefined, 1);
  guard.release(10);
  assert.equal(guard.check(), false);
  assert.equal(guard.collections, 0);
});

test('the default threshold means no collection for files of ordinary size: a 10 KB file edited 1,000 times', () => {
  let calls = 0;
  const guard = new MemoryGuard(() => calls++);
  for (let i = 0; i < 1000; i++) {
    guard.release(10_000);
    guard.check();
  }
  assert.equal(calls, 0);
  assert.ok(DEFAULT_RELEASED_THRESHOLD > 1000 * 10_000);
});

test('gc is exposed at run time, and collecting frees a dropped large string', () => {
  const gc = exposeGc();
  assert.equal(typeof gc, 'function');
  let big: string | undefined = 'x'.repeat(1) + 'y'.repeat(64 * 1024 * 1024); // a flat 64 MB one-byte string
  assert.equal(big.charCodeAt(big.length - 1), 0x79); // flatten it
  gc!();
  const before = process.memoryUsage().heapUsed;
  big = undefined;
  gc!();
  const after = process.memoryUsage().heapUsed;
  assert.ok(before - after > 48 * 1024 * 1024, `heap shrank by ${((before - after) / 2 ** 20).toFixed(0)} MB`);
});

// A child process keeps 40 MB alive and churns through 600 MB of 1 MB arrays (large objects, which only a
// full collection frees, like an edited file's old text), reporting the largest heap it saw.
const CHURN = `
  const v8 = require('node:v8');
  const { limitHeapGrowth } = require(${JSON.stringify(require.resolve('../../../server/src/lsp/memory'))});
  if (process.argv[1] === 'limit' && !limitHeapGrowth(10)) throw new Error('the flag was not set');
  const kept = [];
  for (let i = 0; i < 40; i++) kept.push(new Array(1 << 17).fill(i));
  const ring = [];
  let peak = 0;
  for (let r = 0; r < 600; r++) {
    ring[r % 4] = new Array(1 << 17).fill(r);
    peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
  }
  console.log(JSON.stringify({ peak, kept: kept.length }));
`;

function churnPeak(mode: 'limit' | 'default'): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', CHURN, mode], { encoding: 'utf8', env: { ...process.env, SHIPSHAPE_NO_GC_GUARD: '' } });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { peak: number }).peak / 2 ** 20;
}

test('limitHeapGrowth sets V8 collecting sooner: the churning heap stays far smaller', () => {
  const limited = churnPeak('limit');
  const unlimited = churnPeak('default');
  assert.ok(limited < 0.75 * unlimited, `peak heap ${limited.toFixed(0)} MB with the limit, ${unlimited.toFixed(0)} MB without`);
  assert.ok(limited > 40, `${limited.toFixed(0)} MB: the 40 MB kept alive must count`);
});

test('limitHeapGrowth sets nothing for a bad percentage or with SHIPSHAPE_NO_GC_GUARD', () => {
  assert.equal(limitHeapGrowth(0), false);
  assert.equal(limitHeapGrowth(-5), false);
  assert.equal(limitHeapGrowth(Number.NaN), false);
  assert.equal(limitHeapGrowth(2.5), false);
  const saved = process.env.SHIPSHAPE_NO_GC_GUARD;
  process.env.SHIPSHAPE_NO_GC_GUARD = '1';
  try {
    assert.equal(limitHeapGrowth(25), false);
  } finally {
    if (saved === undefined) delete process.env.SHIPSHAPE_NO_GC_GUARD;
    else process.env.SHIPSHAPE_NO_GC_GUARD = saved;
  }
});
