/**
 * The shared ground of the Dockerfile reader (parse/dockerfile-reader.ts):
 * the text with its line index, the instructions it finds as plain offsets,
 * and an instruction's arguments (words split at blanks, escaped line
 * breaks and comment lines skipped).
 *
 * The reader reads Dockerfiles exactly as dockerfile-ast 0.7.1 did when the
 * engine used it (MIT, Remy Suen), so findings did not move when it was
 * replaced: each function here and in the reader's other modules is that
 * library's algorithm, step for step, on UTF-16 offsets instead of
 * line/character positions. Where the library turned an offset into a
 * position and back, `at()` does what that round trip did (clamp to the
 * text, and step back from between a CR and its LF).
 */
import { LineIndex } from '../text';

/** Character codes the reader's loops compare with (each module takes them into constants of its own, which its hot loops read faster than another module's exports). */
export const CODES = { SPACE: 32, TAB: 9, LF: 10, CR: 13, HASH: 35, DOLLAR: 36 } as const;
const { SPACE, TAB, LF, CR, HASH, DOLLAR } = CODES;

/** The text being read, with what every step needs. */
export class DockerText {
  readonly lines: LineIndex;
  readonly length: number;
  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.length = text.length;
  }
  /** The offset a position made from `offset` stands for (the library's `offsetAt(positionAt(offset))`). */
  at(offset: number): number {
    const o = offset < 0 ? 0 : offset > this.length ? this.length : offset;
    return o > 0 && this.text.charCodeAt(o) === LF && this.text.charCodeAt(o - 1) === CR ? o - 1 : o;
  }
  /** 0-based line of an offset (as `at()` leaves it). */
  line(offset: number): number {
    return this.lines.position(this.at(offset)).line;
  }
  /** `document.getText(range)`: the text between two offsets, in either order. */
  between(start: number, end: number): string {
    return this.text.substring(start, end);
  }
}

/** The first index from `from` on that is not a blank (space or tab); the text's length when there is none. */
export function skipBlanks(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c !== SPACE && c !== TAB) break;
    j++;
  }
  return j;
}

/**
 * When blanks from `from` on end in a line break (after an escape character: an escaped line break), the index a
 * scan goes on from (the LF, or the character after a CR, which the library skips as well); otherwise -1.
 */
export function escapedBreakAfter(text: string, from: number): number {
  const j = skipBlanks(text, from);
  const c = text.charCodeAt(j);
  return c === LF ? j : c === CR ? j + 1 : -1;
}

/** The first CR or LF from `from` on, or -1. */
export function nextLineBreak(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === CR || c === LF) return j;
  }
  return -1;
}

/** An instruction as the reader found it: all offsets already as `at()` leaves them. */
export interface ReadInstruction {
  /** The keyword as written (escaped line breaks inside it dropped). */
  readonly word: string;
  readonly start: number;
  /** End of the keyword. */
  readonly keywordEnd: number;
  /** End of the instruction: its last argument line, or its heredocs' last line. */
  readonly end: number;
}

/** One argument: its value (escapes applied) and where it is. */
export interface ReadArgument {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * An instruction's arguments (the library's `Instruction.getRawArguments`):
 * blank-separated words after the keyword, a word's escape characters
 * dropped (`\$` keeps its escape), escaped line breaks and the comment
 * lines after them skipped. The escape character is one UTF-16 unit.
 */
