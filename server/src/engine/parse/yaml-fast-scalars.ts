/**
 * Scalar values for the fast YAML path (yaml-fast.ts), read as the `yaml` library reads them: double-quoted escapes,
 * the folding of quoted scalars spanning lines and of folded block scalars. The shared character codes and the
 * give-up signal live here too.
 */

/** Thrown (one shared instance) when the text is outside what this parser reads exactly as the library does. */
const GIVE_UP = new Error('yaml-fast: outside the fast path');

export const C_SPACE = 32;
export const C_LF = 10;
export const C_HASH = 35;
export const C_COLON = 58;
export const C_DASH = 45;

/** The YAML indicator characters: a plain scalar cannot start with one (`-`, `?` and `:` only before a space). */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

/** True when the character code `c` is a YAML indicator. */
export function isIndicator(c: number): boolean {
  return c < 128 && INDICATORS.includes(String.fromCharCode(c));
}

export function giveUp(): never {
  throw GIVE_UP;
}

/**
 * The value of a folded (`>`) block scalar from its lines (indentation removed, trailing empty lines dropped): a line
 * break between two lines is a space, an empty line a line feed, and more indented lines keep their breaks.
 */
function foldBlock(lines: readonly string[]): string {
  let value = '';
  let sep = '';
  let prevMore = false;
  for (const l of lines) {
    if (l.charCodeAt(0) === C_SPACE) {
      if (sep === ' ') sep = '\n';
      else if (!prevMore && sep === '\n') sep = '\n\n';
      value += sep + l;
      sep = '\n';
      prevMore = true;
    } else if (l === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + l;
      sep = ' ';
      prevMore = false;
    }
  }
  return value;
}

/** Double-quoted escapes (YAML 1.2), by the character after the backslash. */
const ESCAPES: Record<number, string> = {
  48: '\0', 97: '\x07', 98: '\b', 101: '\x1b', 102: '\f', 110: '\n', 114: '\r', 116: '\t', 118: '\v',
  78: '\u0085', 95: '\u00a0', 76: '\u2028', 80: '\u2029', 32: ' ', 34: '"', 47: '/', 92: '\\',
};

/**
 * The value of a single-quoted scalar spanning lines (`inner`: between the quotes, `''` already read): each line
 * trimmed (the first at its end, the last at its start), a line break read as a space, and each further empty line
 * as a line feed.
 */
function unfold(inner: string): string {
  const lines = inner.split('\n');
  let res = lines[0]!.replace(TRAILING_SPACES, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const l = lines[i]!.replace(LEADING_SPACES, '').replace(TRAILING_SPACES, '');
    if (l === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + l;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1]!.replace(LEADING_SPACES, '');
}

/** Spaces at a string's end (matched from a non-space, so the search is linear), and at its start. */
const TRAILING_SPACES = /(?<! ) +$/;
const LEADING_SPACES = /^ +/;
const QUOTE_PAIRS = /''/g;

/**
 * The value of a double-quoted scalar holding escapes or spanning lines (`raw`: the text between the quotes): spaces before a line break dropped, a line break
 * with the spaces after it read as a space (as line feeds when empty lines follow), an escaped line break as
 * nothing.
 */
function foldDouble(raw: string): string {
  let res = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === C_LF) {
      let fold = '';
      while (raw.charCodeAt(i + 1) === C_SPACE || raw.charCodeAt(i + 1) === C_LF) {
        if (raw.charCodeAt(++i) === C_LF) fold += '\n';
      }
      res += fold || ' ';
    } else if (ch === 92) {
      const n = raw.charCodeAt(++i);
      if (n === C_LF) {
        while (raw.charCodeAt(i + 1) === C_SPACE) i++;
      } else if (n === 120 || n === 117 || n === 85) {
        const len = n === 120 ? 2 : n === 117 ? 4 : 8;
        const hex = raw.slice(i + 1, i + 1 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) giveUp();
        res += String.fromCodePoint(code);
        i += len;
      } else {
        res += ESCAPES[n] ?? giveUp();
      }
    } else if (ch === C_SPACE) {
      let j = i;
      while (raw.charCodeAt(j + 1) === C_SPACE) j++;
      if (raw.charCodeAt(j + 1) !== C_LF) res += raw.slice(i, j + 1);
      i = j;
    } else {
      res += raw[i];
    }
  }
  return res;
}

