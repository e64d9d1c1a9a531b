/**
 * The Dockerfile reader: parser directives, then instructions (keyword,
 * arguments with escaped line breaks, comment lines among them, heredoc
 * bodies), as UTF-16 offsets. It reads every text as dockerfile-ast 0.7.1
 * did (see parse/dockerfile-args.ts); linear in the text.
 */
import { CODES, DockerText, argumentsAfterFlags, parseHeredocName, rawArguments, skipBlanks, type ReadInstruction } from './dockerfile-args';

const { SPACE, TAB, LF, CR, HASH } = CODES;

/** A `# name=value` line at the top of the file. */
export interface ReadDirective {
  readonly name: string;
  readonly value: string;
  /** From the `#` to the end of its line. */
  readonly start: number;
  readonly end: number;
}

export interface ReadDockerfile {
  readonly doc: DockerText;
  readonly directives: ReadDirective[];
  /** `\`, or `` ` `` from an `# escape=` directive. */
  readonly escape: string;
  readonly instructions: ReadInstruction[];
}

/** Whether the text starts with a byte order mark. */
const startsWithBom = (text: string): boolean => text.charCodeAt(0) === 0xfeff;

/** The parser directives at the top of the file (the library's `Parser.getParserDirectives`). */
function readDirectives(doc: DockerText): ReadDirective[] {
  const buffer = doc.text;
  const directives: ReadDirective[] = [];
  directiveCheck: for (let i = startsWithBom(buffer) ? 1 : 0; i < buffer.length; i++) {
    switch (buffer.charAt(i)) {
      case ' ':
      case '\t':
        break;
      case '\r':
      case '\n':
        break directiveCheck; // a blank line ends the directives
      case '#': {
        let directiveStart = -1;
        let directiveEnd = -1;
        for (let j = i + 1; j < buffer.length; j++) {
          switch (buffer.charAt(j)) {
            case ' ':
            case '\t':
              if (directiveStart !== -1 && directiveEnd === -1) directiveEnd = j;
              break;
            case '\r':
            case '\n':
              break directiveCheck;
            case '=': {
              let valueStart = -1;
              let valueEnd = -1;
              if (directiveEnd === -1) directiveEnd = j;
              let lineEnd = buffer.length;
              directiveValue: for (let k = j + 1; k < buffer.length; k++) {
                switch (buffer.charAt(k)) {
                  case '\r':
                  case '\n':
                    if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
                    lineEnd = k;
                    break directiveValue;
                  case '\t':
                  case ' ':
                    if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
                    continue;
                  default:
                    if (valueStart === -1) valueStart = k;
                    break;
                }
              }
              if (directiveStart === -1) break directiveCheck; // a comment, not a directive
              if (valueStart === -1) {
                valueStart = j + 1;
                valueEnd = lineEnd;
              } else if (valueEnd === -1) valueEnd = buffer.length;
              directives.push({
                name: doc.between(doc.at(directiveStart), doc.at(directiveEnd)),
                value: doc.between(doc.at(valueStart), doc.at(valueEnd)),
                start: doc.at(i),
                end: doc.at(lineEnd),
              });
              directiveStart = -1;
              i = buffer.charAt(valueEnd) === '\r' ? valueEnd + 1 : valueEnd;
              continue directiveCheck;
            }
            default:
              if (directiveStart === -1) directiveStart = j;
              break;
          }
        }
        break;
      }
      default:
        break directiveCheck;
    }
  }
  return directives;
}

/** Keywords whose instructions can carry heredocs (ONBUILD through its trigger). */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'ONBUILD']);

class Reader {
  readonly instructions: ReadInstruction[] = [];
  private readonly buffer: string;
  private readonly escapeCode: number;
  constructor(
    readonly doc: DockerText,
    private readonly escape: string,
  ) {
    this.buffer = doc.text;
    this.escapeCode = escape.charCodeAt(0);
  }

  read(offset: number): void {
    const buffer = this.buffer;
    for (let i = offset; i < buffer.length; i++) {
      const char = buffer.charCodeAt(i);
      if (char === SPACE || char === TAB || char === CR || char === LF) continue;
      i = char === HASH ? this.commentEnd(i) : this.instruction(i);
    }
  }

  private make(word: string, start: number, keywordEnd: number, end: number): ReadInstruction {
    const doc = this.doc;
    return { word, start: doc.at(start), keywordEnd: doc.at(keywordEnd), end: doc.at(end) };
  }