export function rawArguments(doc: DockerText, ins: ReadInstruction, escape: string): ReadArgument[] {
  const escapeChar = escape.charCodeAt(0);
  const args: ReadArgument[] = [];
  const fullArgs = ins.keywordEnd <= ins.end ? doc.text.slice(ins.keywordEnd, ins.end) : '';
  const offset = ins.keywordEnd;
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The argument's value so far: `done`, then fullArgs[runFrom, runTo).
  let done = '';
  let runFrom = 0;
  let runTo = 0;
  const length = fullArgs.length;
  for (let i = 0; i < length; i++) {
    const char = fullArgs.charCodeAt(i);
    // The argument ends here (an escaped newline followed by blanks, or a blank), or characters are added to it.
    let end = -1;
    let from = -1;
    let to = -1;
    let stop = false;
    if (char === SPACE || char === TAB || char === CR || char === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === CR || char === LF) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        end = escapeMarker === -1 ? i : escapeMarker;
        escapeMarker = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charCodeAt(i + 1);
      if (next === SPACE || next === TAB) {
        whitespaceCheck: for (let j = i + 2; j < length; j++) {
          const c = fullArgs.charCodeAt(j);
          switch (c) {
            case SPACE:
            case TAB:
              continue;
            case CR:
            case LF:
              if (c === CR) j++; // one more character is skipped after a CR, whatever it is
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) end = escapeMarker;
        if (next !== next) stop = true; // the escape character ends the text
        else {
          // `\$` keeps the escape character; any other escaped character replaces it.
          from = next === DOLLAR ? i : i + 1;
          to = i + 2;
        }
      }
    } else if (!comment) {
      if (start && char === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) end = escapeMarker;
        from = i;
        to = i + 1;
        // The characters after it that are neither blanks nor the escape character join the argument the same way.
        while (to < length) {
          const c = fullArgs.charCodeAt(to);
          if (c === SPACE || c === TAB || c === CR || c === LF || c === escapeChar) break;
          to++;
        }
      }
      start = false;
    }
    if (end !== -1) {
      const value = runTo > runFrom ? done + fullArgs.slice(runFrom, runTo) : done;
      args.push({ value, start: doc.at(offset + found), end: doc.at(offset + end) });
      done = '';
      runFrom = runTo = 0;
      found = -1;
    }
    if (stop) {
      escapeMarker = -1;
      break;
    }
    if (from !== -1) {
      escapedWhitespaceDetected = false;
      escaping = false;
      escapeMarker = -1;
      if (from === runTo && runTo > runFrom) runTo = to;
      else {
        if (runTo > runFrom) done += fullArgs.slice(runFrom, runTo);
        runFrom = from;
        runTo = to;
      }
      if (found === -1) found = i;
      i = to - 1; // past the escaped character, or the run of argument characters
    }
  }
  if (found !== -1) {
    const value = runTo > runFrom ? done + fullArgs.slice(runFrom, runTo) : done;
    args.push({ value, start: doc.at(offset + found), end: doc.at(offset + (escapeMarker === -1 ? length : escapeMarker)) });
  }
  return args;
}

/**
 * The arguments of an ADD, COPY or RUN after its flags (the library's
 * `ModifiableInstruction.getArguments`): as many leading arguments are
 * dropped as there are `--` words before the first word without `--`.
 */
export function argumentsAfterFlags(args: ReadArgument[]): ReadArgument[] {
  let flags = 0;
  for (const arg of args) {
    if (arg.value.indexOf('--') === -1) break;
    if (arg.value.indexOf('--') === 0) flags++;
  }
  return flags === 0 ? args : args.slice(flags);
}

/** The library's `Util.parseHeredocName`: the delimiter named by `<<NAME`, `<<-"NAME"`, ...; null when malformed. */
export function parseHeredocName(word: string): string | null {
  let value = word.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === '<') return null;
  return value;
}

/** The library's `Util.findLeadingNonWhitespace`: the first character that is not a blank or an escaped line break, or -1. */
export function findLeadingNonWhitespace(content: string, escapeChar: string): number {
  whitespaceCheck: for (let i = 0; i < content.length; i++) {
    switch (content.charAt(i)) {
      case ' ':
      case '\t':
        continue;
      case escapeChar: {
        // An escaped line break (blanks between allowed) is skipped; one more character after a CR.
        const j = skipBlanks(content, i + 1);
        const c = content.charAt(j);
        if (c === '\r') i = j + 1;
        else if (c === '\n') i = j;
        else return -1;
        continue whitespaceCheck;
      }
      default:
        return i;
    }
  }
  return -1;
}
