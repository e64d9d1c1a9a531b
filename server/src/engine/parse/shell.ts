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
  readonly value: string;
  /** File offset of each character of `value`. */
  readonly offsets: ArrayLike<number>;
  /** The word as written in the file, quotes included (one logical range; may cross a continuation). */
  readonly span: Span;
  /** Inner text of each `$(...)`, backquoted, `<(...)` or `>(...)` part: commands the shell runs. */
  readonly substitutions: readonly LogicalText[];
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

const BLANK = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const SQUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const BACKQUOTE = 96;
const LPAREN = 40;
const RPAREN = 41;
const LBRACE = 123;
const LT = 60;
const GT = 62;
const AMP = 38;
const PIPE = 124;
const SEMI = 59;
const HASH = 35;

// Character codes; NaN (charCodeAt past the end) is none of them.
const isBlank = (c: number): boolean => c === BLANK || c === TAB;
const isNewline = (c: number): boolean => c === LF || c === CR;
/** Characters that end an unquoted word (the end of the text too). */
const isBreak = (c: number): boolean =>
  c !== c || c === BLANK || c === TAB || c === LF || c === CR || c === SEMI || c === AMP || c === PIPE || c === LPAREN || c === RPAREN || c === LT || c === GT;

/** Index just after the `)` matching the `(` at `open`, skipping quotes and escapes (the text's end when unmatched). */
function matchParen(s: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === SQUOTE) {
      const j = s.indexOf("'", i + 1);
      i = j < 0 ? s.length : j + 1;
    } else if (c === DQUOTE) {
      i++;
      while (i < s.length && s.charCodeAt(i) !== DQUOTE) i += s.charCodeAt(i) === BACKSLASH ? 2 : 1;
      i++;
    } else {
      if (c === LPAREN) depth++;
      else if (c === RPAREN && --depth === 0) return i + 1;
      i++;
    }
  }
  return s.length;
}

/** Index just after the backquote closing the one at `open`. */
function matchBackquote(s: string, open: number): number {
  let i = open + 1;
  while (i < s.length && s.charCodeAt(i) !== BACKQUOTE) i += s.charCodeAt(i) === BACKSLASH ? 2 : 1;
  return Math.min(i + 1, s.length);
}

/** Index just after the `}` closing `${` at `open`. */
function matchBrace(s: string, open: number): number {
  const j = s.indexOf('}', open);
  return j < 0 ? s.length : j + 1;
}

const NO_SUBSTITUTIONS: readonly LogicalText[] = Object.freeze([]);

/**
 * A word of a script. Its offsets are worked out when asked for (few words
 * are: the scripts of `sh -c` and tests), from the runs of the input its
 * characters came from; its span object too (most words are never reported).
 */
