// Issue 21 on the client side, without VS Code: shipshape/visibleRanges is sent at once for a document's first report
// (it opened), debounced while scrolling (the last ranges win), not repeated when unchanged, and again in full to a
// restarted server. A fake clock drives the debounce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VisibleRangesSender, VISIBLE_RANGES_DEBOUNCE_MS, type Clock, type LineRange } from '../../../client/src/visible-ranges';
import type { VisibleRangesParams } from '../../../shared/lsp/protocol';

function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 0;
  const clock: Clock = {
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: ++next });
      return next;
    },
    clearTimeout: (id) => void (timers = timers.filter((t) => t.id !== id)),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers = timers.filter((x) => x !== t);
      t.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

const lines = (a: number, b: number): LineRange => ({ start: { line: a, character: 0 }, end: { line: b, character: 0 } });

test('the first report goes at once; scrolling is debounced, the last ranges win; unchanged ranges are not sent again', () => {
  const { clock, advance } = fakeClock();
  const sent: VisibleRangesParams[] = [];
  const s = new VisibleRangesSender((p) => sent.push(p), clock);
  s.update('file:///a.yaml', [lines(0, 40)]);
  assert.deepEqual(sent, [{ uri: 'file:///a.yaml', ranges: [lines(0, 40)] }]);
  s.update('file:///a.yaml', [lines(10, 50)]);
  s.update('file:///a.yaml', [lines(20, 60)]);
  advance(VISIBLE_RANGES_DEBOUNCE_MS - 1);
  assert.equal(sent.length, 1);
  advance(1);
  assert.deepEqual(sent.at(-1), { uri: 'file:///a.yaml', ranges: [lines(20, 60)] });
  assert.equal(sent.length, 2);
  s.update('file:///a.yaml', [lines(20, 60)]);
  advance(VISIBLE_RANGES_DEBOUNCE_MS);
  assert.equal(sent.length, 2, 'unchanged');
  s.update('file:///b.yaml', [lines(0, 10)]);
  assert.equal(sent.length, 3, 'another document: its own first report');
});

test('a closed document and a restarted server get a first report again; pending reports are dropped', () => {
  const { clock, advance, pending } = fakeClock();
  const sent: VisibleRangesParams[] = [];
  const s = new VisibleRangesSender((p) => sent.push(p), clock);
  s.update('file:///a.yaml', [lines(0, 40)]);
  s.update('file:///a.yaml', [lines(5, 45)]);
  s.forget('file:///a.yaml');
  assert.equal(pending(), 0);
  advance(VISIBLE_RANGES_DEBOUNCE_MS);
  assert.equal(sent.length, 1);
  s.update('file:///a.yaml', [lines(0, 40)]);
  assert.equal(sent.length, 2, 'reopened: at once, even with the same ranges');
  s.reset();
  s.update('file:///a.yaml', [lines(0, 40)]);
  assert.equal(sent.length, 3);
});
