/**
 * Dockerfile variable substitution (`$NAME`, `${NAME}`, `${NAME:-word}`,
 * `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`), as BuildKit applies it
 * to FROM, USER, EXPOSE, ENV and ARG values. One left-to-right pass, no
 * regular expressions over the whole value.
 */

/** A variable's value; undefined when it is not set (or declared without a value). */
export type Lookup = (name: string) => string | undefined;

const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Nesting limit for `${A:-${B:-...}}` defaults. */
const MAX_DEPTH = 8;

/**
 * `value` with its variables replaced. Undefined when a variable without a
 * value is used without a default, or the syntax is one Shipshape does not
 * evaluate (`${NAME:?err}`, unterminated `${`). `escape` followed by `$`
 * is a literal `$`.
 */
export function expandVariables(value: string, lookup: Lookup, escape = '\\', depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c === escape && value[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (value[i + 1] === '{') {
      const close = closingBrace(value, i + 2);
      if (close < 0) return undefined;
      const inner = value.slice(i + 2, close);
      let n = 0;
      if (!isNameStart(inner[0])) return undefined;
      while (isNameChar(inner[n])) n++;
      const name = inner.slice(0, n);
      const rest = inner.slice(n);
      const current = lookup(name);
      let replaced: string | undefined;
      if (rest === '') replaced = current;
      else {
        const colon = rest.startsWith(':');
        const op = rest[colon ? 1 : 0];
        const word = rest.slice(colon ? 2 : 1);
        const set = colon ? current !== undefined && current !== '' : current !== undefined;
        if (op === '-') replaced = set ? current : expandVariables(word, lookup, escape, depth + 1);
        else if (op === '+') replaced = set ? expandVariables(word, lookup, escape, depth + 1) : '';
        else return undefined;
      }
      if (replaced === undefined) return undefined;
      out += replaced;
      i = close + 1;
    } else if (isNameStart(value[i + 1])) {
      let j = i + 1;
      while (isNameChar(value[j])) j++;
      const replaced = lookup(value.slice(i + 1, j));
      if (replaced === undefined) return undefined;
      out += replaced;
      i = j;
    } else {
      out += '$';
      i++;
    }
  }
  return out;
}

/** Index of the `}` that closes a `${` whose content starts at `from` (nested `${...}` allowed), or -1. */
function closingBrace(value: string, from: number): number {
  let depth = 1;
  for (let i = from; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '{') {
      depth++;
      i++;
    } else if (value[i] === '}' && --depth === 0) return i;
  }
  return -1;
}


/**
 * A word of an ADD or COPY source list with its quotes removed, as BuildKit's
 * word processing does after splitting the shell form at blanks: `'...'` is
 * literal, `"..."` keeps everything but `escape` before `"`, `$` or `escape`,
 * and outside quotes `escape` takes the next character literally. Run it
 * after `expandVariables`. One left-to-right pass.
 */
export function unquoteWord(word: string, escape = '\\'): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const c = word[i]!;
    if (c === escape && i + 1 < word.length) {
      out += word[i + 1];
      i += 2;
    } else if (c === "'") {
      const close = word.indexOf("'", i + 1);
      const end = close < 0 ? word.length : close;
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < word.length && word[i] !== '"') {
        const n = word[i + 1];
        if (word[i] === escape && (n === '"' || n === '$' || n === escape)) {
          out += n;
          i += 2;
        } else out += word[i++];
      }
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
