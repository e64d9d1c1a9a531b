// Per-URI debounce and cancellation, driven by mocked timers (no sleeps).
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler, type CancelToken } from '../../../server/src/lsp/scheduler';

function setup() {
  mock.timers.enable({ apis: ['setTimeout'] });
  const runs: string[] = [];
  const errors: string[] = [];
  const s = new Scheduler(
    (uri) => void runs.push(uri),
    (uri, e) => errors.push(`${uri}: ${(e as Error).message}`),
  );
  return { s, runs, errors };
}

test('edits within the debounce window coalesce into one run per URI', (t) => {
  t.after(() => mock.timers.reset());
  const { s, runs } = setup();
  s.schedule('a', 150);
  mock.timers.tick(100);
  s.schedule('a', 150);
  s.schedule('b', 150);
  mock.timers.tick(100);
  assert.deepEqual(runs, []);
  assert.ok(s.isPending('a'));
  mock.timers.tick(50);
  assert.deepEqual(runs, ['a', 'b']);
});

test('cancel drops the pending run', (t) => {
  t.after(() => mock.timers.reset());
  const { s, runs } = setup();
  s.schedule('a', 10);
  s.cancel('a');
  assert.equal(s.isPending('a'), false);
  mock.timers.tick(20);
  assert.deepEqual(runs, []);
});

test('rescheduling cancels a run that is already in flight', async () => {
  const tokens: CancelToken[] = [];
  const releases: (() => void)[] = [];
  const finished: boolean[] = [];
  let started!: () => void;
  let startedP = new Promise<void>((r) => (started = r));
  const s = new Scheduler(
    async (_uri, token) => {
      tokens.push(token);
      started();
      await new Promise<void>((r) => releases.push(r));
      finished.push(token.cancelled);
    },
    () => assert.fail('no error expected'),
  );
  s.schedule('a', 0);
  await startedP;
  startedP = new Promise<void>((r) => (started = r));
  s.schedule('a', 0);
  assert.equal(tokens[0]!.cancelled, true);
  await startedP;
  assert.equal(tokens[1]!.cancelled, false);
  releases[0]!();
  releases[1]!();
  await new Promise<void>((r) => setImmediate(r));
  assert.deepEqual(finished, [true, false]);
  assert.equal(s.isPending('a'), false);
});

test('a throwing job is reported and the URI can be scheduled again', (t) => {
  t.after(() => mock.timers.reset());
  mock.timers.enable({ apis: ['setTimeout'] });
  const errors: string[] = [];
  let n = 0;
  const s = new Scheduler(
    () => {
      n++;
      if (n === 1) throw new Error('boom');
    },
    (uri, e) => errors.push(`${uri}: ${(e as Error).message}`),
  );
  s.schedule('a', 0);
  mock.timers.tick(0);
  return Promise.resolve().then(() => {
    assert.deepEqual(errors, ['a: boom']);
    s.schedule('a', 0);
    mock.timers.tick(0);
    assert.equal(n, 2);
  });
});

test('dispose cancels everything', (t) => {
  t.after(() => mock.timers.reset());
  const { s, runs } = setup();
  s.schedule('a', 5);
  s.schedule('b', 5);
  s.dispose();
  mock.timers.tick(10);
  assert.deepEqual(runs, []);
});
