// parse/dockerfile-ast-perf.ts rewrites methods of dockerfile-ast on its prototypes, step for step with the
// library's own code of version 0.7.1. This fails loudly when the installed library is not that code any
// more (a version bump, a patched copy), so the rewrite is checked again instead of silently drifting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
// The patch module first: it loads the library's entry, whose modules import each other in cycles that only resolve in that order.
import { libraryScan } from '../../../server/src/engine/parse/dockerfile-ast-perf';
import { Instruction } from 'dockerfile-ast/lib/instruction';
import { ModifiableInstruction } from 'dockerfile-ast/lib/modifiableInstruction';
import { Parser } from 'dockerfile-ast/lib/parser';

const ROOT = resolve(__dirname, '../../..');
const PINNED = '0.7.1';
/** sha256 of the library files whose methods the patch rewrites or whose internals it reads (dockerfile-ast 0.7.1). */
const SOURCES: Record<string, string> = {
  'lib/instruction.js': 'ba6b1322a7d4cbf5a20d16f389c0fe24813acc469158e0b61b3e448e92868cdc',
  'lib/modifiableInstruction.js': 'd5be11a7b2e464b58c3113ac10504d72d0a3d105db915805a25a36403e8de36f',
  'lib/parser.js': '3dff019218ef6a32ef100501e5fcad9fb229368f0feb07bb0494c55eb8f27650',
  'lib/argument.js': '532e084d2b1c3849b6f737fe89b7e14622c3a7b9de42cfbb8f0f40403195b026',
};
const REWRITE = 'the prototype patch in server/src/engine/parse/dockerfile-ast-perf.ts copies this version; re-derive it (and the hashes here) before changing the version';

test('package.json pins dockerfile-ast exactly (no range), and the lockfile agrees', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies['dockerfile-ast'], PINNED, REWRITE);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  assert.equal(lock.packages[''].dependencies['dockerfile-ast'], PINNED);
  assert.equal(lock.packages['node_modules/dockerfile-ast'].version, PINNED);
});

test('the installed dockerfile-ast is the pinned code the patch was written against', () => {
  const lib = dirname(dirname(require.resolve('dockerfile-ast/lib/instruction')));
  assert.equal(JSON.parse(readFileSync(join(lib, 'package.json'), 'utf8')).version, PINNED, REWRITE);
  for (const [file, sha] of Object.entries(SOURCES)) {
    const actual = createHash('sha256').update(readFileSync(join(lib, file))).digest('hex');
    assert.equal(actual, sha, `dockerfile-ast/${file} changed: ${REWRITE}`);
  }
});

test('every method the patch replaces was there and is replaced (none skipped because the library changed shape)', () => {
  const proto = Instruction.prototype as unknown as Record<string | symbol, unknown>;
  assert.equal(proto[Symbol.for('shipshape.dockerfile-ast-perf')], true);
  assert.equal(typeof libraryScan.rawArguments, 'function');
  assert.notEqual(proto.getRawArguments, libraryScan.rawArguments);
  // The library's own methods, as its 0.7.1 source defines them (their names appear in the code the patch copies).
  assert.match(String(libraryScan.rawArguments), /escapeChar/);
  assert.doesNotMatch(String(ModifiableInstruction.prototype.getArguments), /\.shift\(\)/, 'getArguments still drops flags one shift() at a time');
  const parser = Parser.prototype as unknown as Record<string, { name: string }>;
  assert.equal(parser.createInstruction!.name, 'createInstruction');
  assert.doesNotMatch(String(parser.createInstruction), /isValid|Range\.create/);
  assert.match(String(parser.processArguments), /processArguments\.apply|rawProcessArguments/);
  assert.equal(typeof (Parser as unknown as Record<string, unknown>).createInstruction, 'function');
});