class Word implements ShellWord {
  readonly #input: LogicalText;
  readonly #start: number;
  readonly #end: number;
  #span: Span | undefined;
  /** The input indexes [from, to) of the word's characters, or [from, to) pairs of several runs. */
  readonly #runs: number | readonly number[];
  readonly #to: number;
  #offsets: ArrayLike<number> | undefined;
  constructor(
    readonly value: string,
    start: number,
    end: number,
    readonly substitutions: readonly LogicalText[],
    input: LogicalText,
    runs: number | readonly number[],
    to: number,
  ) {
    this.#start = start;
    this.#end = end;
    this.#input = input;
    this.#runs = runs;
    this.#to = to;
  }
  get span(): Span {
    return (this.#span ??= { start: this.#start, end: this.#end });
  }
  get offsets(): ArrayLike<number> {
    if (this.#offsets === undefined) {
      const source = this.#input.offsets;
      const runs = typeof this.#runs === 'number' ? [this.#runs, this.#to] : this.#runs;
      if (runs.length === 2 && source instanceof Int32Array) this.#offsets = source.subarray(runs[0]!, runs[1]!);
      else {
        const out: number[] = [];
        for (let r = 0; r < runs.length; r += 2) for (let k = runs[r]!; k < runs[r + 1]!; k++) out.push(source[k]!);
        this.#offsets = out;
      }
    }
    return this.#offsets;
  }
}

/**
 * A word's value, built from runs of the input: consecutive pushes of
 * adjacent characters are joined, so a word without quotes or escapes is one
 * slice of the input. One builder serves a whole tokenizeShell call.
 */
class WordBuilder {
  private parts = '';
  private runFrom = 0;
  private runTo = 0;
  /** The first run flushed (start, end), and the runs after it when there are several. */
  private firstFrom = -1;
  private firstTo = -1;
  private runs: number[] | undefined;
  private substitutions: LogicalText[] | undefined;
  /** Index just after the word readWord read last. */
  next = 0;
  constructor(private readonly input: LogicalText) {}
  push(from: number, to: number): void {
    if (to <= from) return;
    if (from === this.runTo && this.runTo > this.runFrom) {
      this.runTo = to;
      return;
    }
    this.flush();
    this.runFrom = from;
    this.runTo = to;
  }
  private flush(): void {
    if (this.runTo > this.runFrom) {
      this.parts += this.input.text.slice(this.runFrom, this.runTo);
      if (this.firstFrom < 0) {
        this.firstFrom = this.runFrom;
        this.firstTo = this.runTo;
      } else (this.runs ??= [this.firstFrom, this.firstTo]).push(this.runFrom, this.runTo);
    }
    this.runFrom = this.runTo = 0;
  }
  /** Keep [from, to) verbatim and record [innerFrom, innerTo) as commands. */
  substitution(from: number, to: number, innerFrom: number, innerTo: number): void {
    this.push(from, to);
    if (innerTo > innerFrom) (this.substitutions ??= []).push(sliceLogical(this.input, innerFrom, innerTo));
  }
  /** The word built since the last one, as written at input [start, end). */
  take(start: number, end: number): ShellWord {
    this.flush();
    const offsets = this.input.offsets;
    const last = Math.max(start, Math.min(end, this.input.text.length) - 1);
    const runs = this.runs ?? (this.firstFrom < 0 ? EMPTY_RUNS : this.firstFrom);
    const word = new Word(this.parts, offsets[start] ?? 0, (offsets[last] ?? 0) + 1, this.substitutions ?? NO_SUBSTITUTIONS, this.input, runs, this.firstTo);
    this.parts = '';
    this.firstFrom = this.firstTo = -1;
    this.runs = undefined;
    this.substitutions = undefined;
    return word;
  }
}

const EMPTY_RUNS: readonly number[] = Object.freeze([]);

/** End of the run of characters from `i` that an unquoted word keeps as they are. */
function plainRun(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (isBreak(c) || c === BACKSLASH || c === SQUOTE || c === DQUOTE || c === BACKQUOTE) return i;
    if (c === DOLLAR) {
      const n = s.charCodeAt(i + 1);
      if (n === LPAREN || n === LBRACE) return i;
    }
    i++;
  }
}

/** End of the run of characters from `i` that a double-quoted string keeps as they are. */
function quotedRun(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== c || c === DQUOTE || c === BACKSLASH || c === BACKQUOTE) return i;
    if (c === DOLLAR && s.charCodeAt(i + 1) === LPAREN) return i;
    i++;
  }
}

/** Read the word at `i` with the builder of its input; returns it (the index after it is `b.next`). */
function readWord(b: WordBuilder, s: string, start: number): ShellWord {
  let i = start;
  // Process substitution at the start of a word: <(cmd) or >(cmd).
  const first = s.charCodeAt(i);
  if ((first === LT || first === GT) && s.charCodeAt(i + 1) === LPAREN) {
    const end = matchParen(s, i + 1);
    b.substitution(i, end, i + 2, Math.max(i + 2, end - 1));
    i = end;
  }
  while (i < s.length && !isBreak(s.charCodeAt(i))) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      const n = s.charCodeAt(i + 1);
      if (isNewline(n)) i += n === CR && s.charCodeAt(i + 2) === LF ? 3 : 2;
      else if (i + 1 < s.length) {
        b.push(i + 1, i + 2);
        i += 2;
      } else {
        b.push(i, i + 1);
        i++;
      }
    } else if (c === SQUOTE) {
      const j = s.indexOf("'", i + 1);
      const end = j < 0 ? s.length : j;
      b.push(i + 1, end);
      i = end + 1;
    } else if (c === DQUOTE) {
      i = readDoubleQuoted(s, i + 1, b);
    } else if (c === DOLLAR && s.charCodeAt(i + 1) === LPAREN) {
      const end = matchParen(s, i + 1);
      b.substitution(i, end, i + 2, Math.max(i + 2, end - 1));
      i = end;
    } else if (c === DOLLAR && s.charCodeAt(i + 1) === LBRACE) {
      const end = matchBrace(s, i + 1);
      b.push(i, end);
      i = end;
    } else if (c === BACKQUOTE) {
      const end = matchBackquote(s, i);
      b.substitution(i, end, i + 1, Math.max(i + 1, end - 1));
      i = end;
    } else {
      const end = Math.max(i + 1, plainRun(s, i + 1));
      b.push(i, end);
      i = end;
    }
  }
  b.next = i;
  return b.take(start, i);
}

