/**
 * Lexer for Go's text/template: text and actions between `{{` and `}}`, with trim markers (`{{- `, ` -}}`),
 * comments, raw and interpreted strings, character constants and numbers in Go's syntax.
 * Offsets are UTF-16 offsets into the template text.
 */

export type TokKind =
  | 'text'
  | 'left' // {{
  | 'right' // }}
  | 'field' // .Name
  | 'dot' // .
  | 'variable' // $x or $
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'rawString'
  | 'char'
  | 'charItem' // any other printable ASCII character
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare' // :=
  | 'assign' // =
  | 'comma'
  | 'space'
  | 'eof'
  | 'error';

export interface Token {
  kind: TokKind;
  val: string;
  pos: number;
}

/** One character: a Unicode letter or decimal digit (Go identifiers). */
const LETTER = /^[\p{L}\p{Nd}]$/u;
const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}
function isAlnum(c: string): boolean {
  return c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c > '\x7f' && LETTER.test(c));
}

/** Tokenises a whole template. Stops at the first error (an 'error' token whose val is Go's message). */
export function lex(text: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let parenDepth = 0;
  const emit = (kind: TokKind, val: string, at: number): void => {
    out.push({ kind, val, pos: at });
  };
  const fail = (msg: string, at: number): Token[] => {
    out.push({ kind: 'error', val: msg, pos: at });
    return out;
  };
  while (pos < text.length || out.length === 0 || out[out.length - 1]!.kind !== 'eof') {
    // Text up to the next action.
    const open = text.indexOf('{{', pos);
    if (open < 0) {
      if (pos < text.length) emit('text', text.slice(pos), pos);
      emit('eof', '', text.length);
      return out;
    }
    let textEnd = open;
    const trimLeft = text.startsWith('{{- ', open) || text.startsWith('{{-\t', open) || text.startsWith('{{-\r', open) || text.startsWith('{{-\n', open);
    if (trimLeft) while (textEnd > pos && isSpace(text[textEnd - 1]!)) textEnd--;
    if (textEnd > pos) emit('text', text.slice(pos, textEnd), pos);
    let p = open + 2 + (trimLeft ? 2 : 0);
    // Comment?
    if (text.startsWith('/*', p)) {
      const close = text.indexOf('*/', p + 2);
      if (close < 0) return fail('unclosed comment', open);
      let q = close + 2;
      let trimRight = false;
      if (isSpace(text[q] ?? '') && text[q + 1] === '-' && text.startsWith('}}', q + 2)) {
        trimRight = true;
        q += 2;
      }
      if (!text.startsWith('}}', q)) return fail('comment ends before closing delimiter', open);
      pos = q + 2;
      if (trimRight) while (pos < text.length && isSpace(text[pos]!)) pos++;
      continue;
    }
    emit('left', '{{', open);
    parenDepth = 0;
    // Inside the action.
    for (;;) {
      if (p >= text.length) return fail('unclosed action', open);
      const c = text[p]!;
      // Right delimiter, with optional trim marker.
      if (isSpace(c)) {
        let q = p;
        while (q < text.length && isSpace(text[q]!)) q++;
        if (text[q] === '-' && text.startsWith('}}', q + 1)) {
          if (parenDepth > 0) return fail('unclosed left paren', p);
          emit('right', '}}', q + 1);
          pos = q + 3;
          while (pos < text.length && isSpace(text[pos]!)) pos++;
          break;
        }
        emit('space', text.slice(p, q), p);
        p = q;
        continue;
      }
      if (text.startsWith('}}', p)) {
        if (parenDepth > 0) return fail('unclosed left paren', p);
        emit('right', '}}', p);
        pos = p + 2;
        break;
      }
      if (c === '|') {
        emit('pipe', c, p++);
      } else if (c === '(') {
        parenDepth++;
        emit('leftParen', c, p++);
      } else if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren', p);
        emit('rightParen', c, p++);
      } else if (c === ',') {
        emit('comma', c, p++);
      } else if (c === ':') {
        if (text[p + 1] !== '=') return fail('expected :=', p);
        emit('declare', ':=', p);
        p += 2;
      } else if (c === '=') {
        emit('assign', '=', p++);
      } else if (c === '"') {
        let q = p + 1;
        for (;;) {
          const d = text[q];
          if (d === undefined || d === '\n') return fail('unterminated quoted string', p);
          if (d === '\\') q += 2;
          else if (d === '"') break;
          else q++;
        }
        emit('string', text.slice(p, q + 1), p);
        p = q + 1;
      } else if (c === '`') {
        const close = text.indexOf('`', p + 1);
        if (close < 0) return fail('unterminated raw quoted string', p);
        emit('rawString', text.slice(p, close + 1), p);
        p = close + 1;
      } else if (c === "'") {
        let q = p + 1;
        for (;;) {
          const d = text[q];
          if (d === undefined || d === '\n') return fail('unterminated character constant', p);
          if (d === '\\') q += 2;
          else if (d === "'") break;
          else q++;
        }
        emit('char', text.slice(p, q + 1), p);
        p = q + 1;
      } else if (c === '$') {
        let q = p + 1;
        while (q < text.length && isAlnum(text[q]!)) q++;
        emit('variable', text.slice(p, q), p);
        p = q;
      } else if (c === '.') {
        const n = text[p + 1] ?? '';
        if (n >= '0' && n <= '9') {
          p = lexNumber(text, p, emit);
          if (p < 0) return fail(`bad number syntax: ${JSON.stringify(text.slice(-p - 1, -p + 10))}`, -p - 1);
        } else {
          let q = p + 1;
          while (q < text.length && isAlnum(text[q]!)) q++;
          if (q === p + 1) emit('dot', '.', p);
          else emit('field', text.slice(p, q), p);
          p = q;
        }
      } else if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        const q = lexNumber(text, p, emit);
        if (q < 0) return fail(`bad number syntax: ${JSON.stringify(text.slice(p, Math.min(text.length, p + 10)))}`, p);
        p = q;
      } else if (isAlnum(c)) {
        let q = p;
        while (q < text.length && isAlnum(text[q]!)) q++;
        const word = text.slice(p, q);
        if (word === 'true' || word === 'false') emit('bool', word, p);
        else if (word === 'nil') emit('nil', word, p);
        else if (KEYWORDS.has(word)) emit('keyword', word, p);
        else emit('identifier', word, p);
        p = q;
      } else if (c > ' ' && c <= '~') {
        // Go emits other printable ASCII as a character item; the parser rejects it where it stands.
        emit('charItem', c, p++);
      } else {
        return fail(`unrecognized character in action: ${JSON.stringify(c)}`, p);
      }
    }
  }
  return out;
}

