// Issue 17: the extension host bundle held almost the whole engine (1.1 MB). The client now reaches the
// engine only through the language server: its minified bundle holds nothing of server/ and stays within
// 450 KB (the language client library alone is about 360 KB). The same holds for the browser build's client
// (client/src/web/extension.ts, vscode.dev and github.dev), which holds no Node module either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

async function checkClientBundle(entry: string, platform: 'node' | 'browser', outfile: string): Promise<{ inputs: string[]; code: string }> {
  const r = await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform,
    ...(platform === 'node' ? { target: 'node20' } : {}),
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
  assert.ok(size <= 450 * 1024, `${outfile} would be ${Math.round(size / 1024)} KB`);
  return { inputs, code: r.outputFiles[0]!.text };
}

test('the minified client bundle holds nothing of server/ and is at most 450 KB', async () => {
  await checkClientBundle('client/src/extension.ts', 'node', 'dist/extension.js');
});

test('the minified browser client bundle holds nothing of server/, the kubeconfig explorer or Node, and is at most 450 KB', async () => {
  const { inputs, code } = await checkClientBundle('client/src/web/extension.ts', 'browser', 'dist/web/extension.js');
  assert.deepEqual(inputs.filter((p) => p.includes('/kubeconfig/explorer') || p.startsWith('shared/io/')), []);
  assert.doesNotMatch(code, /require\("(?:node:)?(?:fs|path|child_process|os|net)"\)/);
});
