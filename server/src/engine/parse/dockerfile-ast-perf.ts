/**
 * Keeps dockerfile-ast linear on long instructions.
 *
 * The library recomputes an instruction's argument list (a character-by-
 * character scan that allocates a Range per word) every time it is asked,
 * and its constructors ask several times: a RUN of 100,000 continuation lines
 * is scanned nine times while parsing (about ten seconds). And it drops an
 * instruction's flags from that list with one `Array.shift()` per flag, which
 * is quadratic in the number of flags (`RUN --mount=... --mount=...`).
 *
 * Both are fixed here, once, on the library's prototypes, without changing
 * what any method returns: the scan is cached per instruction (an
 * instruction's text never changes; each caller gets its own copy of the
 * list, as before), and the flags are dropped with one `slice`.
 *
 * The hot paths of a parse are rewritten the same way, to cost what a scan
 * should (a 2,000-line Dockerfile: issue 10), each step for step with the
 * library's algorithm: the argument scan (the original builds each argument
 * one character at a time, `s += c`, and creates and validates a Range,
 * three objects and two position searches, per argument; this one slices
 * the argument out of the text and works its range out only if it is read,
 * with the same document calls), the parser loop that finds where an
 * instruction's arguments end, and the parser's instruction factory. The
 * parser constructs every RUN twice and each construction scans its
 * arguments, so the scan was most of the library's parse time.
 * parse/dockerfile.ts imports this module before it parses anything.
 */
// The library's entry first: its modules import each other in cycles that only resolve in that order.
import { Argument } from 'dockerfile-ast';
import { Instruction } from 'dockerfile-ast/lib/instruction';
import { ModifiableInstruction } from 'dockerfile-ast/lib/modifiableInstruction';
import { Parser } from 'dockerfile-ast/lib/parser';

type RawArguments = (this: Instruction) => Argument[];

const PATCHED = Symbol.for('shipshape.dockerfile-ast-perf');
const ORIGINAL = Symbol.for('shipshape.dockerfile-ast-perf.getRawArguments');
const SCANNED = Symbol('shipshape.dockerfile-ast-perf.arguments');

/** How many times an instruction's arguments were scanned (for tests: once per instruction asked; counted only where test seams are on, see test-seams.d.ts). */
export const argumentScans = { count: 0 };

/** The library's own scan, unpatched (for tests that compare it with scanRawArguments). */
export const libraryScan: { rawArguments?: (this: Instruction) => Argument[] } = {};

/** The library's range and position types (from vscode-languageserver-types, which the engine does not import by name). */
type Range = Argument['range'];
type Position = Range['start'];

/** The library's text document type (from vscode-languageserver-textdocument, which the engine does not import by name). */
type TextDocument = ConstructorParameters<typeof Instruction>[0];

/** What the scan reads of an instruction (protected or private in the library's typings). */
interface InstructionInternals {
  document: TextDocument;
  escapeChar: string;
  getInstructionRange(): { start: Position; end: Position };
  getTextContent(): string;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const DOLLAR = 36;

/** What LazyArgument's constructor passes for the range it has not worked out yet. */
const UNSET = Symbol('range not computed');
const MATERIALIZE = Symbol('materialize');

/**
 * An Argument whose range is worked out the first time it is read, with the
 * same `document.positionAt` calls the library makes when it creates one:
 * a long RUN has thousands of arguments and the library only ever reads the
 * ranges of a few of them (the first and the last, flags, ENV and ARG
 * properties), so the rest never cost the three objects of a Range. From
 * then on `range` is an ordinary property, as on any Argument.
 */
class LazyArgument extends Argument {
  readonly #document: TextDocument;
  readonly #start: number;
  readonly #end: number;
  constructor(value: string, document: TextDocument, start: number, end: number) {
    super(value, UNSET as never);
    this.#document = document;
    this.#start = start;
    this.#end = end;
  }
  /** The range from the offsets, made an own property of this argument. */
  [MATERIALIZE](): Range {
    const range = { start: this.#document.positionAt(this.#start), end: this.#document.positionAt(this.#end) };
    Object.defineProperty(this, 'range', { value: range, writable: true, enumerable: true, configurable: true });
    return range;
  }
}
Object.defineProperty(LazyArgument.prototype, 'range', {
  configurable: true,
  get(this: LazyArgument): Range {
    return this[MATERIALIZE]();
  },
  set(this: LazyArgument, value: unknown) {
    // Argument's constructor assigns UNSET (before the private fields exist); anything else is a real range.
    if (value !== UNSET) Object.defineProperty(this, 'range', { value, writable: true, enumerable: true, configurable: true });
  },
});

/**
 * `Instruction.prototype.getRawArguments` of dockerfile-ast 0.7.1, step for
 * step (same branches, same arguments, same ranges) except that an
 * argument's value is collected as slices of adjacent characters instead of
 * one character at a time, and its range is only worked out when it is read
 * (LazyArgument). test/unit/hostile/dockerfile-ast-perf.test.ts and
 * test/unit/engine/dockerfile-ast-scan.test.ts compare it with the original.
 */
export function scanRawArguments(this: Instruction): Argument[] {
  const self = this as unknown as InstructionInternals;
  const document = self.document;
  const escapeChar = self.escapeChar.charCodeAt(0);
  const args: Argument[] = [];
  const range = self.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const content = self.getTextContent();
  const fullArgs = content.substring(extra);
  const offset = document.offsetAt(range.start) + extra;
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The argument's value so far (the original's `escapedArg`): `done`, then fullArgs[runFrom, runTo).
  let done = '';
  let runFrom = 0;
  let runTo = 0;
  const length = fullArgs.length;
  for (let i = 0; i < length; i++) {
    const char = fullArgs.charCodeAt(i);
    // The argument ends here (an escaped newline followed by blanks, or a blank), or a character is added to it.
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
              if (c === CR) j++; // the original skips one more character after a CR, whatever it is
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
      args.push(new LazyArgument(value, document, offset + found, offset + end));
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
    args.push(new LazyArgument(value, document, offset + found, offset + (escapeMarker === -1 ? length : escapeMarker)));
  }
  return args;
}

/** What the parser's methods below read of it (private in the library's typings). */
interface ParserInternals {
  document: TextDocument;
  buffer: string;
  escapeChar: string;
  processHeredocs(instruction: Instruction, offset: number): number;
  processComment(dockerfile: unknown, start: number): number;
  createInstruction(dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
}
type ProcessArguments = (this: ParserInternals, dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number) => number;

/** Instructions processHeredocs looks at (ONBUILD for its trigger); the others never have heredocs. */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'ONBUILD']);

