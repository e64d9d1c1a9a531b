/**
 * The variables an ENV or ARG declares (`KEY=value`, `ENV KEY value`): each
 * one's name and value, unquoted and unescaped, with their offsets, read as
 * dockerfile-ast 0.7.1 read them (its `PropertyInstruction` and `Property`,
 * see parse/dockerfile-args.ts).
 */
import { escapedBreakAfter, findLeadingNonWhitespace, nextLineBreak, skipBlanks, type DockerText, type ReadArgument, type ReadInstruction } from './dockerfile-args';

export interface ReadProperty {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** null for `ARG NAME`. */
  readonly value: string | null;
  readonly valueStart?: number;
  readonly valueEnd?: number;
}

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** The last character that is neither a blank nor part of an escaped line break (the library's `findTrailingNonWhitespace`). */
function findTrailingNonWhitespace(content: string, escapeChar: string): number {
  let index = content.length;
  whitespaceCheck: for (let i = content.length - 1; i >= 0; i--) {
    const ch = content.charAt(i);
    switch (ch) {
      case ' ':
      case '\t':
        continue;
      case '\n':
      case '\r':
        if (ch === '\n' && content.charAt(i - 1) === '\r') i = i - 1;
        for (let j = i - 1; j >= 0; j--) {
          const c = content.charAt(j);
          if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === escapeChar) continue;
          index = j;
          break;
        }
        break whitespaceCheck;
      default:
        index = i;
        break whitespaceCheck;
    }
  }
  return index;
}

/** The words of an ENV or ARG, quotes and escapes kept (the library's `getPropertyArguments`). */
function propertyArguments(doc: DockerText, escapeChar: string, ins: ReadInstruction): ReadArgument[] {
  const args: ReadArgument[] = [];
  const nameEnd = ins.keywordEnd;
  const fullArgs = doc.text.substring(ins.start, ins.end).substring(nameEnd - ins.start);
  const start = findLeadingNonWhitespace(fullArgs, escapeChar);
  if (start === -1) return [];
  const base = nameEnd + start;
  const arg = (from: number, to: number): ReadArgument => ({ value: content.substring(from, to), start: doc.at(base + from), end: doc.at(base + to) });
  let escaped = doc.line(ins.start) !== doc.line(base);
  let endingEscape = false;
  let mark = -1;
  const end = findTrailingNonWhitespace(fullArgs, escapeChar);
  const content = fullArgs.substring(start, end + 1);
  let argStart = escaped ? -1 : 0;
  let spaced = false;
  const spacedArgument = (): void => {
    if (argStart !== -1) args.push(arg(argStart, mark));
  };
  argumentLoop: for (let i = 0; i < content.length; i++) {
    const char = content.charAt(i);
    switch (char) {
      case escapeChar:
        if (i + 1 === content.length) {
          endingEscape = true;
          break argumentLoop;
        }
        if (!escaped) mark = i;
        switch (content.charAt(i + 1)) {
          case ' ':
          case '\t':
            if (!isWhitespace(content.charAt(i + 2))) {
              i = i + 1;
              continue argumentLoop;
            }
            {
              const after = escapedBreakAfter(content, i + 2);
              if (after !== -1) {
                escaped = true;
                i = after;
                continue argumentLoop;
              }
              const j = skipBlanks(content, i + 2);
              if (j < content.length) {
                args.push(arg(argStart, i + 2));
                argStart = j;
              }
            }
            i = argStart - 1;
            continue argumentLoop;
          case '\r':
          case '\n':
            if (content.charAt(i + 1) === '\r') i++;
            escaped = true;
            i = i + 1;
            continue argumentLoop;
          case escapeChar:
            if (argStart === -1) argStart = i;
            i = i + 1;
            continue argumentLoop;
          default:
            if (argStart === -1) argStart = i;
            continue argumentLoop;
        }
      case "'":
      case '"':
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        if (argStart === -1) argStart = i;
        for (let j = i + 1; j < content.length; j++) {
          const c = content.charAt(j);
          if (c === char) {
            if (content.charAt(j + 1) !== ' ' && content.charAt(j + 1) !== '') {
              i = j;
              continue argumentLoop;
            }
            args.push(arg(argStart, j + 1));
            i = j;
            argStart = -1;
            continue argumentLoop;
          } else if (c === escapeChar) j++;
        }
        break argumentLoop;
      case ' ':
      case '\t':
        if (escaped) {
          if (argStart !== -1) spaced = true;
        } else if (argStart !== -1) {
          args.push(arg(argStart, i));
          argStart = -1;
        }
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        spaced = false;
        break;
      case '#':
        if (escaped) {
          // A comment line among continuation lines: skipped to its line break (one more character after a CR).
          const j = nextLineBreak(content, i + 1);
          if (j !== -1) {
            i = content.charAt(j) === '\r' ? j + 1 : j;
            spaced = false;
            continue argumentLoop;
          }
          if (argStart !== -1) {
            args.push(arg(argStart, mark));
            argStart = -1;
          }
          break argumentLoop;
        } else if (argStart === -1) argStart = i;
        break;
      default:
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        escaped = false;
        if (argStart === -1) argStart = i;
        if (char === '$' && content.charAt(i + 1) === '{') {
          let singleQuotes = false;
          let doubleQuotes = false;
          let escapedInner = false;
          for (let j = i + 1; j < content.length; j++) {
            switch (content.charAt(j)) {
              case escapeChar:
                escapedInner = true;
                break;
              case '\r':
              case '\n':
                break;
              case "'":
                singleQuotes = !singleQuotes;
                escapedInner = false;
                break;
              case '"':
                doubleQuotes = !doubleQuotes;
                escapedInner = false;
                break;
              case ' ':
              case '\t':
                if (escapedInner || singleQuotes || doubleQuotes) break;
                i = j - 1;
                continue argumentLoop;
              case '}':
                i = j;
                continue argumentLoop;
              default:
                escapedInner = false;
                break;
            }
          }
          break argumentLoop;
        }
        break;
    }
  }
  if (argStart !== -1 && argStart !== content.length) args.push(arg(argStart, endingEscape ? content.length - 1 : content.length));
  return args;
}

