/**
 * Go's fmt as templates see it: Sprint/Sprintln/Sprintf over Go values (values.ts), with Go's number printing
 * (`%v` of float64 1000000 is `1e+06`), maps (`map[a:1 b:2]`, sorted keys), slices (`[a b]`), nil (`<nil>`), verbs
 * with flags, width and precision, and Go's bad-verb / missing / extra argument notes.
 */
import { GoStruct, typeName, type GoValue } from './values';
import { quoteGo, utf8Bytes } from './gostrings';

/** Decimal digits (no trailing zeros) and decimal point position of a finite, non-zero |x|. */
function digitsOf(x: number, sig?: number): { d: string; dp: number } {
  const e = sig === undefined ? Math.abs(x).toExponential() : toExponentialHalfEven(Math.abs(x), Math.max(0, sig - 1));
  const [mant, exp] = e.split('e') as [string, string];
  let d = mant.replace('.', '');
  let end = d.length;
  while (end > 0 && d[end - 1] === '0') end--;
  d = d.slice(0, end);
  if (d === '') d = '0';
  return { d, dp: Number(exp) + 1 };
}

function expSuffix(exp: number, ch: string): string {
  const a = Math.abs(exp);
  return `${ch}${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}

function fmtE(d: string, dp: number, prec: number, ch: string): string {
  // prec digits after the point; d has at least one digit.
  const digits = d.padEnd(prec + 1, '0').slice(0, prec + 1);
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1)}` : digits[0]!;
  return mant + expSuffix(d === '0' ? 0 : dp - 1, ch);
}

function fmtF(d: string, dp: number, prec: number): string {
  let int: string;
  let frac: string;
  if (dp <= 0) {
    int = '0';
    frac = '0'.repeat(-dp) + d;
  } else if (dp >= d.length) {
    int = d + '0'.repeat(dp - d.length);
    frac = '';
  } else {
    int = d.slice(0, dp);
    frac = d.slice(dp);
  }
  frac = frac.padEnd(prec, '0').slice(0, prec);
  return prec > 0 ? `${int}.${frac}` : int;
}

/** toExponential, but an exact tie rounds half to even as Go does (`%.0e` of 2.5 is 2e+00, `%.1e` of 0.125 1.2e-01). */
function toExponentialHalfEven(a: number, prec: number): string {
  const wide = a.toExponential(Math.min(100, prec + 30));
  const [mant, exp] = wide.split('e') as [string, string];
  const digits = mant.replace('.', '');
  if (!/^50*$/.test(digits.slice(prec + 1)) || Number(digits[prec]) % 2 !== 0) return a.toExponential(prec);
  const kept = digits.slice(0, prec + 1);
  return `${kept[0]}${prec > 0 ? `.${kept.slice(1)}` : ''}e${exp}`;
}

/** toFixed, but an exact tie rounds half to even as Go's exact decimal conversion does (2.5 -> "2"). */
function toFixedHalfEven(a: number, prec: number): string {
  const wide = a.toFixed(prec + 30);
  const cut = wide.indexOf('.') + 1 + prec;
  const tail = wide.slice(cut);
  if (!/^50*$/.test(tail)) return a.toFixed(prec);
  const head = wide.slice(0, prec === 0 ? cut - 1 : cut);
  const last = head.replace('.', '').slice(-1);
  if (Number(last) % 2 === 0) return head;
  return a.toFixed(prec);
}

