/**
 * Sprig's defaults, conversion, math, encoding, type and semver functions, the reproducible stand-ins for its random,
 * time and crypto functions (fixed values marked FAKE), and Helm's own functions (toYaml, include, tpl, required,
 * fail, lookup).
 */
import { def, FuncError, type FuncDef } from './funcs-types';
import { bytesToString, utf8Bytes } from './gostrings';
import { sha256Hex } from '../project/kustomize/hash';
import { base64Encode } from './hash';
import { decimalFold } from './decimal';
import { semverCompare } from './semver';
import { isEmpty } from './sprig-lists';
import { strval } from './sprig-strings';
import { GoStruct, kindName, typeName, typedSlice, yamlToGo, type GoMap, type GoValue } from './values';
import { JsonError, toJson, toYamlDoc } from './yaml-out';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);

/** cast.ToInt64 as sprig uses it (errors become 0). */
export function toInt64(v: GoValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return I64_MIN;
    const t = Math.trunc(v);
    if (t >= 2 ** 63 || t < -(2 ** 63)) return I64_MIN;
    return BigInt(t);
  }
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const s = v.replace(/\.0*$/, '');
    const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[0-9_]+)$/.exec(s);
    if (!m) return 0n;
    let body = m[2]!.replaceAll('_', '');
    if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
    const n = BigInt(body) * (m[1] === '-' ? -1n : 1n);
    return n < I64_MIN || n > I64_MAX ? 0n : n;
  }
  return 0n;
}

export function toFloat64(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim() === v ? v : '';
    const n = s === '' ? NaN : Number(s.replaceAll('_', ''));
    return Number.isNaN(n) && !/^[+-]?nan$/i.test(s) ? 0 : n;
  }
  return 0;
}

function divide(a: GoValue, b: GoValue, mod: boolean): bigint {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) throw new FuncError('runtime error: integer divide by zero');
  return mod ? x % y : wrap64(x / y);
}

function fromYaml(s: string): GoMap {
  try {
    const v = yamlToGo(s);
    if (v instanceof Map) return v;
    if (v === null) return new Map();
    return new Map([['Error', `error unmarshaling JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`]]);
  } catch (e) {
    return new Map([['Error', `error converting YAML to JSON: ${(e as Error).message}`]]);
  }
}

function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