/** A name or value as Docker sees it: quotes removed, escapes applied, comment lines dropped (the library's `Property.getValue`). */
function propertyValue(raw: string, escapeChar: string): string {
  let escaped = false;
  const skip = findLeadingNonWhitespace(raw, escapeChar);
  if (skip !== 0 && raw.charAt(skip) === '#') escaped = true;
  let value = raw.substring(skip);
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && last === "'";
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value.length; i++) {
      if (value.charAt(i) === escapeChar) i++;
      else if (value.charAt(i) === '"' && i === value.length - 1) inDouble = true;
    }
  }
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  let commentCheck = -1;
  let escapedValue = '';
  parseValue: for (let i = 0; i < value.length; i++) {
    let char = value.charAt(i);
    switch (char) {
      case escapeChar:
        if (i + 1 === value.length) {
          escapedValue = escapedValue + escapeChar;
          break parseValue;
        }
        char = value.charAt(i + 1);
        if (char === ' ' || char === '\t') {
          const after = escapedBreakAfter(value, i + 2);
          if (after !== -1) {
            escaped = true;
            i = after;
            continue parseValue;
          }
          const j = skipBlanks(value, i + 2);
          const char2 = value.charAt(j);
          if (j < value.length && !inDouble && !inSingle && !literal) {
            // Unquoted, an escaped blank is kept with the next character.
            if (char2 === escapeChar) {
              escapedValue = escapedValue + char;
              i = i + 1;
            } else {
              escapedValue = escapedValue + char + char2;
              i = j;
            }
            continue parseValue;
          }
        }
        if (inDouble) {
          if (char === '\r') {
            escaped = true;
            i = i + 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else if (char !== '"') {
            if (char === escapeChar) i++;
            escapedValue = escapedValue + escapeChar;
          }
          continue parseValue;
        } else if (inSingle || literal) {
          if (char === '\r') {
            escaped = true;
            i = i + 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else escapedValue = escapedValue + escapeChar;
          continue parseValue;
        } else if (char === escapeChar) {
          escapedValue = escapedValue + escapeChar;
          i++;
        } else if (char === '\r') {
          escaped = true;
          i = i + 2;
        } else if (char === '\n') {
          escaped = true;
          i++;
        } else {
          escapedValue = escapedValue + char;
          i++;
        }
        break;
      case ' ':
      case '\t':
        if (escaped && commentCheck === -1) commentCheck = i;
        escapedValue = escapedValue + char;
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        if (escaped && commentCheck !== -1) {
          escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck - 1));
          commentCheck = -1;
        }
        break;
      case '#':
        if (escaped) {
          if (commentCheck !== -1) {
            escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck));
            commentCheck = -1;
          }
          newlineCheck: for (let j = i + 1; j < value.length; j++) {
            switch (value.charAt(j)) {
              case '\r':
              case '\n':
                if (value.charAt(j) === '\r') j++;
                i = j;
                break newlineCheck;
            }
          }
          continue parseValue;
        }
        if (escaped) {
          escaped = false;
          commentCheck = -1;
        }
        escapedValue = escapedValue + char;
        break;
      default:
        if (escaped) {
          escaped = false;
          commentCheck = -1;
        }
        escapedValue = escapedValue + char;
        break;
    }
  }
  return escapedValue;
}

