/**
 * toJson and toYaml as Helm prints them. toJson is Go's encoding/json (sorted keys, HTML-safe escapes). toYaml is
 * sigs.k8s.io/yaml: JSON first, then go-yaml v2 reads that JSON and emits it, so the output follows v2's emitter:
 * its key order (a "natural" sort), indentless sequences in mappings, quoting of strings that would read back as
 * another type (`"true"`, `"1"`, `"yes"`, `""`), single quotes where a plain scalar is not allowed, literal blocks
 * (`|-`) for multi-line strings, double quotes with escapes for unprintable text, and folding of long plain and
 * quoted scalars past column 80. Helm trims the final newline.
 */
import { formatFloat } from './gofmt';
import { GoStruct, type GoValue } from './values';

export class JsonError extends Error {}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c < 0xe000) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function sortStrings(keys: string[]): string[] {
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** json.Marshal. Throws JsonError for NaN/Inf (Helm's toJson then prints nothing). */
export function toJson(v: GoValue, depth = 0): string {
  if (depth > 1000) throw new JsonError('json: unsupported value: encountered a cycle');
  if (v === undefined || v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      if (!Number.isFinite(v)) throw new JsonError(`json: unsupported value: ${formatFloat(v, 'g', -1)}`);
      return Object.is(v, -0) ? '-0' : String(v);
  }
  if (Array.isArray(v)) return '[' + v.map((x) => toJson(x, depth + 1)).join(',') + ']';
  if (v instanceof Map) return '{' + sortStrings([...v.keys()]).map((k) => `${jsonString(k)}:${toJson(v.get(k), depth + 1)}`).join(',') + '}';
  if (v instanceof GoStruct) return '{' + [...v.fields].map(([k, x]) => `${jsonString(k)}:${toJson(x, depth + 1)}`).join(',') + '}';
  throw new JsonError('json: unsupported type: func');
}

/** JSON-shaped data (what go-yaml v2 reads back from the JSON). */
type J = null | boolean | string | { num: string } | J[] | Map<string, J>;

/**
 * go-yaml's reader rejects characters JSON leaves unescaped: DEL, C1 controls (but NEL), U+FFFE/U+FFFF. The JSON
 * then does not read back and Helm's toYaml prints nothing.
 */
function checkReadable(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7f || (c >= 0x80 && c <= 0x9f && c !== 0x85) || c === 0xfffe || c === 0xffff) throw new JsonError('yaml: control characters are not allowed');
  }
  return s;
}

function toJ(v: GoValue, depth: number): J {
  if (depth > 1000) throw new JsonError('json: unsupported value: encountered a cycle');
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
      return checkReadable(v);
    case 'boolean':
      return v;
    case 'bigint':
      return { num: v.toString() };
    case 'number':
      if (!Number.isFinite(v)) throw new JsonError('json: unsupported value');
      return { num: String(v) };
  }
  if (Array.isArray(v)) return v.map((x) => toJ(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<string, J>();
    for (const [k, x] of v) m.set(checkReadable(k), toJ(x, depth + 1));
    return m;
  }
  if (v instanceof GoStruct) {
    const m = new Map<string, J>();
    for (const [k, x] of v.fields) m.set(k, toJ(x, depth + 1));
    return m;
  }
  throw new JsonError('json: unsupported type: func');
}

/** go-yaml v2's number output for a JSON number literal. */
function yamlNumber(lit: string): string {
  if (/^-?[0-9]+$/.test(lit)) {
    const b = BigInt(lit);
    if (b >= -(2n ** 63n) && b < 2n ** 64n) return b.toString();
  }
  return formatFloat(Number(lit), 'g', -1);
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);

