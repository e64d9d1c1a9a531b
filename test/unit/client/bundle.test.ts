// Issue 17: the extension host bundle held almost the whole engine (1.1 MB). The client now reaches the
// engine only through the language server: its minified bundle holds nothing of server/ and stays within
// 450 KB (the language client library alone is about 360 KB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

test('the minified client bundle holds nothing of server/ and is at most 450 KB', async () => {
  const r = await esbuild.build({
    entryPoints: [join(ROOT, 'client', 'src', 'extension.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    external: ['vscode'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(r.metafile.inputs);
  assert.ok(inputs.some((p) => p.startsWith('client/src/')), inputs.slice(0, 5).join(', '));
  assert.deepEqual(inputs.filter((p) => p.startsWith('server/') || p.includes('node_modules/yaml/') || p.includes('node_modules/ajv/')), []);
  const size = r.outputFiles[0]!.contents.length;
  assert.ok(size <= 450 * 1024, `dist/extension.js would be ${Math.round(size / 1024)} KB`);
});
