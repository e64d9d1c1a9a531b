// Test-only seams must not ship (issue 17): the production bundles (`node scripts/build.mjs --production`, what
// the .vsix carries) hold none of them, while the development bundles the other tests run still do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const BUNDLES = ['extension.js', 'server.js', 'server-core.js', 'cli.js', 'web/extension.js', 'web/server.js'];
/** Text that only the seams put into a bundle: the fault rule's switch, id and title, the fix hook, the scan counter's use. */
const SEAM_MARKERS = ['SHIPSHAPE_TEST_FAULT', 'test-fault', 'Test rule that throws', 'beforeWrite', 'SHIPSHAPE_TEST_SEAMS'];

function build(production: boolean): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), 'shipshape-seams-'));
  try {
    const args = ['scripts/build.mjs', '--outdir', out, ...(production ? ['--production'] : [])];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    return new Map(BUNDLES.map((b) => [b, readFileSync(join(out, b), 'utf8')]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('the production bundles carry no test seam', { timeout: 240_000 }, () => {
  for (const [bundle, code] of build(true)) {
    for (const marker of SEAM_MARKERS) assert.ok(!code.includes(marker), `${bundle} contains ${marker}`);
  }
});

test('the development bundles keep the seams the protocol and CLI tests use (so the grep above looks at the right text)', { timeout: 240_000 }, () => {
  const bundles = build(false);
  for (const bundle of ['server-core.js', 'cli.js', 'web/server.js']) {
    const code = bundles.get(bundle)!;
    for (const marker of ['SHIPSHAPE_TEST_FAULT', 'test-fault']) assert.ok(code.includes(marker), `${bundle} lacks ${marker}`);
  }
  assert.ok(bundles.get('cli.js')!.includes('beforeWrite'));
});
