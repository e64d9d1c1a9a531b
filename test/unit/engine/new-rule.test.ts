// `npm run new-rule -- <id>` (scripts/new-rule.ts): in a temporary copy of the project it creates a rule that is
// registered and documented, with tests that fail until they are filled in; --dry-run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../../..');
const ID = 'scaffolded-check';

function newRule(args: readonly string[], cwd = ROOT) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/new-rule.ts'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

test('--dry-run lists the four files and writes none', () => {
  const index = readFileSync(join(ROOT, 'server/src/engine/rules/hardening/index.ts'), 'utf8');
  const r = newRule([ID, '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    `would create server/src/engine/rules/hardening/${ID}.ts`,
    'would change server/src/engine/rules/hardening/index.ts',
    `would create docs/rules/${ID}.md`,
    `would create test/unit/rules/${ID}.test.ts`,
  ]);
  assert.ok(!existsSync(join(ROOT, `docs/rules/${ID}.md`)));
  assert.equal(readFileSync(join(ROOT, 'server/src/engine/rules/hardening/index.ts'), 'utf8'), index);
});

test('bad input: exit status 2 and a message', () => {
  for (const [args, message] of [
    [['Not_Kebab'], /kebab-case/],
    [['host-ipc', '--folder', 'baseline'], /host-ipc\.ts already exists/],
    [[ID, '--folder', 'nowhere'], /unknown folder "nowhere"/],
    [[], /usage: npm run new-rule/],
  ] as const) {
    const r = newRule([...args, '--dry-run']);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('in a copy of the project: registered, compiled, documented by the generators, and its tests fail until filled in', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-new-rule-'));
  try {
    for (const p of ['server/src', 'test/helpers', 'docs', 'schemas', 'scripts', 'package.json', 'tsconfig.json', 'README.md']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const r = newRule([ID, '--folder', 'restricted', '--root', dir], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);

    // Registered: the registry of the copy lists it, under the folder's profile.
    const ids = spawnSync(process.execPath, ['--import', 'tsx', '-e', "const m = require('./server/src/engine/rules'); const r = m.getRule('" + ID + "'); console.log(r.meta.category, r.meta.level)"], { cwd: dir, encoding: 'utf8' });
    assert.equal(ids.stdout.trim(), 'pod-security-restricted restricted', ids.stderr);

    // Compiles (the rule file and the registry it joined).
    const program = ts.createProgram([join(dir, `server/src/engine/rules/restricted/${ID}.ts`), join(dir, 'server/src/engine/rules/restricted/index.ts'), join(dir, 'server/src/engine/test-seams.d.ts')], {
      strict: true, noEmit: true, noUnusedLocals: true, noUnusedParameters: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022, resolveJsonModule: true, esModuleInterop: true, skipLibCheck: true, types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(diagnostics, []);

    // The generators ran: the page has its facts, the README table and the settings list the rule.
    assert.match(readFileSync(join(dir, `docs/rules/${ID}.md`), 'utf8'), /\| Severity \(default\) \| warning \|/);
    assert.ok(readFileSync(join(dir, 'README.md'), 'utf8').includes(`docs/rules/${ID}.md`));
    assert.ok(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).contributes.configuration.properties['shipshape.rules'].properties[ID]);

    // The test skeleton runs and fails: the rule reports nothing yet.
    // Without NODE_TEST_CONTEXT: set by this test runner, it would make the child report to it instead of failing.
    const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
    const t = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', `test/unit/rules/${ID}.test.ts`], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    assert.notEqual(t.status, 0, 'the skeleton passed before it was filled in');
    assert.match(t.stdout, /# fail [1-9]/);
    assert.match(t.stdout, /# pass [1-9]/, 'the valid cases run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