/**
 * `Parser.prototype.processArguments` of dockerfile-ast 0.7.1 (finds where
 * an instruction's arguments end: its first line break that is not escaped),
 * step for step, on character codes instead of one-character strings and a
 * `switch` that re-reads the escape character for every character, and
 * without building the instruction for processHeredocs when it has no
 * heredocs to look for.
 */
function processArguments(this: ParserInternals, dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number): number {
  const buffer = this.buffer;
  const escapeChar = this.escapeChar.charCodeAt(0);
  const length = buffer.length;
  let escaped = false;
  argumentsCheck: for (let i = offset + 1; i < length; i++) {
    const char = buffer.charCodeAt(i);
    if (char === CR || char === LF) {
      if (escaped) continue;
      // processHeredocs returns `i` unchanged for instructions other than these without looking at the
      // instruction, whose construction has no side effects: it is only built when it can have heredocs.
      if (!HEREDOC_KEYWORDS.has(instruction.toUpperCase())) return i;
      return this.processHeredocs(this.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
    }
    if (char === escapeChar) {
      const next = buffer.charCodeAt(i + 1);
      if (next === LF || next === CR) {
        escaped = true;
        i++;
      } else if (next === SPACE || next === TAB) {
        for (let j = i + 2; j < length; j++) {
          const c = buffer.charCodeAt(j);
          if (c === SPACE || c === TAB) continue;
          if (c === CR || c === LF) escaped = true;
          i = j;
          continue argumentsCheck;
        }
        // reached EOF
        return length;
      }
      continue;
    }
    if (char === HASH) {
      if (escaped) i = this.processComment(dockerfile, i);
      continue;
    }
    if (char === SPACE || char === TAB) continue;
    escaped = false;
  }
  return length;
}

/** `Parser.prototype.createInstruction` of dockerfile-ast 0.7.1 without re-validating the positions the document returns. */
function createInstruction(this: ParserInternals, dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): Instruction {
  const startPosition = this.document.positionAt(start);
  const instructionRange = { start: startPosition, end: this.document.positionAt(instructionEnd) };
  const lineRange = { start: startPosition, end: this.document.positionAt(end) };
  return Parser.createInstruction(this.document, dockerfile as never, this.escapeChar, lineRange, instruction, instructionRange);
}

function patch(): void {
  const proto = Instruction.prototype as unknown as Record<string | symbol, unknown>;
  if (proto[PATCHED]) {
    // Patched by another copy of this module: share its record of the original.
    libraryScan.rawArguments = proto[ORIGINAL] as RawArguments;
    return;
  }
  const raw = proto.getRawArguments as RawArguments | undefined;
  // A library version without these methods keeps its own behaviour.
  if (typeof raw !== 'function' || typeof ModifiableInstruction.prototype.getFlags !== 'function') return;
  libraryScan.rawArguments = raw;
  proto[ORIGINAL] = raw;
  // The library's escape characters (`\\`, or `` ` `` from a directive) are one UTF-16 unit; anything else keeps the original scan.
  const scan = function (this: Instruction): Argument[] {
    const escape = (this as unknown as InstructionInternals).escapeChar;
    return typeof escape === 'string' && escape.length === 1 ? scanRawArguments.call(this) : raw.call(this);
  };
  // The scan, kept on the instruction under a symbol (cheaper to reach, and to collect, than a WeakMap entry).
  proto.getRawArguments = function (this: Instruction): Argument[] {
    const self = this as unknown as { [SCANNED]?: Argument[] };
    let args = self[SCANNED];
    if (!args) {
      if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS)) argumentScans.count++;
      args = scan.call(this);
      self[SCANNED] = args;
    }
    return args.slice();
  };
  const instructionGetArguments = Instruction.prototype.getArguments;
  ModifiableInstruction.prototype.getArguments = function (this: ModifiableInstruction): Argument[] {
    const args = instructionGetArguments.call(this);
    // While getFlags() computes the flags it sees an empty list here, as with the original.
    const flags = this.getFlags();
    return flags.length === 0 ? args : args.slice(flags.length);
  };
  const parser = Parser.prototype as unknown as Record<string, unknown>;
  const rawProcessArguments = parser.processArguments as ProcessArguments | undefined;
  if (typeof rawProcessArguments === 'function' && typeof parser.processHeredocs === 'function' && typeof parser.processComment === 'function') {
    parser.processArguments = function (this: ParserInternals, ...args: Parameters<ProcessArguments>): number {
      return typeof this.escapeChar === 'string' && this.escapeChar.length === 1 ? processArguments.apply(this, args) : rawProcessArguments.apply(this, args);
    };
  }
  if (typeof parser.createInstruction === 'function' && typeof Parser.createInstruction === 'function') parser.createInstruction = createInstruction;
  proto[PATCHED] = true;
}

patch();
