// The memory guard: released document text is counted, and one full collection runs at a quiet point
// once enough was released; never without V8's gc, never below the threshold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RELEASED_THRESHOLD, exposeGc, MemoryGuard } from '../../../server/src/lsp/memory';

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
