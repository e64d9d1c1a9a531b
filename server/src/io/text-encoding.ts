/**
 * File bytes <-> text, as kubectl reads manifests (cli-runtime decodes with
 * `unicode.BOMOverride(unicode.UTF8.NewDecoder())`): a byte-order mark
 * decides the encoding, UTF-8, UTF-16 LE or UTF-16 BE, and is not part of the
 * text; without one the file is UTF-8. The text keeps every character of the
 * file, so offsets, lines and columns are those an editor shows.
 *
 * What does not decode cleanly is decoded anyway (as far as it goes) and
 * described by a `problem` (engine/encoding.ts), which the CLI reports as a
 * `file-encoding` error: UTF-8 with invalid bytes (each invalid sequence
 * becomes one U+FFFD), UTF-16 without a byte-order mark (recognised by the
 * NUL bytes of its ASCII characters; kubectl reads it as binary), UTF-16 with
 * an unpaired surrogate or an odd last byte. Content that is not text at all
 * (NUL bytes or other control characters, as in compressed or encrypted
 * files) gets no problem here: the engine reports it as `binary-file`. Text
 * in a legacy 8-bit encoding (Latin-1, Windows-1252) is no such content: it
 * gets the problem, whatever the share of its bytes that are not ASCII.
 *
 * `encodeText` writes text back in the encoding it was read in, with its
 * byte-order mark: decoding then encoding a file without a problem gives its
 * bytes back exactly.
 */
import type { ByteOrder, EncodingProblem } from '../engine/encoding';
import { looksBinary } from '../engine/parse/yaml';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** The file starts with a byte-order mark (not part of `text`). */
  bom: boolean;
  problem?: EncodingProblem;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decode a file's bytes (see the module comment). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF8_BOM)) return decodeUtf8(bytes.subarray(3), true);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'little-endian', true);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'big-endian', true);
  const order = utf16ByteOrder(bytes);
  if (order) {
    const decoded = decodeUtf16(bytes, order, false);
    if (!looksBinary(decoded.text)) return { ...decoded, problem: { kind: 'utf16-without-bom', byteOrder: order } };
  }
  return decodeUtf8(bytes, false);
}

/** NUL and the C0 control characters text does not hold (all but tab, line feed, form feed and carriage return), near the start. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f]/;
const BINARY_SNIFF_CHARS = 65536;

function decodeUtf8(bytes: Uint8Array, bom: boolean): DecodedText {
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8', bom };
  } catch {
    const text = utf8.decode(bytes);
    if (CONTROL.test(text.length > BINARY_SNIFF_CHARS ? text.slice(0, BINARY_SNIFF_CHARS) : text)) return { text, encoding: 'utf-8', bom };
    const bad = firstInvalidUtf8(bytes);
    return { text, encoding: 'utf-8', bom, problem: { kind: 'invalid-utf8', offset: utf8.decode(bytes.subarray(0, bad)).length } };
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function decodeUtf16(bytes: Uint8Array, order: ByteOrder, bom: boolean): DecodedText {
  const even = bytes.length & ~1;
  const le = Buffer.from(bytes.buffer, bytes.byteOffset, even);
  const copy = order === 'big-endian' ? Buffer.from(le).swap16() : le;
  const raw = copy.toString('utf16le');
  const encoding: TextEncoding = order === 'little-endian' ? 'utf-16le' : 'utf-16be';
  LONE_SURROGATE.lastIndex = 0;
  const lone = LONE_SURROGATE.exec(raw);
  const odd = even !== bytes.length;
  const text = (lone ? raw.replace(LONE_SURROGATE, '\ufffd') : raw) + (odd ? '\ufffd' : '');
  if (!bom) return { text, encoding, bom };
  if (lone) return { text, encoding, bom, problem: { kind: 'invalid-utf16', offset: lone.index, what: 'unpaired surrogate' } };
  if (odd) return { text, encoding, bom, problem: { kind: 'invalid-utf16', offset: text.length - 1, what: 'odd last byte' } };
  return { text, encoding, bom };
}

/** Bytes looked at to recognise UTF-16 without a byte-order mark. */
const UTF16_SNIFF_BYTES = 4096;

/**
 * The byte order of UTF-16 text without a byte-order mark: at least three
 * quarters of the leading 16-bit units are an ASCII character next to a NUL
 * byte, all on the same side. (UTF-8 text has no NUL bytes.)
 */
function utf16ByteOrder(bytes: Uint8Array): ByteOrder | undefined {
  const n = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let little = 0;
  let big = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (b === 0 && a !== 0 && a < 0x80) little++;
    else if (a === 0 && b !== 0 && b < 0x80) big++;
  }
  const units = n / 2;
  if (little >= units * 0.75) return 'little-endian';
  if (big >= units * 0.75) return 'big-endian';
  return undefined;
}

/** Index of the first byte that does not start a valid UTF-8 sequence (RFC 3629), or the length when all are valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes and the range of the second byte, by lead byte.
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** `text` as the bytes of `encoding`, with a byte-order mark when `bom`. */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
  }
  const body = Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') body.swap16();
  if (!bom) return body;
  return Buffer.concat([Buffer.from(encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}