  /** The library's `Parser.processInstruction`: reads the keyword at `start`, then its arguments; returns where it ends. */
  private instruction(start: number): number {
    const buffer = this.buffer;
    const escapeChar = this.escape;
    let instruction = buffer.charAt(start);
    let instructionEnd = -1;
    let escapedInstruction = false;
    instructionCheck: for (let i = start + 1; i < buffer.length; i++) {
      let char = buffer.charAt(i);
      switch (char) {
        case escapeChar:
          escapedInstruction = true;
          char = buffer.charAt(i + 1);
          if (char === '\r' || char === '\n') {
            if (instructionEnd === -1) instructionEnd = i;
            i++;
          } else if (char === ' ' || char === '\t') {
            const j = skipBlanks(buffer, i + 2);
            const c = buffer.charAt(j);
            if (c === '\r' || c === '\n') {
              i = j;
              continue instructionCheck;
            }
            instructionEnd = i + 1;
            instruction = instruction + escapeChar;
            if (j >= buffer.length) break instructionCheck;
            i = j - 2;
            continue instructionCheck;
          } else {
            instructionEnd = i + 1;
            instruction = instruction + escapeChar;
            escapedInstruction = false;
          }
          break;
        case ' ':
        case '\t':
          if (escapedInstruction) {
            // After an escaped line break, a line of blanks only does not end the keyword.
            const j = skipBlanks(buffer, i + 1);
            const c = buffer.charAt(j);
            if (c === '\r' || c === '\n') {
              i = j;
              continue instructionCheck;
            }
            escapedInstruction = false;
          }
          if (instructionEnd === -1) instructionEnd = i;
          i = this.argumentsEnd(instruction, instructionEnd, start, i);
          this.instructions.push(this.make(instruction, start, instructionEnd, i));
          return i;
        case '\r':
        case '\n':
          if (escapedInstruction) continue;
          if (instructionEnd === -1) instructionEnd = i;
          this.instructions.push(this.make(instruction, start, i, i));
          return i;
        default:
          if (char === '#' && escapedInstruction) continue;
          instructionEnd = i + 1;
          instruction = instruction + char;
          escapedInstruction = false;
          break;
      }
    }
    if (instructionEnd === -1) instructionEnd = buffer.length;
    this.instructions.push(this.make(instruction, start, instructionEnd, buffer.length));
    return buffer.length;
  }

  /** The library's `Parser.processArguments`: the first line break that is not escaped, then past any heredoc bodies. */
  private argumentsEnd(instruction: string, instructionEnd: number, start: number, offset: number): number {
    const buffer = this.buffer;
    const escapeChar = this.escapeCode;
    const length = buffer.length;
    let escaped = false;
    argumentsCheck: for (let i = offset + 1; i < length; i++) {
      const char = buffer.charCodeAt(i);
      if (char === CR || char === LF) {
        if (escaped) continue;
        if (!HEREDOC_KEYWORDS.has(instruction.toUpperCase())) return i;
        return this.heredocsEnd(this.make(instruction, start, instructionEnd, i), i);
      }
      if (char === escapeChar) {
        const next = buffer.charCodeAt(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SPACE || next === TAB) {
          const j = skipBlanks(buffer, i + 2);
          if (j >= length) return length;
          const c = buffer.charCodeAt(j);
          if (c === CR || c === LF) escaped = true;
          i = j;
        }
        continue;
      }
      if (char === HASH) {
        if (escaped) i = this.commentEnd(i);
        continue;
      }
      if (char === SPACE || char === TAB) continue;
      escaped = false;
    }
    return length;
  }

  /** The library's `Parser.processHeredocs`: past the bodies of the heredocs an ADD, COPY or RUN (or ONBUILD's trigger) opens. */
  private heredocsEnd(instruction: ReadInstruction, offset: number): number {
    const doc = this.doc;
    let keyword = instruction.word.toUpperCase();
    let ins = instruction;
    if (keyword === 'ONBUILD') {
      const args = rawArguments(doc, ins, this.escape);
      if (args.length === 0) return offset;
      const trigger = args[0]!;
      const word = doc.between(trigger.start, trigger.end);
      ins = { word, start: trigger.start, keywordEnd: trigger.end, end: ins.end };
      keyword = word.toUpperCase();
    }
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return offset;
    const names: string[] = [];
    let tabbed = false;
    for (const arg of argumentsAfterFlags(rawArguments(doc, ins, this.escape))) {
      const value = arg.value;
      if (value.startsWith('<<') && value.length > 2) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = parseHeredocName(value);
        if (name !== null) names.push(name);
      }
    }
    for (const name of names) offset = this.heredocEnd(name, offset, tabbed);
    return offset;
  }

  /** The library's `Parser.parseHeredoc`: the line break after the line that is the delimiter (blanks before it only if tabbed). */
  private heredocEnd(name: string, offset: number, tabbed: boolean): number {
    const buffer = this.buffer;
    let startWord = -1;
    let lineStart = true;
    for (let i = offset; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === SPACE) lineStart = false;
      else if (c === TAB) {
        if (!tabbed) lineStart = false;
      } else if (c === CR || c === LF) {
        if (startWord !== -1 && i - startWord === name.length && buffer.startsWith(name, startWord)) return i;
        startWord = -1;
        lineStart = true;
      } else if (lineStart) {
        startWord = i;
        lineStart = false;
      }
    }
    return buffer.length;
  }

  /** The end of the comment at `start` (its line break, or the end of the text). */
  private commentEnd(start: number): number {
    const buffer = this.buffer;
    for (let i = start + 1; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === CR || c === LF) return i;
    }
    return buffer.length;
  }
}

/** Read a Dockerfile: its directives, escape character and instructions. Never throws. */
export function readDockerfile(text: string): ReadDockerfile {
  const doc = new DockerText(text);
  const directives = readDirectives(doc);
  let escape = '\\';
  let offset = 0;
  if (directives.length > 0) {
    for (const d of directives) {
      if (d.name.toLowerCase() === 'escape' && (d.value === '\\' || d.value === '`')) {
        escape = d.value;
        break;
      }
    }
    // Instructions start on the line after the directives.
    offset = directives.length < doc.lines.lineCount ? doc.lines.offset(directives.length, 0) : text.length;
  } else if (startsWithBom(text)) offset = 1;
  const reader = new Reader(doc, escape);
  reader.read(offset);
  return { doc, directives, escape, instructions: reader.instructions };
}
