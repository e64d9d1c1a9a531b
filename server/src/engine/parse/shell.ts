/**
 * A small POSIX-shell tokenizer for the commands of Dockerfile `RUN`
 * instructions (and the exec-form JSON array). It splits a script into
 * pipelines of simple commands, removes quotes and escapes from words, and
 * remembers the file offset of every character, so a rule can underline
 * exactly the word it talks about (also inside `sh -c "..."` strings).
 *
 * It is not a shell: no expansion, no aliases, no grammar beyond what the
 * rules need (`;`, `&&`, `||`, `|`, `&`, newlines, parentheses, comments,
 * redirections, quotes, `$(...)`, backquotes, `<(...)`). Every loop moves
 * forward, so tokenizing is linear in the input and cannot backtrack.
 */
import type { Span } from '../types';
import { sliceLogical, type LogicalText } from './dockerfile';

export interface ShellWord {
  /** The word with quotes and escapes removed; substitutions are kept as written. */
  value: string;
  /** File offset of each character of `value`. */
  offsets: number[];
  /** The word as written in the file, quotes included (one logical range; may cross a continuation). */
  span: Span;
  /** Inner text of each `$(...)`, backquoted, `<(...)` or `>(...)` part: commands the shell runs. */
  substitutions: LogicalText[];
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `&>`, `2>&1`'s `>&`, ... */
  op: string;
  target?: ShellWord;
}

export interface ShellCommand {
  /** `NAME=value` words before the program. */
  assignments: ShellWord[];
  /** Program and arguments. */
  argv: ShellWord[];
  redirects: ShellRedirect[];
}

/** Commands joined by `|` (a single command is a pipeline of one). */
export type ShellPipeline = ShellCommand[];

/** The logical text of a word's characters (to tokenize a `sh -c` script). */
export function wordText(word: ShellWord): LogicalText {
  return { text: word.value, offsets: word.offsets };
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const REDIRECT_OPS = ['<<<', '<<-', '&>>', '<<', '<>', '<&', '>>', '>&', '>|', '&>', '<', '>'];

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isNewline = (c: string | undefined): boolean => c === '\n' || c === '\r';
/** Characters that end an unquoted word. */
const isBreak = (c: string | undefined): boolean =>
  c === undefined || isBlank(c) || isNewline(c) || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';

/** Index just after the `)` matching the `(` at `open`, skipping quotes and escapes (the text's end when unmatched). */
function matchParen(s: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      i = j < 0 ? s.length : j + 1;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      i++;
    } else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  return s.length;
}

/** Index just after the backquote closing the one at `open`. */
function matchBackquote(s: string, open: number): number {
  let i = open + 1;
  while (i < s.length && s[i] !== '`') i += s[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, s.length);
}

/** Index just after the `}` closing `${` at `open`. */
function matchBrace(s: string, open: number): number {
  const j = s.indexOf('}', open);
  return j < 0 ? s.length : j + 1;
}

class WordBuilder {
  value = '';
  offsets: number[] = [];
  substitutions: LogicalText[] = [];
  constructor(private readonly input: LogicalText) {}
  push(from: number, to: number): void {
    if (to <= from) return;
    this.value += this.input.text.slice(from, to);
    for (let k = from; k < to; k++) this.offsets.push(this.input.offsets[k]!);
  }
  /** Keep [from, to) verbatim and record [innerFrom, innerTo) as commands. */
  substitution(from: number, to: number, innerFrom: number, innerTo: number): void {
    this.push(from, to);
    if (innerTo > innerFrom) this.substitutions.push(sliceLogical(this.input, innerFrom, innerTo));
  }
}