/** One variable from one word (`KEY=value`, `KEY`) or two (`ENV KEY value`): the library's `Property`. */
function property(doc: DockerText, escapeChar: string, arg: ReadArgument, arg2?: ReadArgument): ReadProperty {
  const nameStart = arg.start;
  let nameEnd = arg.end;
  const index = arg.value.indexOf('=');
  if (index !== -1) {
    const initial = arg.value.charAt(0);
    const before = arg.value.charAt(index - 1);
    if ((initial === '"' && before === '"') || (initial === "'" && before === "'") || (initial !== '"' && initial !== "'")) nameEnd = doc.at(arg.start + index);
  }
  const name = propertyValue(doc.text.substring(nameStart, nameEnd), escapeChar);
  if (arg2) return { name, nameStart, nameEnd, value: propertyValue(doc.text.substring(arg2.start, arg2.end), escapeChar), valueStart: arg2.start, valueEnd: arg2.end };
  if (nameStart === arg.start && nameEnd === arg.end) return { name, nameStart, nameEnd, value: null };
  const valueStart = doc.at(arg.start + index + 1);
  const valueEnd = arg.end;
  return { name, nameStart, nameEnd, value: propertyValue(doc.text.substring(valueStart, valueEnd), escapeChar), valueStart, valueEnd };
}

/** The variables an ENV or ARG declares (the library's `PropertyInstruction.getProperties`). */
export function readProperties(doc: DockerText, escapeChar: string, ins: ReadInstruction): ReadProperty[] {
  const args = propertyArguments(doc, escapeChar, ins);
  if (args.length === 0) return [];
  if (args.length === 1) return [property(doc, escapeChar, args[0]!)];
  if (args.length === 2) {
    return args[0]!.value.indexOf('=') === -1 ? [property(doc, escapeChar, args[0]!, args[1]!)] : [property(doc, escapeChar, args[0]!), property(doc, escapeChar, args[1]!)];
  }
  if (args[0]!.value.indexOf('=') === -1) {
    // `ENV KEY a b c`: the value is everything after the key.
    const from = args[1]!.start;
    const to = args[args.length - 1]!.end;
    return [property(doc, escapeChar, args[0]!, { value: doc.text.substring(from, to), start: from, end: to })];
  }
  return args.map((a) => property(doc, escapeChar, a));
}
