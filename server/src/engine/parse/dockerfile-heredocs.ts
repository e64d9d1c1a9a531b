/**
 * The heredocs of an ADD, COPY or RUN (`<<EOF`, `<<-"EOF"`): each one's
 * delimiter name and body, read as dockerfile-ast 0.7.1 read them (its
 * `Instruction.getHeredocs`, see parse/dockerfile-args.ts).
 */
import { argumentsAfterFlags, parseHeredocName, rawArguments, skipBlanks, type DockerText, type ReadArgument, type ReadInstruction } from './dockerfile-args';

export interface ReadHeredoc {
  readonly name: string;
  /** The body's offsets [start, end); undefined when the heredoc has none. */
  readonly content?: { readonly start: number; readonly end: number };
}

/** The offsets of a heredoc's delimiter name in its operator word (the library's `getNameRange`). */
function nameRange(doc: DockerText, escape: string, arg: ReadArgument): { start: number; end: number } {
  const content = doc.between(arg.start, arg.end);
  let endFound = false;
  let searchHyphen = false;
  let start = -1;
  let end = -1;
  let escaping = false;
  let quote: string | null = null;
  contentLoop: for (let i = 0; i < content.length; i++) {
    const ch = content.charAt(i);
    switch (ch) {
      case '"':
      case "'":
        if (quote === ch) break contentLoop;
        quote = ch;
        continue;
      case escape:
        // An LF anywhere after it (the library looks no further, and goes on from the next character).
        if (content.indexOf('\n', i + 1) !== -1) escaping = true;
        break;
      case ' ':
      case '\t':
      case '\r':
      case '\n':
        break;
      case '<':
        if (endFound) searchHyphen = true;
        else endFound = true;
        break;
      default:
        if (ch === '-' && searchHyphen) {
          searchHyphen = false;
          break;
        }
        if ((ch === '-' || ch === '#') && escaping) {
          const j = content.indexOf('\n', i + 1);
          if (j !== -1) {
            i = j;
            continue contentLoop;
          }
        }
        if (start === -1) start = i;
        if (quote !== null) {
          end = i + 1;
          break;
        }
        break contentLoop;
    }
  }
  if (start === -1) return { start: arg.end, end: arg.end };
  return { start: doc.at(arg.start + start), end: quote !== null ? doc.at(arg.start + end) : arg.end };
}