/** Read a double-quoted string whose content starts at `i`; returns the index after the closing quote. */
function readDoubleQuoted(s: string, start: number, b: WordBuilder): number {
  let i = start;
  while (i < s.length && s.charCodeAt(i) !== DQUOTE) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      const n = s.charCodeAt(i + 1);
      if (n === DOLLAR || n === BACKQUOTE || n === DQUOTE || n === BACKSLASH) {
        b.push(i + 1, i + 2);
        i += 2;
      } else if (isNewline(n)) i += n === CR && s.charCodeAt(i + 2) === LF ? 3 : 2;
      else {
        b.push(i, i + 1);
        i++;
      }
    } else if (c === DOLLAR && s.charCodeAt(i + 1) === LPAREN) {
      const end = matchParen(s, i + 1);
      b.substitution(i, end, i + 2, Math.max(i + 2, end - 1));
      i = end;
    } else if (c === BACKQUOTE) {
      const end = matchBackquote(s, i);
      b.substitution(i, end, i + 1, Math.max(i + 1, end - 1));
      i = end;
    } else {
      const end = Math.max(i + 1, quotedRun(s, i + 1));
      b.push(i, end);
      i = end;
    }
  }
  return i + 1;
}

/** `0`-`9` only, at least one. */
function allDigits(v: string): boolean {
  if (v.length === 0) return false;
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Split a shell script into pipelines of simple commands. */
export function tokenizeShell(input: LogicalText): ShellPipeline[] {
  const s = input.text;
  const builder = new WordBuilder(input);
  const pipelines: ShellPipeline[] = [];
  // The pipeline and the command being read are collected in these (reused) lists and copied, at their size, when they end.
  // (Their first `...Count` entries; `length = 0` would drop their storage.)
  const pipeline: ShellCommand[] = [];
  let pipelineCount = 0;
  let cmd: ShellCommand = { assignments: [], argv: [], redirects: [] };
  const argv: ShellWord[] = [];
  let argvCount = 0;
  const endCommand = () => {
    if (argvCount || cmd.assignments.length || cmd.redirects.length) {
      cmd.argv = argv.slice(0, argvCount);
      argvCount = 0;
      pipeline[pipelineCount++] = cmd;
      cmd = { assignments: [], argv: [], redirects: [] };
    }
  };
  const endPipeline = () => {
    endCommand();
    if (pipelineCount) {
      pipelines.push(pipeline.slice(0, pipelineCount));
      pipelineCount = 0;
    }
  };
  const readRedirect = (i: number): number => {
    const op = REDIRECT_OPS.find((o) => s.startsWith(o, i)) ?? s[i]!;
    let j = i + op.length;
    while (isBlank(s.charCodeAt(j))) j++;
    if (j < s.length && !isBreak(s.charCodeAt(j))) {
      const word = readWord(builder, s, j);
      const next = builder.next;
      cmd.redirects.push({ op, target: word });
      return next;
    }
    cmd.redirects.push({ op });
    return j;
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isBlank(c)) i++;
    else if (c === BACKSLASH && isNewline(s.charCodeAt(i + 1))) i += s.charCodeAt(i + 1) === CR && s.charCodeAt(i + 2) === LF ? 3 : 2;
    else if (isNewline(c) || c === SEMI || c === LPAREN || c === RPAREN) {
      endPipeline();
      i++;
    } else if (c === HASH) {
      while (i < s.length && !isNewline(s.charCodeAt(i))) i++;
    } else if (c === PIPE) {
      if (s.charCodeAt(i + 1) === PIPE) {
        endPipeline();
        i += 2;
      } else {
        endCommand();
        i += s.charCodeAt(i + 1) === AMP ? 2 : 1;
      }
    } else if (c === AMP) {
      if (s.charCodeAt(i + 1) === GT) i = readRedirect(i);
      else {
        endPipeline();
        i += s.charCodeAt(i + 1) === AMP ? 2 : 1;
      }
    } else if ((c === LT || c === GT) && s.charCodeAt(i + 1) !== LPAREN) {
      i = readRedirect(i);
    } else {
      const word = readWord(builder, s, i);
      const next = builder.next;
      const n = s.charCodeAt(next);
      if ((n === LT || n === GT) && next - i === word.value.length && allDigits(word.value)) {
        i = readRedirect(next); // `2>&1`, `2>/dev/null`: the digits name a file descriptor
        continue;
      }
      if (argvCount === 0 && ASSIGNMENT.test(word.value)) cmd.assignments.push(word);
      else argv[argvCount++] = word;
      i = next === i ? i + 1 : next;
    }
  }
  endPipeline();
  return pipelines;
}
