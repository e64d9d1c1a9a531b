/**
 * Strict JSON (RFC 8259, as Go's encoding/json reads it) with the span of
 * every value and key: for the JSON configuration files the engine lints
 * directly (the Docker daemon's `daemon.json`, ABAC policy lines), where a
 * finding underlines the offending value. Total: a syntax error is returned
 * with its offset, never thrown; nesting deeper than MAX_DEPTH is an error
 * rather than a stack overflow.
 */
import type { Span } from '../types';

export type JsonNode =
  | { readonly type: 'object'; readonly span: Span; readonly entries: readonly JsonEntry[] }
  | { readonly type: 'array'; readonly span: Span; readonly items: readonly JsonNode[] }
  | { readonly type: 'string'; readonly span: Span; readonly value: string }
  | { readonly type: 'number'; readonly span: Span; readonly value: number }
  | { readonly type: 'boolean'; readonly span: Span; readonly value: boolean }
  | { readonly type: 'null'; readonly span: Span; readonly value: null };

export type JsonObject = Extract<JsonNode, { type: 'object' }>;

export interface JsonEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JsonNode;
}

export type JsonParse = { ok: true; value: JsonNode } | { ok: false; message: string; at: number };

const MAX_DEPTH = 256;

class JsonError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parse `text.slice(from, to)` as one JSON value (offsets stay those of `text`). */
export function parseJson(text: string, from = 0, to = text.length): JsonParse {
  let i = from;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const skip = (): void => {
    while (i < to && isSpace(text[i])) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new JsonError(message, at);
  };
  const expectChar = (c: string): void => {
    skip();
    if (text[i] !== c || i >= to) fail(i >= to ? `unexpected end of JSON, expected '${c}'` : `expected '${c}'`);
    i++;
  };
  const string = (): { value: string; span: Span } => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= to) fail('unterminated string', start);
      const c = text[i]!;
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex) || i + 6 > to) fail('invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        if (e === undefined || ESCAPES[e] === undefined || i + 1 >= to) fail('invalid escape in string');
        out += ESCAPES[e!];
        i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('control character in string');
      out += c;
      i++;
    }
    i++;
    return { value: out, span: { start, end: i } };
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail('JSON nested too deeply');
    skip();
    const start = i;
    const c = text[i];
    if (i >= to || c === undefined) return fail('unexpected end of JSON');
    if (c === '{') {
      i++;
      const entries: JsonEntry[] = [];
      skip();
      if (text[i] === '}' && i < to) {
        i++;
        return { type: 'object', span: { start, end: i }, entries };
      }
      for (;;) {
        skip();
        if (text[i] !== '"' || i >= to) fail('expected a string key');
        const key = string();
        expectChar(':');
        entries.push({ key: key.value, keySpan: key.span, value: value(depth + 1) });
        skip();
        if (text[i] === ',' && i < to) {
          i++;
          continue;
        }
        expectChar('}');
        return { type: 'object', span: { start, end: i }, entries };
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === ']' && i < to) {
        i++;
        return { type: 'array', span: { start, end: i }, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        if (text[i] === ',' && i < to) {
          i++;
          continue;
        }
        expectChar(']');
        return { type: 'array', span: { start, end: i }, items };
      }
    }
    if (c === '"') {
      const s = string();
      return { type: 'string', span: s.span, value: s.value };
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i) && i + word.length <= to) {
        i += word.length;
        const span = { start, end: i };
        return v === null ? { type: 'null', span, value: null } : { type: 'boolean', span, value: v };
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0 && i + m[0].length <= to) {
      i += m[0].length;
      return { type: 'number', span: { start, end: i }, value: Number(m[0]) };
    }
    return fail(`unexpected character '${c}'`);
  };
  try {
    const v = value(0);
    skip();
    if (i < to) fail('unexpected text after the JSON value');
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof JsonError) {
      // At the end of the text: the last character written, so the finding underlines something.
      let at = e.at;
      if (at >= to) for (at = to - 1; at > from && isSpace(text[at]); ) at--;
      return { ok: false, message: e.message, at: Math.max(from, at) };
    }
    return { ok: false, message: e instanceof Error ? e.message : String(e), at: from };
  }
}

/** The entry for `key` of an object (the last one, as Go's encoding/json keeps the last of duplicate keys). */
export function jsonMember(node: JsonNode | undefined, key: string): JsonEntry | undefined {
  if (node?.type !== 'object') return undefined;
  for (let k = node.entries.length - 1; k >= 0; k--) if (node.entries[k]!.key === key) return node.entries[k];
  return undefined;
}

/** The span of a whole `"key": value` entry when it sits on one line, else the key's. */
export function jsonEntrySpan(text: string, entry: JsonEntry): Span {
  const whole = { start: entry.keySpan.start, end: entry.value.span.end };
  return text.slice(whole.start, whole.end).includes('\n') ? entry.keySpan : whole;
}