/** The delimiter name in a name range, escaped line breaks and comment lines dropped (the library's `getName`). */
function nameOf(doc: DockerText, escape: string, range: { start: number; end: number }): string {
  const content = doc.between(range.start, range.end);
  let escaping = false;
  let name = '';
  nameLoop: for (let i = 0; i < content.length; i++) {
    const ch = content.charAt(i);
    switch (ch) {
      case escape: {
        escaping = true;
        // Blanks, then a line break (skipped, one more character after a CR) or an escaped character (kept).
        const j = skipBlanks(content, i + 1);
        const c = content.charAt(j);
        if (j >= content.length) break;
        if (c === '\r') i = j + 1;
        else {
          if (c !== '\n') name += c;
          i = j;
        }
        break;
      }
      default:
        if (ch === '#' && escaping) {
          const j = content.indexOf('\n', i + 1);
          if (j !== -1) {
            i = j;
            continue nameLoop;
          }
        }
        if ((ch === '#' || ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') && escaping) break;
        name += ch;
        break;
    }
  }
  return name;
}

/** Whether the text [start, end) is the delimiter line of the heredoc `arg` opens (the library's `getDelimiterRange` not null). */
function isDelimiter(doc: DockerText, arg: ReadArgument, name: string, start: number, end: number): boolean {
  const text = doc.between(start, end);
  if (arg.value.startsWith('<<-')) {
    let index = 0;
    while (text.charAt(index) === '\t') index++;
    return text.substring(index) === name;
  }
  return text === name;
}

const heredocName = (doc: DockerText, escape: string, arg: ReadArgument): string => nameOf(doc, escape, nameRange(doc, escape, arg));

/** Heredocs of an instruction on one line: names only, no bodies (the library's `createSingleLineHeredocs`). */
function singleLineHeredocs(doc: DockerText, escape: string, args: ReadArgument[]): ReadHeredoc[] {
  const heredocs: ReadHeredoc[] = [];
  for (const arg of args) {
    if (arg.value.startsWith('<<') && parseHeredocName(arg.value) !== null) heredocs.push({ name: heredocName(doc, escape, arg) });
  }
  return heredocs;
}

/** The heredocs of an ADD, COPY or RUN (the library's `Instruction.getHeredocs`). */
export function readHeredocs(doc: DockerText, escape: string, ins: ReadInstruction): ReadHeredoc[] {
  const args = argumentsAfterFlags(rawArguments(doc, ins, escape));
  if (args.length === 0) return [];
  if (doc.line(ins.start) === doc.line(ins.end)) return singleLineHeredocs(doc, escape, args);
  const heredocs: ReadHeredoc[] = [];
  const definitions: ReadArgument[] = [];
  let processed = false;
  let escaping = false;
  let contentStart = -1;
  let contentEnd = -1;
  let lineStart = -1;
  let current = 0;
  const startOffset = args[0]!.start;
  const content = doc.between(startOffset, ins.end);
  contentLoop: for (let i = 0; i < content.length; i++) {
    const ch = content.charAt(i);
    switch (ch) {
      case escape: {
        escaping = true;
        // Past the blanks and the character after them (a CR with the character after it).
        const j = skipBlanks(content, i + 1);
        if (j < content.length) i = content.charAt(j) === '\r' ? j + 1 : j;
        break;
      }
      case '\r':
        break;
      case '\n':
        if (escaping) break;
        if (processed) {
          if (contentStart === -1) contentStart = i;
          contentEnd = i;
          const arg = definitions[current];
          if (!arg) break contentLoop; // (the library threw here: more delimiter lines than heredocs)
          const name = heredocName(doc, escape, arg);
          if (isDelimiter(doc, arg, name, doc.at(startOffset + lineStart), doc.at(startOffset + i))) {
            heredocs.push({ name, content: { start: doc.at(startOffset + contentStart), end: doc.at(startOffset + lineStart - 1) } });
            contentStart = -1;
            current++;
          }
          lineStart = -1;
        } else {
          // The first line break that is not escaped: the heredocs are those opened before it.
          const limit = startOffset + i;
          for (const arg of args) {
            if (arg.start >= limit) break;
            if (arg.value.startsWith('<<')) definitions.push(arg);
          }
          processed = true;
          lineStart = -1;
          continue contentLoop;
        }
        break;
      default:
        if ((ch === ' ' || ch === '\t') && escaping) break;
        if (ch === '#' && escaping) {
          const j = content.indexOf('\n', i + 1);
          if (j !== -1) {
            i = j;
            continue contentLoop;
          }
        }
        if (escaping) escaping = false;
        if (processed) {
          if (contentStart === -1) contentStart = i;
          if (lineStart === -1) lineStart = i;
        }
        break;
    }
  }
  if (!processed) return singleLineHeredocs(doc, escape, args);
  const arg = definitions[current];
  if (!arg) return heredocs; // (the library threw here: more delimiter lines than heredocs)
  const name = heredocName(doc, escape, arg);
  // Whether the instruction's last line is the delimiter of its last heredoc.
  const closed = isDelimiter(doc, arg, name, doc.at(startOffset + lineStart), ins.end);
  const body = !closed ? { start: doc.at(startOffset + contentStart), end: ins.end } : contentEnd !== -1 ? { start: doc.at(startOffset + contentStart), end: doc.at(startOffset + contentEnd) } : undefined;
  heredocs.push(body ? { name, content: body } : { name });
  // The heredocs never closed: names only.
  for (const rest of definitions.slice(current + 1)) heredocs.push({ name: heredocName(doc, escape, rest) });
  return heredocs;
}