/** strconv.FormatFloat(x, verb, prec, 64) for verbs e, E, f, F, g, G (prec -1: shortest). */
export function formatFloat(x: number, verb: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? '-' : '';
  const lower = verb.toLowerCase();
  const ech = verb === 'E' || verb === 'G' ? 'E' : 'e';
  if (x === 0) {
    if (lower === 'e') return sign + fmtE('0', 1, prec < 0 ? 0 : prec, ech);
    if (lower === 'f') return sign + fmtF('0', 1, prec < 0 ? 0 : prec);
    return sign + '0';
  }
  if (lower === 'f') {
    if (prec < 0) {
      const { d, dp } = digitsOf(x);
      return sign + fmtF(d, dp, Math.max(d.length - dp, 0));
    }
    if (Math.abs(x) < 1e21 && prec <= 60) return sign + toFixedHalfEven(Math.abs(x), prec);
    const { d, dp } = digitsOf(x);
    return sign + fmtF(d, dp, prec);
  }
  if (lower === 'e') {
    const { d, dp } = prec < 0 ? digitsOf(x) : digitsOf(x, prec + 1);
    return sign + fmtE(d, dp, prec < 0 ? d.length - 1 : prec, ech);
  }
  // g
  const shortest = prec < 0;
  let p = prec === 0 ? 1 : prec;
  const { d, dp } = shortest ? digitsOf(x) : digitsOf(x, p);
  let eprec = p;
  if (eprec > d.length && d.length >= dp) eprec = d.length;
  if (shortest) eprec = 6;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (shortest || p > d.length) p = d.length;
    return sign + fmtE(d, dp, p - 1, ech);
  }
  if (shortest || p > dp) p = d.length;
  return sign + fmtF(d, dp, Math.max(p - dp, 0));
}

/** Sorted map keys as fmt prints them. */
function sortedKeys(m: Map<string, GoValue>): string[] {
  return [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `%v` (plus: `%+v`). */
export function formatV(v: GoValue, plus = false, depth = 0): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloat(v, 'g', -1);
  }
  if (depth > 100) return '...';
  if (Array.isArray(v)) return '[' + v.map((x) => formatV(x, plus, depth + 1)).join(' ') + ']';
  if (v instanceof Map) return 'map[' + sortedKeys(v).map((k) => `${k}:${formatV(v.get(k), plus, depth + 1)}`).join(' ') + ']';
  if (v instanceof GoStruct) {
    if (v.str !== undefined) return v.str;
    if (v.print?.show) return (v.typeName.startsWith('*') ? '&' : '') + v.print.show(plus);
    const fields = [...v.fields].map(([k, x]) => (plus ? `${k}:` : '') + formatV(x, plus, depth + 1));
    return (v.typeName.startsWith('*') ? '&' : '') + '{' + fields.join(' ') + '}';
  }
  return '0x0';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(a);
  });
  return out;
}

export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatV(a)).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, f: Spec, numeric: boolean): string {
  const w = f.width ?? 0;
  const len = [...s].length;
  if (len >= w) return s;
  if (f.minus) return s + ' '.repeat(w - len);
  if (f.zero && numeric) {
    const signed = s[0] === '-' || s[0] === '+' || s[0] === ' ';
    return signed ? s[0] + '0'.repeat(w - len) + s.slice(1) : '0'.repeat(w - len) + s;
  }
  return ' '.repeat(w - len) + s;
}

