// The package boundaries (issue 17): client, server, engine and shared are separate TypeScript projects
// (tsconfig.json at the root lists them), so an import across a boundary fails `npm run typecheck` and
// the build. The compiler tests put probe files into temporary projects that extend the real ones and
// assert which probes fail; the text scans keep the rules visible and catch what tsc's path mapping
// does not list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const ENGINE = join(ROOT, 'server', 'src', 'engine');
const CLIENT = join(ROOT, 'client', 'src');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|vscode-jsonrpc[^'"]*)['"]/;
const NODE_IMPORT = /(?:from\s+|import\s+|import\s*\(\s*|require\s*\(\s*)['"](node:[^'"]+|fs|path|os|url|crypto|child_process|util|process|buffer|stream|events|worker_threads)['"]/;
const SPECIFIERS = /(?:from\s+|import\s+|import\s*\(\s*)['"]([^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file, resolved to paths relative to the repository root. */
function relativeImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIERS)].map((m) => m[1]!).filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(dirname(file), s)).split(sep).join('/'));
}

test('engine sources exist', () => {
  assert.ok(files(ENGINE).length > 10);
});

test('no engine file imports vscode or an LSP package', () => {
  const offenders = files(ENGINE).filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('no engine file imports a Node module', () => {
  const offenders = files(ENGINE).filter((f) => NODE_IMPORT.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the engine imports nothing of the repository outside itself but shared/kubeconfig', () => {
  const outside = files(ENGINE).flatMap((f) => relativeImports(f).filter((p) => !p.startsWith('server/src/engine/') && !p.startsWith('shared/kubeconfig/') && !p.startsWith('schemas/')).map((p) => `${relative(ROOT, f)} -> ${p}`));
  assert.deepEqual(outside, []);
});

test('the client imports only itself and shared/', () => {
  const outside = files(CLIENT).flatMap((f) => relativeImports(f).filter((p) => !p.startsWith('client/src/') && !p.startsWith('shared/')).map((p) => `${relative(ROOT, f)} -> ${p}`));
  assert.deepEqual(outside, []);
});

test('the forbidden-import patterns catch each import form', () => {
  for (const s of [`import * as vscode from 'vscode';`, `import { Diagnostic } from "vscode-languageserver/node";`, `const x = require('vscode-languageclient');`, `await import('vscode-jsonrpc')`]) {
    assert.ok(FORBIDDEN.test(s), s);
  }
  assert.ok(!FORBIDDEN.test(`import { parse } from 'yaml';`));
  for (const s of [`import { readFileSync } from 'node:fs';`, `import * as path from "path";`, `import 'node:process';`, `await import('node:os')`]) assert.ok(NODE_IMPORT.test(s), s);
  assert.ok(!NODE_IMPORT.test(`import { pathOf } from './path';`));
  assert.deepEqual(relativeImports(join(CLIENT, 'kubeconfig', 'explorer.ts')).filter((p) => p.startsWith('shared/')).length > 0, true);
});

/**
 * Compile `probes` (file name -> source) as part of a temporary project that extends the real
 * `project` and includes its sources, and return the probes tsc reported errors in.
 */
function probe(project: string, sources: string[], references: string[], probes: Record<string, string>): { failed: string[]; output: string } {
  // Inside the repository (packages resolve from its node_modules), under the build output no project includes.
  mkdirSync(join(ROOT, '.tsbuild'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tsbuild', 'boundary-probe-'));
  try {
    for (const [name, text] of Object.entries(probes)) writeFileSync(join(dir, name), text);
    const tsconfig = {
      extends: join(ROOT, project, 'tsconfig.json'),
      compilerOptions: { rootDir: '/', outDir: join(dir, 'out') },
      include: [...Object.keys(probes), ...sources.map((s) => join(ROOT, s))],
      references: references.map((r) => ({ path: join(ROOT, r) })),
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    // The references' declarations must exist (tsc -b builds them, up to date in a moment).
    const built = spawnSync(process.execPath, [TSC, '-b', ...references.map((r) => join(ROOT, r))], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const r = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    const output = r.stdout + r.stderr;
    return { failed: Object.keys(probes).filter((name) => output.split('\n').some((l) => l.includes(`/${name}(`))), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = (...p: string[]): string => JSON.stringify(join(ROOT, ...p));

test('tsc rejects vscode, LSP, Node and server imports in the engine', () => {
  const { failed, output } = probe('server/src/engine', ['server/src/engine', 'schemas/kubernetes/bundle.json'], ['shared/kubeconfig'], {
    'ok.ts': `import { parse } from 'yaml';\nimport { LineIndex } from ${at('server/src/engine/text')};\nimport type { TlsMode } from ${at('shared/kubeconfig/model')};\nexport const x: [unknown, unknown, TlsMode] = [parse, LineIndex, 'verified'];\n`,
    'vscode.ts': `import * as vscode from 'vscode';\nexport const x = vscode;\n`,
    'lsp.ts': `import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;\n`,
    'node-fs.ts': `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`,
    'fs.ts': `import * as fs from 'fs';\nexport const x = fs;\n`,
    'process.ts': `export const x = process.env;\n`,
    'server.ts': `import { SECTION } from ${at('server/src/lsp/settings')};\nexport const x = SECTION;\n`,
    'shared-io.ts': `import { readForEdit } from ${at('shared/io/atomic-write')};\nexport const x = readForEdit;\n`,
  });
  assert.deepEqual(failed.sort(), ['fs.ts', 'lsp.ts', 'node-fs.ts', 'process.ts', 'server.ts', 'shared-io.ts', 'vscode.ts'], output);
});

test('tsc rejects server and engine imports in the client', () => {
  const { failed, output } = probe('client', ['client/src'], ['shared/kubeconfig', 'shared/io'], {
    'ok.ts': `import * as vscode from 'vscode';\nimport { readKubeconfigFiles } from ${at('shared/io/kubeconfig-files')};\nexport const x = [vscode, readKubeconfigFiles];\n`,
    'engine.ts': `import { LineIndex } from ${at('server/src/engine/text')};\nexport const x = LineIndex;\n`,
    'cli.ts': `import { loadKubeconfig } from ${at('server/src/cli/kubeconfig-io')};\nexport const x = loadKubeconfig;\n`,
  });
  assert.deepEqual(failed.sort(), ['cli.ts', 'engine.ts'], output);
});

test('tsc rejects the editor API in the server', () => {
  const { failed, output } = probe('server', ['server/src/lsp', 'server/src/cli', 'package.json'], ['server/src/engine', 'shared/kubeconfig', 'shared/io'], {
    'ok.ts': `import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;\n`,
    'vscode.ts': `import * as vscode from 'vscode';\nexport const x = vscode;\n`,
    'client.ts': `import { LanguageClient } from 'vscode-languageclient/node';\nexport const x = LanguageClient;\n`,
  });
  assert.deepEqual(failed.sort(), ['client.ts', 'vscode.ts'], output);
});