/** Offset of the end of the line holding `p` in `t` (its LF, or the text's length). */
export function eol(t: string, p: number): number {
  const n = t.indexOf('\n', p);
  return n < 0 ? t.length : n;
}

/** Past the LF at `e` (or `e` at the end of the text). */
export function next(t: string, e: number): number {
  return e < t.length ? e + 1 : e;
}

/**
 * A quoted scalar in `t` starting at `start` (its quote). It may span lines only when `indent` >= 0 (a value in a
 * block collection at that column): its further lines must be more indented. Returns its value and the offset past
 * its closing quote.
 */
export function readQuoted(t: string, start: number, indent: number): [string, number] {
  const q = t.charCodeAt(start);
  let lines = false;
  let special = false;
  for (let p = start + 1; p < t.length; p++) {
    const c = t.charCodeAt(p);
    if (c === q) {
      if (q === 39 && t.charCodeAt(p + 1) === 39) {
        special = true;
        p++;
        continue;
      }
      let value = t.slice(start + 1, p);
      if (q === 39) {
        if (special) value = value.replace(QUOTE_PAIRS, "'");
        if (lines) value = unfold(value);
      } else if (special || lines) value = foldDouble(value);
      return [value, p + 1];
    }
    if (c === C_LF) {
      if (indent < 0) giveUp();
      let s = p + 1;
      while (t.charCodeAt(s) === C_SPACE) s++;
      // A further line must be more indented than the collection (an empty line may not be).
      if (t.charCodeAt(s) !== C_LF && s - p - 1 <= indent) giveUp();
      lines = true;
    } else if (c === 92 && q === 34) {
      special = true;
      // An escaped line break is still a line break: its next line is checked above.
      if (t.charCodeAt(p + 1) !== C_LF) p++;
    }
  }
  return giveUp(); // no closing quote
}

/**
 * A block scalar in `t` whose header (`|` or `>`, with an optional `-`) is at `p`, in a collection at `indent`: its
 * value and the offset past its last content line (empty lines after it are not its own, as in the library).
 */
export function readBlockScalar(t: string, p: number, indent: number): [string, number] {
  const folded = t.charCodeAt(p) === 62;
  let h = p + 1;
  const chomp = t.charCodeAt(h) === C_DASH ? '-' : '';
  if (chomp) h++;
  const headerEnd = eol(t, h);
  for (let i = h; i < headerEnd; i++) if (t.charCodeAt(i) !== C_SPACE) giveUp();
  let line = next(t, headerEnd);
  if (line >= t.length) giveUp();
  const lines: string[] = [];
  let trim = -1;
  let last = line; // past the last content line
  for (;;) {
    if (line >= t.length) break;
    const e = eol(t, line);
    let s = line;
    while (s < e && t.charCodeAt(s) === C_SPACE) s++;
    if (s === e) {
      if (e > line) giveUp(); // a line of spaces: the library's rules for them are subtle
      lines.push('');
    } else {
      const ind = s - line;
      if (ind <= indent) break;
      if (trim < 0) trim = ind;
      else if (ind < trim) giveUp();
      lines.push(t.slice(line + trim, e));
      last = next(t, e);
    }
    if (e >= t.length) break;
    line = e + 1;
  }
  if (trim < 0 || (trim > 0 && lines[0] === '')) giveUp(); // empty, or leading empty lines
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (t.charCodeAt(last - 1) !== C_LF) giveUp();
  let value = folded ? foldBlock(lines) : lines.join('\n');
  if (chomp !== '-') value += '\n';
  return [value, last];
}
