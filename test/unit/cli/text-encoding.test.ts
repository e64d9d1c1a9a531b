// Decoding a file's bytes as kubectl does (server/src/io/text-encoding.ts): byte-order marks, UTF-16, invalid bytes, and the way back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, encodeText, firstInvalidUtf8 } from '../../../server/src/io/text-encoding';

const TEXT = 'apiVersion: v1\nkind: ConfigMap # café ✓ 😀\n';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const cat = (...parts: Array<number[] | Buffer>) => Buffer.concat(parts.map((p) => Buffer.from(p)));

test('a byte-order mark decides the encoding and is not part of the text', () => {
  const cases = [
    { bytes: Buffer.from(TEXT), encoding: 'utf-8', bom: false },
    { bytes: cat([0xef, 0xbb, 0xbf], Buffer.from(TEXT)), encoding: 'utf-8', bom: true },
    { bytes: cat([0xff, 0xfe], utf16le(TEXT)), encoding: 'utf-16le', bom: true },
    { bytes: cat([0xfe, 0xff], utf16be(TEXT)), encoding: 'utf-16be', bom: true },
  ] as const;
  for (const c of cases) {
    const d = decodeText(c.bytes);
    assert.deepEqual(d, { text: TEXT, encoding: c.encoding, bom: c.bom }, c.encoding);
    assert.deepEqual(encodeText(d.text, d.encoding, d.bom), c.bytes, `${c.encoding}: encoding gives the bytes back`);
  }
});

test('only the first byte-order mark is removed: a second one stays in the text (U+FEFF)', () => {
  const d = decodeText(cat([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], Buffer.from('a: 1\n')));
  assert.equal(d.text, '\ufeffa: 1\n');
  assert.equal(d.problem, undefined);
});

test('UTF-16 without a byte-order mark is recognised, decoded and reported', () => {
  assert.deepEqual(decodeText(utf16le(TEXT)), { text: TEXT, encoding: 'utf-16le', bom: false, problem: { kind: 'utf16-without-bom', byteOrder: 'little-endian' } });
  assert.deepEqual(decodeText(utf16be(TEXT)), { text: TEXT, encoding: 'utf-16be', bom: false, problem: { kind: 'utf16-without-bom', byteOrder: 'big-endian' } });
  assert.deepEqual(encodeText(TEXT, 'utf-16le', false), utf16le(TEXT));
});

test('binary content is not taken for UTF-16 and gets no problem here (the engine reports it as binary-file)', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  assert.equal(decodeText(png).problem, undefined);
  assert.equal(decodeText(Buffer.alloc(64)).problem, undefined, 'NUL bytes alone are not UTF-16');
  const random = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256));
  assert.equal(decodeText(random).problem, undefined, 'bytes with control characters are binary');
});

test('text in an 8-bit encoding is invalid UTF-8 however much of it is not ASCII', () => {
  const latin1 = Buffer.from(Array.from({ length: 64 }, (_, i) => 0xc0 + (i % 32)));
  assert.deepEqual(decodeText(latin1).problem, { kind: 'invalid-utf8', offset: 0 });
  assert.deepEqual(decodeText(Buffer.from('Grüße aus Köln\n', 'latin1')).problem, { kind: 'invalid-utf8', offset: 2 });
});

test('invalid UTF-8 in text: replacement characters and the offset of the first one', () => {
  const bytes = cat(Buffer.from('a: "caf'), [0xe9], Buffer.from('"\nb: "ok ✓"\nc: '), [0xff, 0xfe], Buffer.from('\n'));
  const d = decodeText(bytes);
  assert.equal(d.text, 'a: "caf\ufffd"\nb: "ok ✓"\nc: \ufffd\ufffd\n');
  assert.deepEqual(d.problem, { kind: 'invalid-utf8', offset: 7 });
  // After a UTF-8 byte-order mark the offset counts from the text (without the mark).
  assert.deepEqual(decodeText(cat([0xef, 0xbb, 0xbf], bytes)).problem, { kind: 'invalid-utf8', offset: 7 });
  // A real U+FFFD in valid UTF-8 is text, not a problem.
  assert.equal(decodeText(Buffer.from('a: \ufffd\n')).problem, undefined);
});

test('firstInvalidUtf8 follows RFC 3629 (no overlongs, surrogates or code points past U+10FFFF, no truncated sequences)', () => {
  const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));
  assert.equal(at(0x61, 0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0xf0, 0x9f, 0x98, 0x80), 10, 'valid: a é ✓ 😀');
  assert.equal(at(0x61, 0xc0, 0xaf), 1, 'overlong two-byte');
  assert.equal(at(0xe0, 0x80, 0xaf), 0, 'overlong three-byte');
  assert.equal(at(0xed, 0xa0, 0x80), 0, 'UTF-16 surrogate');
  assert.equal(at(0xf4, 0x90, 0x80, 0x80), 0, 'past U+10FFFF');
  assert.equal(at(0x61, 0x80), 1, 'lone continuation byte');
  assert.equal(at(0x61, 0xe2, 0x9c), 1, 'truncated at the end');
  assert.equal(at(0xe2, 0x41, 0x93), 0, 'continuation byte missing');
});

test('invalid UTF-16 after a byte-order mark: an unpaired surrogate or an odd last byte', () => {
  const lone = decodeText(cat([0xff, 0xfe], utf16le('ab'), [0x3d, 0xd8], utf16le('c\n')));
  assert.equal(lone.text, 'ab\ufffdc\n');
  assert.deepEqual(lone.problem, { kind: 'invalid-utf16', offset: 2, what: 'unpaired surrogate' });
  const odd = decodeText(cat([0xfe, 0xff], utf16be('ab\n'), [0x41]));
  assert.equal(odd.text, 'ab\n\ufffd');
  assert.deepEqual(odd.problem, { kind: 'invalid-utf16', offset: 3, what: 'odd last byte' });
  // A surrogate pair is one character, not a problem.
  assert.equal(decodeText(cat([0xff, 0xfe], utf16le('😀\n'))).problem, undefined);
});

test('empty and tiny files', () => {
  assert.deepEqual(decodeText(Buffer.alloc(0)), { text: '', encoding: 'utf-8', bom: false });
  assert.deepEqual(decodeText(Buffer.from([0xef, 0xbb, 0xbf])), { text: '', encoding: 'utf-8', bom: true });
  assert.deepEqual(decodeText(Buffer.from([0xff, 0xfe])), { text: '', encoding: 'utf-16le', bom: true });
  assert.deepEqual(decodeText(Buffer.from('a\n')), { text: 'a\n', encoding: 'utf-8', bom: false });
});
