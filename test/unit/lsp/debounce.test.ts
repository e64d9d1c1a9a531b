// Issue 21, "A shorter pause after typing": the wait after an edit follows the document's last lint cost, timed with a
// fake clock; a document that lints slowly (or was not linted yet) waits shipshape.debounceMs as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveDebounce, COST_FACTOR, LARGE_TEXT, MIN_DEBOUNCE_MS, SLOW_LINT_MS } from '../../../server/src/lsp/debounce';

function fakeClock() {
  let now = 1000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

function lintTaking(debounce: AdaptiveDebounce, clock: ReturnType<typeof fakeClock>, uri: string, ms: number, length = 1000): void {
  const done = debounce.time(uri, length);
  clock.advance(ms);
  done();
}

test('the wait is COST_FACTOR times the last lint, at least MIN_DEBOUNCE_MS, at most the setting', () => {
  const clock = fakeClock();
  const d = new AdaptiveDebounce(clock.now);
  assert.equal(d.delay('a', 150), 150, 'not linted yet: the setting');
  lintTaking(d, clock, 'a', 14);
  assert.equal(d.delay('a', 150), Math.ceil(COST_FACTOR * 14));
  assert.equal(d.delay('a', 20), 20, 'never above the setting');
  assert.equal(d.delay('a', 0), 0, 'debounceMs 0: at once');
  lintTaking(d, clock, 'a', 1);
  assert.equal(d.delay('a', 150), MIN_DEBOUNCE_MS);
  assert.equal(d.delay('b', 150), 150, 'per document');
});

test('a slow lint (a large file) waits the setting: no more lint runs per keystroke than with a fixed debounce', () => {
  const clock = fakeClock();
  const d = new AdaptiveDebounce(clock.now);
  lintTaking(d, clock, 'big', SLOW_LINT_MS);
  assert.equal(d.delay('big', 150), 150);
  lintTaking(d, clock, 'big', SLOW_LINT_MS - 1);
  assert.ok(d.delay('big', 150) < 150);
  lintTaking(d, clock, 'big', 900);
  assert.equal(d.delay('big', 150), 150, 'the last lint counts');
  lintTaking(d, clock, 'huge', 5, LARGE_TEXT);
  assert.equal(d.delay('huge', 150), 150, 'a large text waits the setting however fast its last lint was');
  lintTaking(d, clock, 'huge', 5, LARGE_TEXT - 1);
  assert.equal(d.delay('huge', 150), Math.ceil(COST_FACTOR * 5));
});

test('an abandoned lint records nothing; a closed document starts over', () => {
  const clock = fakeClock();
  const d = new AdaptiveDebounce(clock.now);
  lintTaking(d, clock, 'a', 8);
  d.time('a', 1000); // superseded: never completed
  clock.advance(500);
  assert.equal(d.delay('a', 150), Math.ceil(COST_FACTOR * 8));
  d.forget('a');
  assert.equal(d.delay('a', 150), 150);
});
