// No export of client/src, server/src or shared/ that nothing uses (scripts/dead-exports.ts, a ts-prune-like check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadExports } from '../../../scripts/dead-exports';

test('no export of client/src, server/src or shared/ is dead (imported nowhere, used nowhere in its own file)', { timeout: 120_000 }, () => {
  assert.deepEqual(deadExports(), []);
});

test('the check finds a dead export, and not one that is imported, used in its file, or re-exported', () => {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-dead-'));
  try {
    mkdirSync(join(root, 'server/src'), { recursive: true });
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler' }, include: ['server/src'] }));
    writeFileSync(
      join(root, 'server/src/lib.ts'),
      'export function used(): number { return 1; }\nexport function dead(): number { return 2; }\nexport type DeadType = string;\nexport const local = 3;\nexport const viaIndex = 4;\nconst x = local;\nvoid x;\n',
    );
    writeFileSync(join(root, 'server/src/index.ts'), "export { viaIndex } from './lib';\n");
    writeFileSync(join(root, 'server/src/app.ts'), "import { used } from './lib';\nimport { viaIndex } from './index';\nvoid used, viaIndex;\n");
    assert.deepEqual(deadExports(root), ['server/src/lib.ts:2 dead', 'server/src/lib.ts:3 DeadType']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