function fromYamlArray(s: string): GoValue[] {
  try {
    const v = yamlToGo(s);
    if (Array.isArray(v)) return v;
    if (v === null) return [];
    return [`error unmarshaling JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
  } catch (e) {
    return [`error converting YAML to JSON: ${(e as Error).message}`];
  }
}

function b64dec(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return `illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`;
  return bytesToString(Buffer.from(s, 'base64'));
}

/** A fixed, clearly fake PEM block, so renders are reproducible and nobody mistakes it for a real key. */
function fakePem(kind: string, seed: string): string {
  const body = base64Encode(utf8Bytes(`FAKE-${kind}-generated-by-shipshape-for-${seed}`));
  return `-----BEGIN ${kind}-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END ${kind}-----\n`;
}

function cert(seed: string): GoStruct {
  return new GoStruct('sprig.certificate', new Map([['Cert', fakePem('CERTIFICATE', seed)], ['Key', fakePem('RSA PRIVATE KEY', seed)]]));
}

const FAKE_TIME = new GoStruct('time.Time', new Map(), new Map(), '2000-01-01 00:00:00 +0000 UTC');

function fakeAlnum(n: bigint, alphabet: string): string {
  const count = Number(n);
  if (count < 0) throw new FuncError('negative count');
  let s = '';
  for (let i = 0; i < Math.min(count, 1_000_000); i++) s += alphabet[i % alphabet.length];
  return s;
}

function kindIs(k: GoValue, v: GoValue): boolean {
  return kindName(v) === k;
}

function untilStep(start: bigint, stop: bigint, step: bigint, spend: (n: number) => void): GoValue[] {
  const out: GoValue[] = [];
  if (step === 0n) return typedSlice(out, 'int');
  const count = step > 0n ? (stop > start ? (stop - start + step - 1n) / step : 0n) : start > stop ? (start - stop - step - 1n) / -step : 0n;
  spend(Number(count > 10n ** 9n ? 10n ** 9n : count));
  for (let i = start; step > 0n ? i < stop : i > stop; i += step) out.push(i);
  return typedSlice(out, 'int');
}

/** sprig's seq: GNU seq's argument forms (last; first last; first step last). */
function seq(p: bigint[], spend: (n: number) => void): string {
  const list = (start: bigint, stop: bigint, step: bigint): string => untilStep(start, stop, step, spend).map(String).join(' ');
  if (p.length === 1) return list(1n, p[0]! + (p[0]! < 1n ? -1n : 1n), p[0]! < 1n ? -1n : 1n);
  if (p.length === 2) {
    const step = p[1]! < p[0]! ? -1n : 1n;
    return list(p[0]!, p[1]! + step, step);
  }
  if (p.length === 3) {
    const [start, step, end] = p as [bigint, bigint, bigint];
    const inc = end < start ? -1n : 1n;
    if (end < start && step > 0n) return '';
    return list(start, end + inc, step);
  }
  return '';
}

function required(msg: GoValue, v: GoValue): GoValue {
  if (v === null || v === undefined || v === '') throw new FuncError(`${strval(msg)}`);
  return v;
}

export const sprigMisc: [string, FuncDef][] = [
  ['default', def(['any'], ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]!), 'any')],
  ['empty', def(['any'], ([v]) => isEmpty(v))],
  ['coalesce', def([], (a) => a.find((x) => !isEmpty(x)) ?? null, 'any')],
  ['all', def([], (a) => a.every((x) => !isEmpty(x)), 'any')],
  ['any', def([], (a) => a.some((x) => !isEmpty(x)), 'any')],
  ['ternary', def(['any', 'any', 'bool'], ([t, f, c]) => (c ? t : f))],
  ['fail', def(['string'], ([m]) => {
    throw new FuncError(m as string);
  })],
  ['required', def(['string', 'any'], ([m, v]) => required(m, v))],
  ['lookup', def(['string', 'string', 'string', 'string'], () => new Map())],
  ['int', def(['any'], ([v]) => wrap64(toInt64(v)))],
  ['int64', def(['any'], ([v]) => toInt64(v))],
  ['float64', def(['any'], ([v]) => toFloat64(v))],
  ['atoi', def(['string'], ([s]) => (/^[+-]?[0-9]+$/.test(s as string) ? toInt64(s) : 0n))],
  ['toDecimal', def(['any'], ([v]) => (/^[+-]?[0-7]+$/.test(strval(v)) ? BigInt('0o' + strval(v).replace(/^[+-]/, '')) * (strval(v).startsWith('-') ? -1n : 1n) : 0n))],
  ['add', def([], (a) => wrap64(a.reduce<bigint>((s, x) => s + toInt64(x), 0n)), 'any')],
  ['add1', def(['any'], ([v]) => wrap64(toInt64(v) + 1n))],
  ['sub', def(['any', 'any'], ([a, b]) => wrap64(toInt64(a) - toInt64(b)))],
  ['mul', def(['any'], ([a, ...r]) => wrap64(r.reduce<bigint>((s, x) => s * toInt64(x), toInt64(a))), 'any')],
  ['div', def(['any', 'any'], ([a, b]) => divide(a, b, false))],
  ['mod', def(['any', 'any'], ([a, b]) => divide(a, b, true))],
  ['max', def(['any'], ([a, ...r]) => r.reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a)), 'any')],
  ['min', def(['any'], ([a, ...r]) => r.reduce<bigint>((m, x) => (toInt64(x) < m ? toInt64(x) : m), toInt64(a)), 'any')],
  ['addf', def([], (a) => (a.length === 0 ? 0 : decimalFold('add', toFloat64(a[0]), a.slice(1).map(toFloat64))), 'any')],
  ['subf', def(['any'], ([a, ...r]) => decimalFold('sub', toFloat64(a), r.map(toFloat64)), 'any')],
  ['mulf', def(['any'], ([a, ...r]) => decimalFold('mul', toFloat64(a), r.map(toFloat64)), 'any')],
  ['divf', def(['any'], ([a, ...r]) => decimalFold('div', toFloat64(a), r.map(toFloat64)), 'any')],
  ['floor', def(['any'], ([v]) => Math.floor(toFloat64(v)))],
  ['ceil', def(['any'], ([v]) => Math.ceil(toFloat64(v)))],
  ['round', def(['any', 'int'], ([v, p]) => Math.round(toFloat64(v) * 10 ** Number(p)) / 10 ** Number(p), 'float64')],
  ['until', def(['int'], ([n], ctx) => untilStep(0n, n as bigint, (n as bigint) < 0n ? -1n : 1n, ctx.spend))],
  ['untilStep', def(['int', 'int', 'int'], ([a, b, c], ctx) => untilStep(a as bigint, b as bigint, c as bigint, ctx.spend))],
  ['seq', def([], (a, ctx) => seq(a as bigint[], ctx.spend), 'int')],
  ['kindIs', def(['string', 'any'], ([k, v]) => kindIs(k, v))],
  ['kindOf', def(['any'], ([v]) => kindName(v))],
  ['typeOf', def(['any'], ([v]) => typeName(v))],
  ['typeIs', def(['string', 'any'], ([t, v]) => typeName(v) === t)],
  ['typeIsLike', def(['string', 'any'], ([t, v]) => typeName(v) === t || `*${typeName(v)}` === t)],
  ['deepEqual', def(['any', 'any'], ([a, b]) => toJsonOrEmpty(a) === toJsonOrEmpty(b))],
  ['b64enc', def(['string'], ([s]) => base64Encode(utf8Bytes(s as string)))],
  ['b64dec', def(['string'], ([s]) => b64dec(s as string))],
  ['sha256sum', def(['string'], ([s]) => sha256Hex(s as string))],
  ['toYaml', def(['any'], ([v]) => toYamlOrEmpty(v))],
  ['mustToYaml', def(['any'], ([v]) => toYamlDoc(v).replace(/\n$/, ''))],
  ['toJson', def(['any'], ([v]) => toJsonOrEmpty(v))],
  ['mustToJson', def(['any'], ([v]) => toJson(v))],
  ['toRawJson', def(['any'], ([v]) => toJsonOrEmpty(v).replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&'))],
  ['fromYaml', def(['string'], ([s]) => fromYaml(s as string))],
  ['fromYamlArray', def(['string'], ([s]) => fromYamlArray(s as string))],
  ['fromJson', def(['string'], ([s]) => fromYaml(s as string))],
  ['fromJsonArray', def(['string'], ([s]) => fromYamlArray(s as string))],
  ['semverCompare', def(['string', 'string'], ([c, v]) => semverCompare(c as string, v as string))],
  ['randAlphaNum', def(['int'], ([n]) => fakeAlnum(n as bigint, 'FAKErandAlphaNum0123456789'))],
  ['randAlpha', def(['int'], ([n]) => fakeAlnum(n as bigint, 'FAKErandAlpha'))],
  ['randNumeric', def(['int'], ([n]) => fakeAlnum(n as bigint, '0123456789'))],
  ['randAscii', def(['int'], ([n]) => fakeAlnum(n as bigint, 'FAKErandAscii'))],
  ['randInt', def(['int', 'int'], ([a]) => a as bigint)],
  ['uuidv4', def([], () => '00000000-0000-4000-8000-000000000000')],
  ['now', def([], () => FAKE_TIME)],
  ['date', def(['string', 'any'], () => '2000-01-01')],
  ['dateInZone', def(['string', 'any', 'string'], () => '2000-01-01')],
  ['htpasswd', def(['string', 'string'], ([u]) => `${u as string}:$2a$10$FAKEHTPASSWDHASHFORSHIPSHAPExxxxxxxxxxxxxxxxxxxxxxxxxx`)],
  ['genPrivateKey', def(['string'], ([t]) => fakePem(`${String(t).toUpperCase()} PRIVATE KEY`, 'private-key'))],
  ['genCA', def(['string', 'int'], ([cn]) => cert(`ca-${cn as string}`))],
  ['genSelfSignedCert', def(['string', 'list', 'list', 'int'], ([cn]) => cert(`self-signed-${cn as string}`))],
  ['genSignedCert', def(['string', 'list', 'list', 'int', 'any'], ([cn]) => cert(`signed-${cn as string}`))],
  ['derivePassword', def(['int', 'string', 'string', 'string', 'string'], () => 'FAKE-derived-password')],
];

function toJsonOrEmpty(v: GoValue): string {
  try {
    return toJson(v);
  } catch (e) {
    if (e instanceof JsonError) return '';
    throw e;
  }
}

function toYamlOrEmpty(v: GoValue): string {
  try {
    return toYamlDoc(v).replace(/\n$/, '');
  } catch (e) {
    if (e instanceof JsonError) return '';
    throw e;
  }
}

export { I64_MAX };
