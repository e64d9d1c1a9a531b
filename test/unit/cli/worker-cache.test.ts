// The scan's lint workers load their bundle (dist/cli-worker-core.js) and the schema validators through the V8 code
// cache (server/src/cli/pool/worker-cache.ts, io/code-cache.ts): in a private per-user folder, created 0700; a folder
// others may write, or a symbolic link, is not used; a corrupt cache, one V8 rejects, or a folder that cannot be
// created means a plain load; SHIPSHAPE_CODE_CACHE_DIR=off turns it off. In every case the report is the one of
// --jobs 1, byte for byte, and the scan never fails because of the cache.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerCodeCacheDir } from '../../../server/src/cli/pool/worker-cache';
import { assertBuilt, runCli } from './helpers';

const TREE = 'test/fixtures/cli-jobs';
const MAGIC = 'shipshape-v8-cache-1\n';
/** The pool even for the small fixture tree. */
const POOL = { SHIPSHAPE_TEST_POOL: 'minBytes=0' };

let tmp: string;
let single: { stdout: string; status: number | null };
before(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'shipshape-worker-cache-'));
  single = runCli(['scan', TREE, '--format', 'json', '--jobs', '1'], { env: { SHIPSHAPE_CODE_CACHE_DIR: 'off' } });
  assert.equal(single.status, 1);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A --jobs 2 scan with this environment (no cache folder in the test runner's home: XDG_CACHE_HOME in tmp). */
function pooled(env: Record<string, string>): void {
  // SHIPSHAPE_CODE_CACHE_DIR empty (as unset): runCli's default test folder does not apply.
  const r = runCli(['scan', TREE, '--format', 'json', '--jobs', '2'], { env: { SHIPSHAPE_CODE_CACHE_DIR: '', XDG_CACHE_HOME: join(tmp, 'unused-xdg'), ...POOL, ...env } });
  assert.equal(r.stderr, '');
  assert.equal(r.status, single.status);
  assert.equal(r.stdout, single.stdout);
}

const caches = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.cache')).sort() : []);
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

test('the folder: SHIPSHAPE_CODE_CACHE_DIR (off: none), else $XDG_CACHE_HOME/shipshape, else ~/.cache/shipshape', () => {
  const home = () => '/home/u';
  assert.equal(workerCodeCacheDir({ SHIPSHAPE_CODE_CACHE_DIR: 'off', XDG_CACHE_HOME: '/x' }, 'linux', home), undefined);
  assert.equal(workerCodeCacheDir({ SHIPSHAPE_CODE_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }, 'linux', home), '/c');
  assert.equal(workerCodeCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', home), join('/x', 'shipshape'));
  assert.equal(workerCodeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', home), join('/home/u', '.cache', 'shipshape'), 'a relative XDG_CACHE_HOME is ignored');
  assert.equal(workerCodeCacheDir({}, 'darwin', home), join('/home/u', '.cache', 'shipshape'));
  assert.equal(workerCodeCacheDir({}, 'linux', () => ''), undefined, 'no home folder');
  assert.equal(
    workerCodeCacheDir({}, 'linux', () => {
      throw new Error('no passwd entry');
    }),
    undefined,
  );
  if (process.platform === 'win32') assert.equal(workerCodeCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', home), join('C:\\Users\\u\\AppData\\Local', 'shipshape', 'cache'));
});

test('a first scan writes the cache into a new 0700 folder; the next scan uses it (it is not written again)', () => {
  const xdg = join(tmp, 'xdg');
  const dir = join(xdg, 'shipshape');
  pooled({ XDG_CACHE_HOME: xdg });
  const files = caches(dir);
  assert.deepEqual(
    files.map((n) => n.replace(/-[0-9a-f]{32}\.cache$/, '')),
    ['cli-worker-core', 'kube-validators'],
  );
  if (process.platform !== 'win32') {
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const n of files) assert.equal(statSync(join(dir, n)).mode & 0o777, 0o600);
  }
  for (const n of files) assert.equal(readFileSync(join(dir, n)).subarray(0, MAGIC.length).toString(), MAGIC);
  const before = files.map((n) => [sha(join(dir, n)), statSync(join(dir, n)).mtimeMs]);
  pooled({ XDG_CACHE_HOME: xdg });
  // A cache that was not used (absent, corrupt, rejected by V8) is written again at the end of the scan.
  assert.deepEqual(caches(dir), files);
  assert.deepEqual(
    files.map((n) => [sha(join(dir, n)), statSync(join(dir, n)).mtimeMs]),
    before,
  );
});

test('a corrupt cache (a bad checksum, or code V8 rejects) means a plain load, and is written again', () => {
  const dir = join(tmp, 'corrupt');
  pooled({ SHIPSHAPE_CODE_CACHE_DIR: dir });
  const [core] = caches(dir).filter((n) => n.startsWith('cli-worker-core-'));
  assert.ok(core);
  const file = join(dir, core);
  const good = readFileSync(file);
  const garbage = Buffer.from('not bytecode at all, '.repeat(100));
  for (const bad of [Buffer.concat([good.subarray(0, 100), Buffer.alloc(200, 7)]), Buffer.concat([Buffer.from(MAGIC), createHash('sha256').update(garbage).digest(), garbage])]) {
    writeFileSync(file, bad);
    pooled({ SHIPSHAPE_CODE_CACHE_DIR: dir });
    const now = readFileSync(file);
    assert.ok(!now.equals(bad), 'written again');
    assert.equal(now.subarray(0, MAGIC.length).toString(), MAGIC);
  }
});

test('a folder others may write, or a symbolic link, is not used: a plain load, nothing written', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  const open = join(tmp, 'open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  pooled({ SHIPSHAPE_CODE_CACHE_DIR: open });
  assert.deepEqual(readdirSync(open), []);

  const target = join(tmp, 'target');
  mkdirSync(target, { mode: 0o700 });
  const link = join(tmp, 'link');
  symlinkSync(target, link);
  pooled({ SHIPSHAPE_CODE_CACHE_DIR: link });
  assert.deepEqual(readdirSync(target), []);
  assert.ok(lstatSync(link).isSymbolicLink());

  // A cache a hostile folder holds is not read either: a good cache, moved into a folder others may write, is left as it is.
  const good = join(tmp, 'good');
  pooled({ SHIPSHAPE_CODE_CACHE_DIR: good });
  chmodSync(good, 0o777);
  const sums = caches(good).map((n) => sha(join(good, n)));
  pooled({ SHIPSHAPE_CODE_CACHE_DIR: good });
  assert.deepEqual(
    caches(good).map((n) => sha(join(good, n))),
    sums,
  );
});

test('SHIPSHAPE_CODE_CACHE_DIR=off: no folder is created; a folder that cannot be created: the scan runs as ever', () => {
  const xdg = join(tmp, 'off-xdg');
  pooled({ XDG_CACHE_HOME: xdg, SHIPSHAPE_CODE_CACHE_DIR: 'off' });
  assert.equal(existsSync(xdg), false);

  const file = join(tmp, 'a-file');
  writeFileSync(file, 'not a folder');
  pooled({ XDG_CACHE_HOME: file });
  pooled({ SHIPSHAPE_CODE_CACHE_DIR: join(file, 'below') });
  assert.equal(readFileSync(file, 'utf8'), 'not a folder');
});
