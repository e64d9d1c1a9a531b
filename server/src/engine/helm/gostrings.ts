/** Go string literals: strconv.Unquote for template literals and strconv.Quote for `%q` and sprig's `quote`. */

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Unquotes an interpreted Go string literal ("..."), or undefined when its syntax is invalid. */
export function unquoteGo(lit: string): string | undefined {
  if (lit.length < 2 || lit[0] !== '"' || lit[lit.length - 1] !== '"') return undefined;
  const s = lit.slice(1, -1);
  let out = '';
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += utf8Decode(bytes);
      bytes.length = 0;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      flush();
      out += c;
      continue;
    }
    const e = s[++i];
    if (e === undefined) return undefined;
    if (e in SIMPLE) {
      if (e === "'") return undefined;
      flush();
      out += SIMPLE[e];
    } else if (e === 'x' || (e >= '0' && e <= '7')) {
      const hex = e === 'x';
      const digits = hex ? s.slice(i + 1, i + 3) : s.slice(i, i + 3);
      if (!(hex ? /^[0-9a-fA-F]{2}$/ : /^[0-7]{3}$/).test(digits)) return undefined;
      bytes.push(parseInt(digits, hex ? 16 : 8));
      i += hex ? 2 : 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const digits = s.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== n) return undefined;
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return undefined;
      flush();
      out += String.fromCodePoint(cp);
      i += n;
    } else {
      return undefined;
    }
  }
  flush();
  return out;
}

function utf8Decode(bytes: number[]): string {
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint for one code point. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp < 0x7f) return true;
  return PRINT.test(String.fromCodePoint(cp));
}

/** strconv.Quote: a double-quoted Go string literal, escaping what is not printable. */
export function quoteGo(s: string, quote = '"'): string {
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') {
      out += '\\' + ch;
      continue;
    }
    if (isGoPrint(cp)) {
      out += ch;
      continue;
    }
    switch (ch) {
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0xd800 && cp < 0xe000) out += '\\ufffd';
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}

/** UTF-8 bytes of a string (Go strings are bytes: len, slicing, %x, hashing, base64); one encoder for the engine. */
export { utf8 as utf8Bytes } from '../project/kustomize/hash';

export function bytesToString(b: Uint8Array): string {
  return new TextDecoder('utf-8').decode(b);
}

/** Length in bytes, as Go's len of a string. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
