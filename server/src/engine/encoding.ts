/**
 * What went wrong when a file's bytes were decoded to text (see
 * server/src/io/text-encoding.ts, which decodes), and the one finding
 * (rule `file-encoding`) that reports it. Pure: the engine never sees bytes.
 */
import type { EngineSettings } from './config/settings';
import { SYNTAX_RULES } from './rules';
import { engineFinding } from './run-rule';
import type { Finding } from './types';

export type ByteOrder = 'little-endian' | 'big-endian';

export type EncodingProblem =
  /** Bytes that are not UTF-8 in a file without a UTF-16 byte-order mark; `offset`: the first one's replacement character in the text. */
  | { kind: 'invalid-utf8'; offset: number }
  /** UTF-16 text without a byte-order mark (recognised by its NUL bytes next to ASCII ones). */
  | { kind: 'utf16-without-bom'; byteOrder: ByteOrder }
  /** After a UTF-16 byte-order mark: an unpaired surrogate or a last odd byte, at `offset` (its replacement character). */
  | { kind: 'invalid-utf16'; offset: number; what: 'unpaired surrogate' | 'odd last byte' };

/** The `file-encoding` finding for a decoding problem of `text` (the decoded text), or undefined when the rule is off. */
export function encodingFinding(problem: EncodingProblem, text: string, settings: EngineSettings): Finding | undefined {
  const meta = SYNTAX_RULES.fileEncoding.meta;
  switch (problem.kind) {
    case 'invalid-utf8':
      return engineFinding(meta, settings, 'invalidUtf8', {}, text, problem.offset, problem.offset + 1);
    case 'utf16-without-bom':
      return engineFinding(meta, settings, 'utf16WithoutBom', { byteOrder: problem.byteOrder }, text, 0, Math.min(text.length, 1));
    case 'invalid-utf16':
      return engineFinding(meta, settings, 'invalidUtf16', { what: problem.what }, text, problem.offset, problem.offset + 1);
  }
}

/** A short description, e.g. for a configuration file that cannot be read: `not valid UTF-8`. */
export function describeEncodingProblem(problem: EncodingProblem): string {
  switch (problem.kind) {
    case 'invalid-utf8':
      return 'not valid UTF-8';
    case 'utf16-without-bom':
      return `UTF-16 (${problem.byteOrder}) without a byte-order mark`;
    case 'invalid-utf16':
      return `not valid UTF-16 (${problem.what})`;
  }
}