/** go-yaml v2's keyList.Less for string keys. */
export function v2KeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const V2_SPECIAL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_RE = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const TIMESTAMP_RE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?(Z|[ ]?[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether go-yaml v2 would read the plain scalar back as something other than a string. */
function resolvesNonString(s: string): boolean {
  if (V2_SPECIAL.has(s)) return true;
  const c = s[0] ?? '';
  if (!('+-.0123456789'.includes(c))) return false;
  const plain = s.replaceAll('_', '');
  if (INT_RE.test(plain) || FLOAT_RE.test(plain) || /^-?0[bB][01]+$/.test(plain)) return true;
  return TIMESTAMP_RE.test(s) || BASE60_RE.test(s);
}

const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isPrintable = (c: number): boolean =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
const isBlankz = (c: number | undefined): boolean => c === undefined || c === 0x20 || c === 0x09 || isBreak(c) || c === 0;

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar (the parts block context needs). */
function analyze(s: string): Analysis {
  if (s.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  const cps = [...s].map((ch) => ch.codePointAt(0)!);
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) {
    if (isBlankz(cps[3])) blockIndicators = true;
  }
  let precededByWs = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    const followedByWs = isBlankz(cps[i + 1]);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWs) blockIndicators = true;
      if (ch === '#' && precededByWs) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  let blockPlain = true;
  let singleQuoted = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || special) blockPlain = singleQuoted = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, singleQuoted, block };
}

const BEST_WIDTH = 80;

/** Writes lines with a column counter, as libyaml's emitter does. */
class Out {
  lines: string[] = [];
  cur = '';
  col = 0;
  put(s: string): void {
    this.cur += s;
    this.col += [...s].length;
  }
  newline(): void {
    this.lines.push(this.cur);
    this.cur = '';
    this.col = 0;
  }
  indentTo(indent: number): void {
    if (this.col > indent || this.cur.length > 0) this.newline();
    this.put(' '.repeat(indent));
  }
}

function writePlain(o: Out, s: string, indent: number, allowBreaks: boolean): void {
  const cps = [...s];
  let spaces = false;
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    if (ch === ' ') {
      if (allowBreaks && !spaces && o.col > BEST_WIDTH && cps[i + 1] !== ' ') o.indentTo(indent);
      else o.put(ch);
      spaces = true;
    } else {
      o.put(ch);
      spaces = false;
    }
  }
}

function writeSingle(o: Out, s: string, indent: number, allowBreaks: boolean): void {
  const cps = [...s];
  o.put("'");
  let spaces = false;
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    if (ch === ' ') {
      if (allowBreaks && !spaces && o.col > BEST_WIDTH && i !== 0 && i !== cps.length - 1 && cps[i + 1] !== ' ') o.indentTo(indent);
      else o.put(ch);
      spaces = true;
    } else {
      o.put(ch === "'" ? "''" : ch);
      spaces = false;
    }
  }
  o.put("'");
}

const ESCAPES: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };

function writeDouble(o: Out, s: string, indent: number, allowBreaks: boolean): void {
  const cps = [...s];
  o.put('"');
  let spaces = false;
  // Observed with Helm 4.1: after a BOM, go-yaml v2 escapes every following character.
  let afterBom = false;
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    const c = ch.codePointAt(0)!;
    if (afterBom || !isPrintable(c) || c === 0xfeff || isBreak(c) || ch === '"' || ch === '\\') {
      if (c === 0xfeff) afterBom = true;
      const e = afterBom && c !== 0xfeff ? undefined : ESCAPES[c];
      if (e !== undefined) o.put('\\' + e);
      else if (c <= 0xff) o.put('\\x' + c.toString(16).toUpperCase().padStart(2, '0'));
      else if (c <= 0xffff) o.put('\\u' + c.toString(16).toUpperCase().padStart(4, '0'));
      else o.put('\\U' + c.toString(16).toUpperCase().padStart(8, '0'));
      spaces = false;
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && o.col > BEST_WIDTH && i !== 0 && i !== cps.length - 1) {
        o.indentTo(indent);
        if (cps[i + 1] === ' ') o.put('\\');
      } else o.put(ch);
      spaces = true;
    } else {
      o.put(ch);
      spaces = false;
    }
  }
  o.put('"');
}