/** Scans a Go number literal at p; returns the end, or -(p+1) for bad syntax. */
function lexNumber(text: string, p: number, emit: (k: TokKind, v: string, at: number) => void): number {
  let q = p;
  if (text[q] === '+' || text[q] === '-') q++;
  let digits = '0123456789_';
  if (text[q] === '0' && 'xXoObB'.includes(text[q + 1] || '?')) {
    const b = text[q + 1]!.toLowerCase();
    digits = b === 'x' ? '0123456789abcdefABCDEF_' : b === 'o' ? '01234567_' : '01_';
    q += 2;
  }
  while (q < text.length && digits.includes(text[q]!)) q++;
  if (text[q] === '.') {
    q++;
    while (q < text.length && digits.includes(text[q]!)) q++;
  }
  if (digits.length === 10 + 1 && (text[q] === 'e' || text[q] === 'E')) {
    q++;
    if (text[q] === '+' || text[q] === '-') q++;
    while (q < text.length && '0123456789_'.includes(text[q]!)) q++;
  }
  if (digits.length > 11 && (text[q] === 'p' || text[q] === 'P')) {
    q++;
    if (text[q] === '+' || text[q] === '-') q++;
    while (q < text.length && '0123456789_'.includes(text[q]!)) q++;
  }
  if (text[q] === 'i') q++;
  if (q < text.length && isAlnum(text[q]!)) {
    while (q < text.length && isAlnum(text[q]!)) q++;
    return -(p + 1);
  }
  emit('number', text.slice(p, q), p);
  return q;
}
