// file-encoding: the finding the CLI adds for bytes that did not decode cleanly (engine/encoding.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normalizeSettings, RULE_IDS } from '../../../server/src/engine';
import { describeEncodingProblem, encodingFinding } from '../../../server/src/engine/encoding';

const TEXT = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\ufffd\n';

test('invalid UTF-8: an error on the first replacement character', () => {
  const f = encodingFinding({ kind: 'invalid-utf8', offset: TEXT.indexOf('\ufffd') }, TEXT, DEFAULT_SETTINGS)!;
  assert.equal(f.ruleId, 'file-encoding');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, { start: TEXT.indexOf('\ufffd'), end: TEXT.indexOf('\ufffd') + 1 });
  assert.match(f.message, /^The file is not valid UTF-8 \(the first invalid byte is here\)/);
});

test('UTF-16 without a byte-order mark: an error on the first character naming the byte order', () => {
  const f = encodingFinding({ kind: 'utf16-without-bom', byteOrder: 'big-endian' }, TEXT, DEFAULT_SETTINGS)!;
  assert.deepEqual(f.span, { start: 0, end: 1 });
  assert.match(f.message, /^The file is UTF-16 \(big-endian\) without a byte-order mark: kubectl and YAML parsers read it as binary/);
  assert.deepEqual(encodingFinding({ kind: 'utf16-without-bom', byteOrder: 'little-endian' }, '', DEFAULT_SETTINGS)!.span, { start: 0, end: 0 }, 'an empty text');
});

test('invalid UTF-16: what is wrong, where', () => {
  const f = encodingFinding({ kind: 'invalid-utf16', offset: 3, what: 'odd last byte' }, 'ab\n\ufffd', DEFAULT_SETTINGS)!;
  assert.deepEqual(f.span, { start: 3, end: 4 });
  assert.match(f.message, /not valid UTF-16 here \(odd last byte\)/);
});

test('the rule can be turned off or lowered like any other', () => {
  const off = normalizeSettings({ rules: { 'file-encoding': 'off' } }, RULE_IDS).settings;
  assert.equal(encodingFinding({ kind: 'invalid-utf8', offset: 0 }, TEXT, off), undefined);
  const warning = normalizeSettings({ rules: { 'file-encoding': 'warning' } }, RULE_IDS).settings;
  assert.equal(encodingFinding({ kind: 'invalid-utf8', offset: 0 }, TEXT, warning)!.severity, 'warning');
});

test('short descriptions for a configuration file that cannot be read', () => {
  assert.equal(describeEncodingProblem({ kind: 'invalid-utf8', offset: 0 }), 'not valid UTF-8');
  assert.equal(describeEncodingProblem({ kind: 'utf16-without-bom', byteOrder: 'little-endian' }), 'UTF-16 (little-endian) without a byte-order mark');
  assert.equal(describeEncodingProblem({ kind: 'invalid-utf16', offset: 0, what: 'unpaired surrogate' }), 'not valid UTF-16 (unpaired surrogate)');
});