function writeLiteral(o: Out, s: string, indent: number): void {
  o.put('|');
  const cps = [...s];
  if (cps[0] === ' ' || isBreak(cps[0]!.codePointAt(0)!)) o.put('2');
  const last = cps[cps.length - 1]!.codePointAt(0)!;
  if (!isBreak(last)) o.put('-');
  else if (cps.length === 1 || isBreak(cps[cps.length - 2]!.codePointAt(0)!)) o.put('+');
  o.newline();
  let breaks = true;
  for (const ch of cps) {
    if (isBreak(ch.codePointAt(0)!)) {
      o.newline();
      breaks = true;
    } else {
      if (breaks) {
        o.put(' '.repeat(indent));
        breaks = false;
      }
      o.put(ch);
    }
  }
  if (o.cur.length > 0 || !breaks) o.newline();
  else o.cur = '';
}

/** Emits a string scalar at the cursor; `indent` is the emitter indent for continuation lines. */
function scalar(o: Out, s: string, indent: number, simpleKey: boolean): void {
  const a = analyze(s);
  let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n') ? 'literal' : !resolvesNonString(s) ? 'plain' : 'double';
  if (style === 'plain') {
    if (!a.blockPlain || (s.length === 0 && simpleKey) || (simpleKey && a.multiline)) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  if (simpleKey && a.multiline && style !== 'double') style = 'double';
  switch (style) {
    case 'plain':
      return writePlain(o, s, indent, !simpleKey);
    case 'single':
      return writeSingle(o, s, indent, !simpleKey);
    case 'double':
      return writeDouble(o, s, indent, !simpleKey);
    case 'literal':
      return writeLiteral(o, s, indent);
  }
}

function isScalarJ(v: J): boolean {
  return !(Array.isArray(v) || v instanceof Map) || (Array.isArray(v) ? v.length === 0 : v.size === 0);
}

function scalarJ(o: Out, v: J, indent: number): void {
  if (v === null) o.put('null');
  else if (typeof v === 'boolean') o.put(v ? 'true' : 'false');
  else if (typeof v === 'string') scalar(o, v, indent, false);
  else if (Array.isArray(v)) o.put('[]');
  else if (v instanceof Map) o.put('{}');
  else o.put(yamlNumber(v.num));
}

function endLine(o: Out): void {
  if (o.cur.length > 0) o.newline();
}

/** Emits a node at block level; the cursor is after "key:" / "- " or at the start of the document. */
function node(o: Out, v: J, indent: number, inMapping: boolean, afterDash: boolean): void {
  if (isScalarJ(v)) {
    if (o.cur.length > 0 && !afterDash) o.put(' ');
    scalarJ(o, v, indent + 2);
    endLine(o);
    return;
  }
  if (Array.isArray(v)) {
    // Sequences in a mapping are indentless.
    const ind = inMapping ? indent : indent + (afterDash ? 2 : 0);
    let first = true;
    for (const item of v) {
      if (!(afterDash && first)) o.indentTo(ind);
      o.put('-');
      if (isScalarJ(item)) {
        o.put(' ');
        scalarJ(o, item, ind + 2);
        endLine(o);
      } else {
        o.put(' ');
        node(o, item, ind, false, true);
      }
      first = false;
    }
    return;
  }
  const m = v as Map<string, J>;
  const ind = afterDash ? indent + 2 : inMapping ? indent + 2 : indent;
  const keys = [...m.keys()].sort((a, b) => (v2KeyLess(a, b) ? -1 : v2KeyLess(b, a) ? 1 : 0));
  let first = true;
  for (const k of keys) {
    if (!(afterDash && first)) o.indentTo(ind);
    scalar(o, k, ind, true);
    o.put(':');
    node(o, m.get(k)!, ind, true, false);
    first = false;
  }
}

/** sigs.k8s.io/yaml.Marshal (with a final newline). Throws JsonError where json.Marshal fails. */
export function toYamlDoc(v: GoValue): string {
  const j = toJ(v, 0);
  const o = new Out();
  if (isScalarJ(j)) {
    scalarJ(o, j, 2);
    endLine(o);
  } else node(o, j, 0, false, false);
  return o.lines.join('\n') + '\n';
}