function badVerb(verb: string, v: GoValue): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatV(v)})`;
}

function fmtInt(n: bigint, verb: string, f: Spec): string | undefined {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let body: string;
  switch (verb) {
    case 'd':
    case 'v':
      body = a.toString(10);
      break;
    case 'b':
      body = a.toString(2);
      break;
    case 'o':
      body = (f.sharp ? '0' : '') + a.toString(8);
      break;
    case 'O':
      body = '0o' + a.toString(8);
      break;
    case 'x':
      body = (f.sharp ? '0x' : '') + a.toString(16);
      break;
    case 'X':
      body = (f.sharp ? '0X' : '') + a.toString(16).toUpperCase();
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), f, false);
    case 'q':
      return pad(quoteGo(String.fromCodePoint(Number(n)), "'"), f, false);
    case 'U':
      return pad('U+' + a.toString(16).toUpperCase().padStart(4, '0'), f, false);
    default:
      return undefined;
  }
  if (f.prec !== undefined) body = body.padStart(f.prec, '0');
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + body, { ...f, zero: f.zero && f.prec === undefined }, true);
}

function fmtFloatVerb(x: number, verb: string, f: Spec): string | undefined {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloat(x, verb === 'v' ? 'g' : verb, f.prec ?? -1);
      break;
    case 'e':
    case 'E':
      s = formatFloat(x, verb, f.prec ?? 6);
      break;
    case 'f':
    case 'F':
      s = formatFloat(x, 'f', f.prec ?? 6);
      break;
    default:
      return undefined;
  }
  if (f.plus && s[0] !== '-' && s[0] !== '+') s = '+' + s;
  else if (f.space && s[0] !== '-') s = ' ' + s;
  if (s === '+Inf' || s === '-Inf' || s === 'NaN') return pad(s, { ...f, zero: false }, false);
  return pad(s, f, true);
}

function fmtString(s: string, verb: string, f: Spec): string | undefined {
  if (f.prec !== undefined && (verb === 's' || verb === 'v' || verb === 'q')) s = [...s].slice(0, f.prec).join('');
  switch (verb) {
    case 's':
    case 'v':
      return pad(s, f, false);
    case 'q':
      return pad(f.sharp && !s.includes('`') ? '`' + s + '`' : quoteGo(s), f, false);
    case 'x':
    case 'X': {
      let h = [...utf8Bytes(s)].map((b) => b.toString(16).padStart(2, '0')).join(f.space ? ' ' : '');
      if (verb === 'X') h = h.toUpperCase();
      return pad(h, f, false);
    }
  }
  return undefined;
}

/** One operand under one verb, recursing into slices and maps as fmt does. */
function fmtOne(v: GoValue, verb: string, f: Spec, depth = 0): string {
  if (verb === 'T') return pad(typeName(v), f, false);
  if (verb === 'v' && v !== null && v !== undefined && typeof v === 'object') return pad(formatV(v, f.plus), f, false);
  if (v === undefined || v === null) return verb === 'v' ? pad('<nil>', f, false) : badVerb(verb, v);
  let r: string | undefined;
  switch (typeof v) {
    case 'string':
      r = fmtString(v, verb, f);
      break;
    case 'bigint':
      r = fmtInt(v, verb, f);
      break;
    case 'number':
      r = fmtFloatVerb(v, verb, f);
      break;
    case 'boolean':
      r = verb === 't' || verb === 'v' ? pad(v ? 'true' : 'false', f, false) : undefined;
      break;
    default:
      if (depth < 100 && Array.isArray(v)) return '[' + v.map((x) => fmtOne(x, verb, f, depth + 1)).join(' ') + ']';
      if (depth < 100 && v instanceof Map)
        return 'map[' + sortedKeys(v).map((k) => `${fmtOne(k, verb, f, depth + 1)}:${fmtOne(v.get(k), verb, f, depth + 1)}`).join(' ') + ']';
      if (v instanceof GoStruct && verb === 's' && v.str !== undefined) return pad(v.str, f, false);
  }
  return r ?? badVerb(verb, v);
}

/** fmt.Sprintf with Go's verbs. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    flags: for (; i < n; i++) {
      switch (format[i]) {
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case '+':
          f.plus = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case ' ':
          f.space = true;
          break;
        case '#':
          f.sharp = true;
          break;
        default:
          break flags;
      }
    }
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      let s = '';
      while (i < n && format[i]! >= '0' && format[i]! <= '9') s += format[i++];
      return s === '' ? undefined : Math.min(Number(s), 1e6);
    };
    f.width = num();
    if (f.width !== undefined && f.width < 0) {
      f.minus = true;
      f.width = -f.width;
    }
    if (format[i] === '.') {
      i++;
      f.prec = num() ?? 0;
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(args[argi++], verb, f);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => (a === undefined || a === null ? '<nil>' : `${typeName(a)}=${formatV(a)}`)).join(', ') + ')';
  }
  return out;
}
