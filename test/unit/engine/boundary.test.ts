// The engine is pure: nothing under server/src/engine may import the editor or LSP libraries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ENGINE = join(__dirname, '..', '..', '..', 'server', 'src', 'engine');
const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|vscode-jsonrpc[^'"]*)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('engine sources exist', () => {
  assert.ok(files(ENGINE).length > 10);
});

test('no engine file imports vscode or an LSP package', () => {
  const offenders = files(ENGINE).filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the forbidden-import pattern catches each import form', () => {
  for (const s of [`import * as vscode from 'vscode';`, `import { Diagnostic } from "vscode-languageserver/node";`, `const x = require('vscode-languageclient');`, `await import('vscode-jsonrpc')`]) {
    assert.ok(FORBIDDEN.test(s), s);
  }
  assert.ok(!FORBIDDEN.test(`import { parse } from 'yaml';`));
});
