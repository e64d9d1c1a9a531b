/** Sprig's string functions (Masterminds/sprig v3 strings.go, regex.go) with Go's byte-based string semantics. */
import { RE2JS } from 're2js';
import { def, FuncError, type FuncDef } from './funcs-types';
import { formatV, sprintf } from './gofmt';
import { byteLength, bytesToString, quoteGo, utf8Bytes } from './gostrings';
import { GoStruct, typedSlice, type GoMap, type GoValue } from './values';

/** sprig's strval. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoStruct && v.str !== undefined) return v.str;
  return formatV(v);
}

/** sprig's strslice: a list's elements as strings (nil elements dropped), or a one-element list. */
export function strslice(v: GoValue): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  return [strval(v)];
}

const byteSlice = (s: string, a: number, b?: number): string => bytesToString(utf8Bytes(s).slice(a, b));

function isGoSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u00a0' || /^\p{White_Space}$/u.test(c);
}
function trimSpace(s: string): string {
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  while (a < b && isGoSpace(cs[a]!)) a++;
  while (b > a && isGoSpace(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}
function trimCut(s: string, cut: string, left: boolean, right: boolean): string {
  const set = new Set([...cut]);
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && set.has(cs[a]!)) a++;
  if (right) while (b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/^[\p{L}\p{N}_]$/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function words(s: string): string[] {
  return s
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((w) => w.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((w) => w !== '');
}

function goRegex(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    throw new FuncError(`error parsing regexp: ${(e as Error).message}`);
  }
}

interface Match {
  start: number;
  end: number;
  groups: (string | null)[];
}
function findAll(re: RE2JS, s: string, n: number): Match[] {
  const m = re.matcher(s);
  const out: Match[] = [];
  while ((n < 0 || out.length < n) && m.find()) {
    const groups: (string | null)[] = [];
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i));
    out.push({ start: m.start(), end: m.end(), groups });
    if (out.length > 100_000) break;
  }
  return out;
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. */
function expand(tpl: string, m: Match, names: Record<string, number>): string {
  let out = '';
  for (let i = 0; i < tpl.length; i++) {
    const c = tpl[i]!;
    if (c !== '$' || i + 1 >= tpl.length) {
      out += c;
      continue;
    }
    if (tpl[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name = '';
    let j = i + 1;
    if (tpl[j] === '{') {
      const close = tpl.indexOf('}', j);
      if (close < 0) {
        out += c;
        continue;
      }
      name = tpl.slice(j + 1, close);
      j = close + 1;
    } else {
      while (j < tpl.length && /^[A-Za-z0-9_]$/.test(tpl[j]!)) name += tpl[j++];
    }
    if (name === '') {
      out += c;
      continue;
    }
    const idx = /^[0-9]+$/.test(name) ? Number(name) : names[name];
    if (idx !== undefined && idx < m.groups.length) out += m.groups[idx] ?? '';
    i = j - 1;
  }
  return out;
}

function replaceAll(re: RE2JS, s: string, repl: (m: Match) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.start) + repl(m);
    last = m.end;
  }
  return out + s.slice(last);
}

/** strings.ToUpper/ToLower map rune by rune: a rune whose case mapping is several runes (ß) stays. */
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

/**
 * xstrings.ToCamelCase: words separated by space, underscore or hyphen are capitalised; one separator between words
 * is dropped, further ones and those at either end stay (`_complex__case_` -> `_Complex_Case_`).
 */
function camel(s: string): string {
  const cs = [...s];
  const isSep = (c: string | undefined): boolean => c === ' ' || c === '_' || c === '-';
  let out = '';
  let up = true;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (isSep(c)) {
      let j = i;
      while (j < cs.length && isSep(cs[j])) j++;
      const run = cs.slice(i, j);
      out += i === 0 || j === cs.length ? run.join('') : run.slice(1).join('');
      up = true;
      i = j - 1;
      continue;
    }
    out += up ? mapRunes(c, (x) => x.toUpperCase()) : c;
    up = false;
  }
  return out;
}

function snake(s: string, sep: string): string {
  return words(s)
    .map((w) => w.toLowerCase())
    .join(sep);
}

export const sprigStrings: [string, FuncDef][] = [
  ['upper', def(['string'], ([s]) => mapRunes(s as string, (c) => c.toUpperCase()))],
  ['lower', def(['string'], ([s]) => mapRunes(s as string, (c) => c.toLowerCase()))],
  ['title', def(['string'], ([s]) => title(s as string))],
  ['untitle', def(['string'], ([s]) => (s as string).replace(/(^|\s)(\S)/gu, (_, a: string, b: string) => a + b.toLowerCase()))],
  ['trim', def(['string'], ([s]) => trimSpace(s as string))],
  ['trimAll', def(['string', 'string'], ([c, s]) => trimCut(s as string, c as string, true, true))],
  ['trimSuffix', def(['string', 'string'], ([x, s]) => ((s as string).endsWith(x as string) ? (s as string).slice(0, (s as string).length - (x as string).length) : (s as string)))],
  ['trimPrefix', def(['string', 'string'], ([x, s]) => ((s as string).startsWith(x as string) ? (s as string).slice((x as string).length) : (s as string)))],
  ['nospace', def(['string'], ([s]) => [...(s as string)].filter((c) => !isGoSpace(c)).join(''))],
  ['contains', def(['string', 'string'], ([sub, s]) => (s as string).includes(sub as string))],
  ['hasPrefix', def(['string', 'string'], ([p, s]) => (s as string).startsWith(p as string))],
  ['hasSuffix', def(['string', 'string'], ([p, s]) => (s as string).endsWith(p as string))],
  ['replace', def(['string', 'string', 'string'], ([o, n, s]) => replaceStr(s as string, o as string, n as string))],
  ['repeat', def(['int', 'string'], ([n, s], ctx) => {
    const count = Number(n);
    if (count < 0) throw new FuncError('strings: negative Repeat count');
    ctx.spend(count * (s as string).length);
    return (s as string).repeat(count);
  })],
  ['trunc', def(['int', 'string'], ([n, s]) => trunc(Number(n), s as string))],
  ['substr', def(['int', 'int', 'string'], ([a, b, s]) => substr(Number(a), Number(b), s as string))],
  ['abbrev', def(['int', 'string'], ([w, s]) => (Number(w) < 4 || byteLength(s as string) <= Number(w) ? (s as string) : byteSlice(s as string, 0, Number(w) - 3) + '...'))],
  ['indent', def(['int', 'string'], ([n, s], ctx) => indent(Number(n), s as string, ctx.spend))],
  ['nindent', def(['int', 'string'], ([n, s], ctx) => '\n' + indent(Number(n), s as string, ctx.spend))],
  ['quote', def([], (a) => a.filter((x) => x !== null && x !== undefined).map((x) => quoteGo(strval(x))).join(' '), 'any')],
  ['squote', def([], (a) => a.filter((x) => x !== null && x !== undefined).map((x) => `'${strval(x)}'`).join(' '), 'any')],
  ['cat', def([], (a) => a.filter((x) => x !== null && x !== undefined).map((x) => formatV(x)).join(' '), 'any')],
  ['toString', def(['any'], ([v]) => strval(v))],
  ['toStrings', def(['any'], ([v]) => typedSlice(strslice(v), 'string'))],
  ['join', def(['string', 'any'], ([sep, v]) => strslice(v).join(sep as string))],
  ['split', def(['string', 'string'], ([sep, s]) => {
    const m: GoMap = new Map();
    goSplit(s as string, sep as string, -1).forEach((p, i) => m.set(`_${i}`, p));
    return m;
  })],
  ['splitList', def(['string', 'string'], ([sep, s]) => typedSlice(goSplit(s as string, sep as string, -1), 'string'))],
  ['splitn', def(['string', 'int', 'string'], ([sep, n, s]) => {
    const m: GoMap = new Map();
    goSplit(s as string, sep as string, Number(n)).forEach((p, i) => m.set(`_${i}`, p));
    return m;
  })],
  ['camelcase', def(['string'], ([s]) => camel(s as string))],
  ['kebabcase', def(['string'], ([s]) => snake(s as string, '-'))],
  ['snakecase', def(['string'], ([s]) => snake(s as string, '_'))],
  ['wrap', def(['int', 'string'], ([n, s]) => wrap(s as string, Number(n)))],
  ['plural', def(['string', 'string', 'int'], ([one, many, n]) => (n === 1n ? one : many))],
  ['sprintf', def(['string'], ([f, ...a]) => sprintf(f as string, a), 'any')],
  ['regexMatch', def(['string', 'string'], ([r, s]) => goRegex(r as string).matcher(s as string).find())],
  ['mustRegexMatch', def(['string', 'string'], ([r, s]) => goRegex(r as string).matcher(s as string).find())],
  ['regexFind', def(['string', 'string'], ([r, s]) => findAll(goRegex(r as string), s as string, 1)[0]?.groups[0] ?? '')],
  ['mustRegexFind', def(['string', 'string'], ([r, s]) => findAll(goRegex(r as string), s as string, 1)[0]?.groups[0] ?? '')],
  ['regexFindAll', def(['string', 'string', 'int'], ([r, s, n]) => typedSlice(findAll(goRegex(r as string), s as string, Number(n)).map((m) => m.groups[0] ?? ''), 'string'))],
  ['regexReplaceAll', def(['string', 'string', 'string'], ([r, s, t]) => {
    const re = goRegex(r as string);
    return replaceAll(re, s as string, (m) => expand(t as string, m, re.namedGroups()));
  })],
  ['mustRegexReplaceAll', def(['string', 'string', 'string'], ([r, s, t]) => {
    const re = goRegex(r as string);
    return replaceAll(re, s as string, (m) => expand(t as string, m, re.namedGroups()));
  })],
  ['regexReplaceAllLiteral', def(['string', 'string', 'string'], ([r, s, t]) => replaceAll(goRegex(r as string), s as string, () => t as string))],
  ['regexSplit', def(['string', 'string', 'int'], ([r, s, n]) => typedSlice(regexSplit(goRegex(r as string), s as string, Number(n)), 'string'))],
  ['regexQuoteMeta', def(['string'], ([s]) => (s as string).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'))],
];

function replaceStr(s: string, o: string, n: string): string {
  if (o === '') {
    // strings.Replace with an empty old string inserts n around every rune.
    return n + [...s].join(n) + (s.length > 0 ? n : '');
  }
  return s.split(o).join(n);
}

function trunc(c: number, s: string): string {
  const len = byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function substr(start: number, end: number, s: string): string {
  const len = byteLength(s);
  if (start < 0) return byteSlice(s, 0, end);
  if (end < 0 || end > len) return byteSlice(s, start);
  if (start > end) throw new FuncError(`runtime error: slice bounds out of range [${start}:${end}]`);
  return byteSlice(s, start, end);
}

function indent(n: number, s: string, spend: (n: number) => void): string {
  if (n < 0) throw new FuncError('strings: negative Repeat count');
  spend(n + s.length);
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join('\n' + pad);
}

function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const cs = [...s];
    return n < 0 || n >= cs.length ? cs : [...cs.slice(0, n - 1), cs.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function regexSplit(re: RE2JS, s: string, n: number): string[] {
  if (n === 0) return [];
  if (s === '') return [''];
  const out: string[] = [];
  let beg = 0;
  for (const m of findAll(re, s, n > 0 ? n - 1 : -1)) {
    if (m.end === 0) continue;
    out.push(s.slice(beg, m.start));
    beg = m.end;
  }
  out.push(s.slice(beg));
  return out;
}

/** goutils.Wrap: breaks lines longer than n at spaces. */
function wrap(s: string, n: number): string {
  if (n < 1) n = 1;
  return s
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      for (const w of line.split(' ')) {
        if (cur !== '' && cur.length + 1 + w.length > n) {
          out.push(cur);
          cur = w;
        } else cur = cur === '' ? w : `${cur} ${w}`;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}