/** Read the word at `i`; returns it and the index after it. */
function readWord(input: LogicalText, start: number): { word: ShellWord; next: number } {
  const s = input.text;
  const b = new WordBuilder(input);
  let i = start;
  // Process substitution at the start of a word: <(cmd) or >(cmd).
  if ((s[i] === '<' || s[i] === '>') && s[i + 1] === '(') {
    const end = matchParen(s, i + 1);
    b.substitution(i, end, i + 2, Math.max(i + 2, end - 1));
    i = end;
  }
  while (i < s.length && !isBreak(s[i])) {
    const c = s[i];
    if (c === '\\') {
      if (isNewline(s[i + 1])) i += s[i + 1] === '\r' && s[i + 2] === '\n' ? 3 : 2;
      else if (i + 1 < s.length) {
        b.push(i + 1, i + 2);
        i += 2;
      } else {
        b.push(i, i + 1);
        i++;
      }
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      const end = j < 0 ? s.length : j;
      b.push(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i = readDoubleQuoted(input, i + 1, b);
    } else if (c === '$' && s[i + 1] === '(') {
      const end = matchParen(s, i + 1);
      b.substitution(i, end, i + 2, Math.max(i + 2, end - 1));
      i = end;
    } else if (c === '$' && s[i + 1] === '{') {
      const end = matchBrace(s, i + 1);
      b.push(i, end);
      i = end;
    } else if (c === '`') {
      const end = matchBackquote(s, i);
      b.substitution(i, end, i + 1, Math.max(i + 1, end - 1));
      i = end;
    } else {
      b.push(i, i + 1);
      i++;
    }
  }
  const last = Math.max(start, Math.min(i, s.length) - 1);
  const span = { start: input.offsets[start] ?? 0, end: (input.offsets[last] ?? 0) + 1 };
  return { word: { value: b.value, offsets: b.offsets, span, substitutions: b.substitutions }, next: i };
}

/** Read a double-quoted string whose content starts at `i`; returns the index after the closing quote. */
function readDoubleQuoted(input: LogicalText, start: number, b: WordBuilder): number {
  const s = input.text;
  let i = start;
  while (i < s.length && s[i] !== '"') {
    const c = s[i];
    if (c === '\\') {
      const n = s[i + 1];
      if (n === '$' || n === '`' || n === '"' || n === '\\') {
        b.push(i + 1, i + 2);
        i += 2;
      } else if (isNewline(n)) i += n === '\r' && s[i + 2] === '\n' ? 3 : 2;
      else {
        b.push(i, i + 1);
        i++;
      }
    } else if (c === '$' && s[i + 1] === '(') {
      const end = matchParen(s, i + 1);
      b.substitution(i, end, i + 2, Math.max(i + 2, end - 1));
      i = end;
    } else if (c === '`') {
      const end = matchBackquote(s, i);
      b.substitution(i, end, i + 1, Math.max(i + 1, end - 1));
      i = end;
    } else {
      b.push(i, i + 1);
      i++;
    }
  }
  return i + 1;
}

/** Split a shell script into pipelines of simple commands. */
export function tokenizeShell(input: LogicalText): ShellPipeline[] {
  const s = input.text;
  const pipelines: ShellPipeline[] = [];
  let pipeline: ShellCommand[] = [];
  let cmd: ShellCommand = { assignments: [], argv: [], redirects: [] };
  const endCommand = () => {
    if (cmd.argv.length || cmd.assignments.length || cmd.redirects.length) pipeline.push(cmd);
    cmd = { assignments: [], argv: [], redirects: [] };
  };
  const endPipeline = () => {
    endCommand();
    if (pipeline.length) pipelines.push(pipeline);
    pipeline = [];
  };
  const readRedirect = (i: number): number => {
    const op = REDIRECT_OPS.find((o) => s.startsWith(o, i)) ?? s[i]!;
    let j = i + op.length;
    while (isBlank(s[j])) j++;
    if (j < s.length && !isBreak(s[j])) {
      const { word, next } = readWord(input, j);
      cmd.redirects.push({ op, target: word });
      return next;
    }
    cmd.redirects.push({ op });
    return j;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (isBlank(c)) i++;
    else if (c === '\\' && isNewline(s[i + 1])) i += s[i + 1] === '\r' && s[i + 2] === '\n' ? 3 : 2;
    else if (isNewline(c) || c === ';' || c === '(' || c === ')') {
      endPipeline();
      i++;
    } else if (c === '#') {
      while (i < s.length && !isNewline(s[i])) i++;
    } else if (c === '|') {
      if (s[i + 1] === '|') {
        endPipeline();
        i += 2;
      } else {
        endCommand();
        i += s[i + 1] === '&' ? 2 : 1;
      }
    } else if (c === '&') {
      if (s[i + 1] === '>') i = readRedirect(i);
      else {
        endPipeline();
        i += s[i + 1] === '&' ? 2 : 1;
      }
    } else if ((c === '<' || c === '>') && s[i + 1] !== '(') {
      i = readRedirect(i);
    } else {
      const { word, next } = readWord(input, i);
      if ((s[next] === '<' || s[next] === '>') && /^\d+$/.test(word.value) && next - i === word.value.length) {
        i = readRedirect(next); // `2>&1`, `2>/dev/null`: the digits name a file descriptor
        continue;
      }
      if (cmd.argv.length === 0 && ASSIGNMENT.test(word.value)) cmd.assignments.push(word);
      else cmd.argv.push(word);
      i = next === i ? i + 1 : next;
    }
  }
  endPipeline();
  return pipelines;
}

/**
 * The exec form of RUN/CMD/ENTRYPOINT/ADD/COPY: a JSON array of strings.
 * Undefined when the text is not exactly that (Docker then uses the shell
 * form). Each string becomes a word whose characters know their offsets.
 */
export function parseExecForm(input: LogicalText): ShellWord[] | undefined {
  const s = input.text;
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  ws();
  if (s[i] !== '[') return undefined;
  i++;
  const words: ShellWord[] = [];
  ws();
  if (s[i] === ']') {
    i++;
    ws();
    return i === s.length ? words : undefined;
  }
  for (;;) {
    ws();
    if (s[i] !== '"') return undefined;
    const start = i;
    i++;
    let value = '';
    const offsets: number[] = [];
    while (i < s.length && s[i] !== '"') {
      const at = input.offsets[i]!;
      if (s[i] === '\\') {
        const e = s[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          value += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else return undefined;
      } else {
        value += s[i];
        i++;
      }
      offsets.push(at);
    }
    if (i >= s.length) return undefined;
    i++;
    words.push({ value, offsets, span: { start: input.offsets[start]!, end: input.offsets[i - 1]! + 1 }, substitutions: [] });
    ws();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] !== ']') return undefined;
    i++;
    ws();
    return i === s.length ? words : undefined;
  }
}
