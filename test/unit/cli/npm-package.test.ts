// The CLI as an npm package (issue 23): `npm run pack:cli` makes a tarball whose bin runs on
// Node 20 with no dependencies, and `npx <tarball> scan .` works in an empty folder offline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'shipshape-npm-package-'));
let tarball: string;
after(() => rmSync(tmp, { recursive: true, force: true }));

before(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-cli.mjs'), '--pack-destination', join(tmp, 'out')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  tarball = r.stdout.trim();
  mkdirSync(join(tmp, 'x'));
  const x = spawnSync('tar', ['-xzf', tarball, '-C', join(tmp, 'x')], { encoding: 'utf8' });
  assert.equal(x.status, 0, x.stderr);
});

/** A child environment without this checkout's npm settings, offline, with an empty npm cache of its own. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  return { ...env, npm_config_offline: 'true', npm_config_cache: join(tmp, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)).map((p) => `${n}/${p}`) : [n]));
}

test('the package holds one bundled bin, its lint worker bundle, its build-time schema validators and its documents, and depends on nothing', () => {
  const pkg = JSON.parse(readFileSync(join(tmp, 'x', 'package', 'package.json'), 'utf8'));
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.version, root.version);
  assert.deepEqual(pkg.bin, { shipshape: 'dist/cli.js' });
  assert.equal(pkg.engines.node, '>=20');
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'main', 'contributes']) assert.equal(pkg[key], undefined, key);
  const files = walk(join(tmp, 'x', 'package'));
  const other = files.filter((f) => !/^docs\/rules\/[a-z0-9-]+\.md$/.test(f));
  assert.deepEqual(other.sort(), ['LICENSE', 'README.md', 'dist/cli-worker-core.js', 'dist/cli-worker.js', 'dist/cli.js', 'dist/kube-validators.js', 'package.json', 'schemas/shipshape-report.schema.json']);
  const bin = readFileSync(join(tmp, 'x', 'package', 'dist', 'cli.js'), 'utf8');
  assert.ok(bin.startsWith('#!/usr/bin/env node\n'));
  assert.ok(!bin.includes('sourceMappingURL'), 'no source map reference');
  assert.ok(!/\brequire\("(?!node:)(?:ajv|yaml|picomatch|dockerfile-ast|vscode[^"]*)"\)/.test(bin), 'no runtime require of a dependency');
  assert.ok(statSync(tarball).size < 1024 * 1024, `the tarball is small (${statSync(tarball).size} bytes)`);
});

test('the extracted bin runs with no node_modules anywhere above it', () => {
  const work = join(tmp, 'scan-here');
  mkdirSync(work);
  copyFileSync(join(ROOT, 'examples', 'insecure', 'pod.yaml'), join(work, 'pod.yaml'));
  const r = spawnSync(process.execPath, [join(tmp, 'x', 'package', 'dist', 'cli.js'), 'scan', '.', '--fail-on', 'error'], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^pod\.yaml:\d+:\d+ error privileged-container /m);
});

test('npx <tarball> scan . in an empty folder, offline', () => {
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  const npx = (args: string[]) => spawnSync('npx', ['--yes', `file:${tarball}`, ...args], { cwd: empty, env: offlineEnv(), encoding: 'utf8', shell: process.platform === 'win32' });
  const clean = npx(['scan', '.']);
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, '0 errors, 0 warnings, 0 info in 0 files\n');
  copyFileSync(join(ROOT, 'examples', 'insecure', 'deployment.yaml'), join(empty, 'deployment.yaml'));
  const dirty = npx(['scan', '.']);
  assert.equal(dirty.status, 1, dirty.stderr);
  assert.match(dirty.stdout, /^deployment\.yaml:\d+:\d+ (?:error|warning) /m);
  assert.deepEqual(readdirSync(empty), ['deployment.yaml'], 'nothing installed into the folder');
});

test('the packed bin lints on worker threads (started from the packed lint worker bundle): the same report as --jobs 1', () => {
  const work = join(tmp, 'pool');
  mkdirSync(work);
  const docs = readdirSync(join(ROOT, 'examples', 'insecure'))
    .sort()
    .map((n) => readFileSync(join(ROOT, 'examples', 'insecure', n), 'utf8'))
    .join('\n---\n');
  // Over the pool's 1 MB threshold (server/src/cli/pool/plan.ts), in files of about 50 KB.
  for (let i = 0; i < 24; i++) writeFileSync(join(work, `app-${String(i).padStart(2, '0')}.yaml`), docs);
  const bin = join(tmp, 'x', 'package', 'dist', 'cli.js');
  // --cpu-prof writes one profile per thread: the threads that ran are counted, not guessed.
  const scan = (jobs: string, profiles: string) =>
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, bin, 'scan', '.', '--format', 'json', '--jobs', jobs], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  const one = scan('1', join(tmp, 'prof-1'));
  const two = scan('3', join(tmp, 'prof-2'));
  assert.equal(one.status, 1, one.stderr);
  assert.equal(two.status, 1, two.stderr);
  assert.equal(two.stderr, '');
  assert.equal(two.stdout, one.stdout);
  assert.equal(JSON.parse(one.stdout).files.length, 24);
  assert.equal(readdirSync(join(tmp, 'prof-1')).length, 1, 'one thread');
  assert.equal(readdirSync(join(tmp, 'prof-2')).length, 3, 'the main thread and two workers (--jobs 3)');
});
