// The V8 code cache the Node server loads its bundles through (server/src/io/code-cache.ts, dist/server.js): written
// after the first work, used by the next start, and ignored, with the bundle loaded from source, whenever it is
// missing, rejected by V8, corrupt, in a directory it cannot write or in one others may write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { codeCacheDir, CODE_CACHE_DIR_ENV } from '../../../server/src/io/code-cache';
import { saveWhenQuiet } from '../../../server/src/lsp/node';

const DRIVER = join(__dirname, '..', '..', 'helpers', 'code-cache-driver.ts');

interface Outcome {
  value: number;
  where: string;
  use: string[];
  written: string[];
  logs: string[];
}

/** Loads `file` through a cache in `dir` in a fresh process (`save`: then writes the cache). */
function run(dir: string, file: string, save = false): Outcome {
  const r = spawnSync(process.execPath, ['--import', 'tsx', DRIVER, dir, file, save ? 'save' : ''], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Outcome;
}

/** A bundle: CommonJS, with enough functions that V8 has something to cache. */
function bundle(root: string, name: string, value: number): string {
  const file = join(root, name);
  const fns = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${value}; }`).join('\n');
  writeFileSync(file, `${fns}\nlet s = 0; for (let i = 0; i < 50; i++) s += eval('f' + i)(1) * 0;\nexports.value = ${value} + s;\nexports.where = __dirname;\n`);
  return file;
}

/** Runs `fn` with a fresh folder (`root`) and a cache folder in it that does not exist yet (`cacheDir`). */
function inFolder(fn: (f: { root: string; cacheDir: string }) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-code-cache-'));
  try {
    fn({ root, cacheDir: join(root, 'cache') });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.cache'));

test('the first start compiles from source and writes the cache; the next start uses it', () =>
  inFolder((f) => {
    const file = bundle(f.root, 'server-core.js', 7);
    const first = run(f.cacheDir, file, true);
    assert.deepEqual([first.value, first.where, first.use], [7, dirname(file), ['absent']]);
    assert.equal(first.written.length, 1);
    assert.deepEqual(cacheFiles(f.cacheDir), [first.written[0]!.slice(f.cacheDir.length + 1)]);
    const next = run(f.cacheDir, file, true);
    assert.deepEqual([next.value, next.use, next.written], [7, ['used'], []]); // nothing to write again
  }));

test('a changed bundle gets its own cache, and the old one is removed', () =>
  inFolder((f) => {
    const file = bundle(f.root, 'server-core.js', 7);
    const old = run(f.cacheDir, file, true).written[0]!;
    bundle(f.root, 'server-core.js', 8);
    const changed = run(f.cacheDir, file, true);
    assert.deepEqual([changed.value, changed.use], [8, ['absent']]);
    assert.notEqual(changed.written[0], old);
    assert.deepEqual(cacheFiles(f.cacheDir), [changed.written[0]!.slice(f.cacheDir.length + 1)]);
  }));

test('a cache V8 rejects (made for other code) is ignored and replaced', () =>
  inFolder((f) => {
    const other = bundle(f.root, 'other.js', 1234567);
    const file = bundle(f.root, 'server-core.js', 7);
    const mine = run(f.cacheDir, file, true).written[0]!;
    const foreign = run(f.cacheDir, other, true).written[0]!;
    writeFileSync(mine, readFileSync(foreign)); // a whole, checksummed file, but V8's data for another script
    const rejected = run(f.cacheDir, file, true);
    assert.deepEqual([rejected.value, rejected.use, rejected.written], [7, ['rejected'], [mine]]);
    assert.deepEqual(run(f.cacheDir, file).use, ['used']);
  }));

test('a corrupt or truncated cache file is ignored and replaced', () =>
  inFolder((f) => {
    const file = bundle(f.root, 'server-core.js', 7);
    const cache = run(f.cacheDir, file, true).written[0]!;
    const data = readFileSync(cache);
    data[data.length - 10] ^= 0xff;
    writeFileSync(cache, data);
    const corrupt = run(f.cacheDir, file, true);
    assert.deepEqual([corrupt.value, corrupt.use, corrupt.written], [7, ['corrupt'], [cache]]);
    writeFileSync(cache, readFileSync(cache).subarray(0, 30));
    assert.deepEqual(run(f.cacheDir, file).use, ['corrupt']);
    writeFileSync(cache, 'not a cache');
    assert.deepEqual(run(f.cacheDir, file).use, ['corrupt']);
  }));

test('a cache directory that cannot be made or written is ignored: the bundle loads, save writes nothing', () =>
  inFolder((f) => {
    const file = bundle(f.root, 'server-core.js', 7);
    writeFileSync(join(f.root, 'a-file'), '');
    const r = run(join(f.root, 'a-file', 'cache'), file, true);
    assert.deepEqual([r.value, r.use, r.written], [7, ['absent'], []]);
    assert.match(r.logs.join('\n'), /writing .* failed/);
  }));

test('a cache directory others may write is not read from (its code would run in the server)', { skip: typeof process.getuid !== 'function' }, () =>
  inFolder((f) => {
    const file = bundle(f.root, 'server-core.js', 7);
    run(f.cacheDir, file, true);
    chmodSync(f.cacheDir, 0o777);
    const r = run(f.cacheDir, file, true);
    assert.deepEqual([r.value, r.use, r.written], [7, ['off'], []]);
    assert.match(r.logs.join('\n'), /not a private directory/);
  }));

test('a cache directory that is a symbolic link is not used', { skip: process.platform === 'win32' }, () =>
  inFolder((f) => {
    const file = bundle(f.root, 'server-core.js', 7);
    mkdirSync(join(f.root, 'elsewhere'), { mode: 0o700 });
    symlinkSync(join(f.root, 'elsewhere'), f.cacheDir);
    const r = run(f.cacheDir, file, true);
    assert.deepEqual([r.value, r.use, r.written], [7, ['off'], []]);
    assert.deepEqual(readdirSync(join(f.root, 'elsewhere')), []);
  }));

test('a bundle with a #! line loads through the cache', () =>
  inFolder((f) => {
    const file = join(f.root, 'cli.js');
    writeFileSync(file, '#!/usr/bin/env node\nexports.value = 3;\n');
    const r = run(f.cacheDir, file, true);
    assert.deepEqual([r.value, r.use, r.written.length], [3, ['absent'], 1]);
  }));

test('the cache is written once the server went quiet after a publication, or at exit, and only once', async () => {
  let saves = 0;
  const sent: unknown[] = [];
  const connection = { sendDiagnostics: async (p: unknown) => void sent.push(p) } as unknown as Connection;
  saveWhenQuiet(connection, () => saves++, 20);
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(saves, 0); // nothing published yet: the first lint's code is not compiled
  await connection.sendDiagnostics({ uri: 'file:///a.yaml', diagnostics: [] });
  await new Promise((r) => setTimeout(r, 10));
  await connection.sendDiagnostics({ uri: 'file:///a.yaml', diagnostics: [] });
  assert.equal(saves, 0); // still publishing
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(saves, 1);
  await connection.sendDiagnostics({ uri: 'file:///b.yaml', diagnostics: [] });
  await new Promise((r) => setTimeout(r, 60));
  process.emit('exit', 0);
  assert.equal(saves, 1);
  assert.equal(sent.length, 3);
  // At exit, after a publication, before the quiet time: saved then; before any publication: not at all.
  let atExit = 0;
  const other = { sendDiagnostics: async () => undefined } as unknown as Connection;
  saveWhenQuiet(other, () => atExit++, 60_000);
  process.emit('exit', 0);
  assert.equal(atExit, 0);
  await other.sendDiagnostics({ uri: 'file:///c.yaml', diagnostics: [] });
  process.emit('exit', 0);
  assert.equal(atExit, 1);
});

test('without a directory the bundle is required as usual', () =>
  inFolder((f) => {
    const r = run('-', bundle(f.root, 'server-core.js', 7), true);
    assert.deepEqual([r.value, r.use, r.written], [7, ['off'], []]);
  }));

test('the cache directory: the environment variable, `off`, else a per-user folder of the temporary directory', () => {
  assert.equal(codeCacheDir({ [CODE_CACHE_DIR_ENV]: '/x/code-cache' }, '1.2.3'), '/x/code-cache');
  assert.equal(codeCacheDir({ [CODE_CACHE_DIR_ENV]: 'off' }, '1.2.3'), undefined);
  const dir = codeCacheDir({}, '1.2.3')!;
  assert.equal(dirname(dir), tmpdir());
  assert.match(dir, /shipshape-1\.2\.3/);
});
