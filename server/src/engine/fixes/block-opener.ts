/**
 * Recognising a line that opens a block (`key:` alone on its line, after
 * optional `- ` sequence markers, a comment allowed), in linear time.
 *
 * It means what this expression means, which yaml-edit.ts used to apply to
 * every line of a document:
 *
 *   /^( *)((?:- +)*)(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"-][^#]*?|-[^\s#][^#]*?)[ \t]*:[ \t]*(?:#.*)?\r?$/
 *
 * but a backtracking engine takes quadratic time on it for a long line
 * without a colon (the lazy key and `[ \t]*` try every split), so it is
 * written out by hand. test/unit/hostile/block-opener.test.ts checks that the
 * two agree.
 */

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
/** Characters `.` does not match. */
const isLineTerminator = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
/** `\s` in a JavaScript regular expression. */
const isSpace = (c: string): boolean => /\s/.test(c);

export interface BlockOpener {
  /** Columns of indentation (`m[1]`). */
  indent: number;
  /** Length of the `- ` markers after it (`m[2]`). */
  markers: number;
}

/** After a quoted key: `[ \t]*:[ \t]*(?:#.*)?` up to `end`. */
function restIsColon(s: string, from: number, end: number): boolean {
  let j = from;
  while (j < end && isBlank(s[j])) j++;
  if (s[j] !== ':') return false;
  j++;
  while (j < end && isBlank(s[j])) j++;
  if (j === end) return true;
  if (s[j] !== '#') return false;
  for (let k = j + 1; k < end; k++) if (isLineTerminator(s[k]!)) return false;
  return true;
}

/** The line's indentation and sequence markers when it opens a block, else undefined. */
export function blockOpener(line: string): BlockOpener | undefined {
  const end = line.endsWith('\r') ? line.length - 1 : line.length;
  let i = 0;
  while (i < end && line[i] === ' ') i++;
  const indent = i;
  // (?:- +)*
  while (line[i] === '-' && line[i + 1] === ' ' && i + 1 < end) {
    i += 2;
    while (i < end && line[i] === ' ') i++;
  }
  const markers = i - indent;
  const c = line[i];
  if (c === undefined || i >= end) return undefined;
  if (c === '"') {
    for (let k = i + 1; k < end; k++) {
      if (line[k] === '\\') {
        // `\\.`: any character but a line terminator
        if (k + 1 >= end || isLineTerminator(line[k + 1]!)) return undefined;
        k++;
      } else if (line[k] === '"') return restIsColon(line, k + 1, end) ? { indent, markers } : undefined;
    }
    return undefined;
  }
  if (c === "'") {
    for (let k = i + 1; k < end; k++) {
      if (line[k] !== "'") continue;
      if (line[k + 1] === "'" && k + 1 < end) {
        k++;
        continue;
      }
      // A closing quote; if what follows does not fit, a longer key cannot either (it would need `''`).
      return restIsColon(line, k + 1, end) ? { indent, markers } : undefined;
    }
    return undefined;
  }
  // A plain key: `[^\s#'"-][^#]*?` or `-[^\s#][^#]*?`, so it ends before the first `#`.
  let minKey = 1;
  if (c === '-') {
    const d = line[i + 1];
    if (d === undefined || i + 1 >= end || isSpace(d) || d === '#') return undefined;
    minKey = 2;
  } else if (isSpace(c) || c === '#' || c === "'" || c === '"') return undefined;
  const hash = line.indexOf('#', i);
  if (hash >= 0 && hash < end) {
    // The comment must hold no line terminator (`.` does not match one).
    for (let k = hash + 1; k < end; k++) if (isLineTerminator(line[k]!)) return undefined;
  }
  let e = hash >= 0 && hash < end ? hash : end;
  while (e > i && isBlank(line[e - 1])) e--;
  // The last character before the blanks and the comment is the colon; the key is everything before it.
  if (e - 1 < i + minKey || line[e - 1] !== ':') return undefined;
  return { indent, markers };
}
