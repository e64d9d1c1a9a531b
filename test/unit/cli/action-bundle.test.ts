// The GitHub Action runs action/dist/index.js from the repository at a ref, so that bundle is
// committed; it must be what `npm run build:action` makes from the sources of this commit.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers';

const out = mkdtempSync(join(tmpdir(), 'shipshape-action-bundle-'));
after(() => rmSync(out, { recursive: true, force: true }));

test('action.yml runs the committed bundle on node20', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.deepEqual(action.runs, { using: 'node20', main: 'action/dist/index.js' });
  assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'profile', 'fail-on', 'config', 'sarif-file']);
  assert.deepEqual(Object.keys(action.outputs), ['errors', 'warnings', 'info', 'total', 'sarif-file']);
  const tracked = spawnSync('git', ['ls-files', '--error-unmatch', 'action/dist/index.js'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(tracked.status, 0, 'action/dist/index.js is committed (git ls-files)');
});

test('action/dist/index.js is up to date with the sources (else: npm run build:action, and commit it)', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--only', 'action', '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const fresh = readFileSync(join(out, 'action.js'), 'utf8');
  const committed = readFileSync(join(ROOT, 'action', 'dist', 'index.js'), 'utf8');
  assert.ok(fresh === committed, `action/dist/index.js is stale (${committed.length} bytes, a fresh build has ${fresh.length}): run 'npm run build:action' and commit action/dist/index.js`);
  assert.ok(!committed.includes(ROOT), 'the bundle holds no path of the machine that built it');
});
