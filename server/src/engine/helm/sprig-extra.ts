/**
 * The rest of Sprig: path and URL helpers, more hashes and encodings, float math, semver objects, and fixed stand-ins
 * for its time, random and crypto functions (clearly FAKE values, so renders are reproducible).
 */
import { normalizePath } from '../project/paths';
import { def, FuncError, type FuncDef } from './funcs-types';
import { formatV } from './gofmt';
import { bytesToString, utf8Bytes } from './gostrings';
import { adler32, base32Decode, base32Encode, base64Encode, sha1Hex, sha512Hex } from './hash';
import { toFloat64 } from './sprig-misc';
import { strval } from './sprig-strings';
import { GoStruct, type GoMap, type GoValue } from './values';
import { toJson } from './yaml-out';

/** Go's path.Clean (the project's POSIX normalisation). */
const clean = (p: string): string => normalizePath(p);

function base(p: string): string {
  if (p === '') return '.';
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  const t = p.slice(0, end);
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}
function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(p.slice(0, i + 1));
}
function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function urlParse(s: string): GoMap {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s);
  if (!m) throw new FuncError(`unable to parse url: ${s}`);
  const host = m[3] ?? '';
  return new Map<string, GoValue>([
    ['scheme', m[1] ?? ''],
    ['host', host],
    ['hostname', host.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1')],
    ['path', m[4] ?? ''],
    ['query', m[5] ?? ''],
    ['opaque', ''],
    ['fragment', m[6] ?? ''],
    ['userinfo', m[2] ?? ''],
  ]);
}

function urlJoin(d: GoValue): string {
  const g = (k: string): string => (d instanceof Map ? strval(d.get(k) ?? '') : '');
  let out = g('scheme') ? `${g('scheme')}:` : '';
  if (g('host') || g('userinfo')) out += `//${g('userinfo') ? `${g('userinfo')}@` : ''}${g('host')}`;
  out += g('path');
  if (g('query')) out += `?${g('query')}`;
  if (g('fragment')) out += `#${g('fragment')}`;
  return out;
}

function semverObject(v: string): GoStruct {
  const m = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(v);
  if (!m) throw new FuncError('Invalid Semantic Version');
  const [maj, min, pat] = [BigInt(m[1]!), BigInt(m[2] ?? 0), BigInt(m[3] ?? 0)];
  const str = `${maj}.${min}.${pat}${m[4] ? `-${m[4]}` : ''}${m[5] ? `+${m[5]}` : ''}`;
  const fields = new Map<string, GoValue>([
    ['Major', maj],
    ['Minor', min],
    ['Patch', pat],
    ['Prerelease', m[4] ?? ''],
    ['Metadata', m[5] ?? ''],
    ['Original', v],
  ]);
  const method = (name: string, r: GoValue) => [name, { kind: 'func' as const, name, call: () => r }] as const;
  return new GoStruct('*semver.Version', fields, new Map([method('Major', maj), method('Minor', min), method('Patch', pat), method('Prerelease', m[4] ?? ''), method('Metadata', m[5] ?? ''), method('Original', v), method('String', str)]), str);
}

function prettyJson(v: GoValue): string {
  // json.MarshalIndent(v, "", "  "): re-indent the compact encoding (strings never contain raw newlines).
  const compact = toJson(v);
  let out = '';
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i]!;
    if (inStr) {
      out += c;
      if (c === '\\') out += compact[++i]!;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') {
      inStr = true;
      out += c;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (compact[i + 1] === close) {
        out += c + close;
        i++;
      } else out += c + '\n' + '  '.repeat(++depth);
    } else if (c === '}' || c === ']') out += '\n' + '  '.repeat(--depth) + c;
    else if (c === ',') out += ',\n' + '  '.repeat(depth);
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

const fakeTime = (s: string): GoStruct => new GoStruct('time.Time', new Map(), new Map(), s);
const FAKE_CERT = new GoStruct('sprig.certificate', new Map([['Cert', '-----BEGIN CERTIFICATE-----\nFAKE-CERT\n-----END CERTIFICATE-----\n'], ['Key', '-----BEGIN RSA PRIVATE KEY-----\nFAKE-KEY\n-----END RSA PRIVATE KEY-----\n']]));

export const sprigExtra: [string, FuncDef][] = [
  ['base', def(['string'], ([p]) => base(p as string))],
  ['dir', def(['string'], ([p]) => dir(p as string))],
  ['clean', def(['string'], ([p]) => clean(p as string))],
  ['ext', def(['string'], ([p]) => ext(p as string))],
  ['isAbs', def(['string'], ([p]) => (p as string).startsWith('/'))],
  ['osBase', def(['string'], ([p]) => base(p as string))],
  ['osDir', def(['string'], ([p]) => dir(p as string))],
  ['osClean', def(['string'], ([p]) => clean(p as string))],
  ['osExt', def(['string'], ([p]) => ext(p as string))],
  ['osIsAbs', def(['string'], ([p]) => (p as string).startsWith('/'))],
  ['urlParse', def(['string'], ([s]) => urlParse(s as string))],
  ['urlJoin', def(['map'], ([d]) => urlJoin(d))],
  ['sha512sum', def(['string'], ([s]) => sha512Hex(utf8Bytes(s as string)))],
  ['sha1sum', def(['string'], ([s]) => sha1Hex(utf8Bytes(s as string)))],
  ['adler32sum', def(['string'], ([s]) => String(adler32(utf8Bytes(s as string))))],
  ['b32enc', def(['string'], ([s]) => base32Encode(utf8Bytes(s as string)))],
  ['b32dec', def(['string'], ([s]) => {
    const b = base32Decode(s as string);
    return b ? bytesToString(b) : 'illegal base32 data at input byte 0';
  })],
  ['add1f', def(['any'], ([v]) => toFloat64(v) + 1)],
  ['maxf', def(['any'], ([a, ...r]) => r.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a)), 'any')],
  ['minf', def(['any'], ([a, ...r]) => r.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a)), 'any')],
  ['swapcase', def(['string'], ([s]) => [...(s as string)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''))],
  ['initials', def(['string'], ([s]) => (s as string).split(/\s+/).filter((w) => w !== '').map((w) => [...w][0]).join(''))],
  ['wrapWith', def(['int', 'string', 'string'], ([n, sep, s]) => (s as string).split(' ').reduce<string[]>((lines, w) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + w.length <= Number(n)) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
    return lines;
  }, []).join(sep as string))],
  ['abbrevboth', def(['int', 'int', 'string'], ([l, r, s]) => {
    const str = s as string;
    const left = Number(l);
    const right = Number(r);
    if (right < 4 || str.length <= right) return str;
    const start = left > 4 ? Math.min(left, str.length - (right - 3)) : 0;
    const head = start > 0 ? '...' : '';
    const rest = str.slice(start);
    const width = right - head.length;
    return rest.length > width ? head + rest.slice(0, width - 3) + '...' : head + rest;
  })],
  ['semver', def(['string'], ([v]) => semverObject(v as string))],
  ['toPrettyJson', def(['any'], ([v]) => prettyJson(v))],
  ['mustToPrettyJson', def(['any'], ([v]) => prettyJson(v))],
  ['hello', def([], () => 'Hello!')],
  ['shuffle', def(['string'], ([s]) => s as string)],
  ['randBytes', def(['int'], ([n]) => base64Encode(new Uint8Array(Math.max(0, Math.min(Number(n), 1_000_000)))))],
  ['bcrypt', def(['string'], () => '$2a$10$FAKEBCRYPTHASHFORSHIPSHAPExxxxxxxxxxxxxxxxxxxxxxxxxxxx')],
  ['encryptAES', def(['string', 'string'], () => 'FAKE-AES-CIPHERTEXT')],
  ['decryptAES', def(['string', 'string'], () => 'FAKE-AES-PLAINTEXT')],
  ['getHostByName', def(['string'], () => '192.0.2.1')],
  ['genCAWithKey', def(['string', 'int', 'string'], () => FAKE_CERT)],
  ['genSelfSignedCertWithKey', def(['string', 'list', 'list', 'int', 'string'], () => FAKE_CERT)],
  ['genSignedCertWithKey', def(['string', 'list', 'list', 'int', 'any', 'string'], () => FAKE_CERT)],
  ['buildCustomCert', def(['string', 'string'], () => FAKE_CERT)],
  ['ago', def(['any'], () => '0s')],
  ['duration', def(['any'], ([v]) => `${formatV(v)}s`)],
  ['durationRound', def(['any'], () => '0s')],
  ['toDate', def(['string', 'string'], () => fakeTime('2000-01-01 00:00:00 +0000 UTC'))],
  ['mustToDate', def(['string', 'string'], () => fakeTime('2000-01-01 00:00:00 +0000 UTC'))],
  ['dateModify', def(['string', 'any'], ([, t]) => t)],
  ['mustDateModify', def(['string', 'any'], ([, t]) => t)],
  ['htmlDate', def(['any'], () => '2000-01-01')],
  ['htmlDateInZone', def(['any', 'string'], () => '2000-01-01')],
  ['unixEpoch', def(['any'], () => '946684800')],
];

/** Sprig's must* and old names that behave as another function here. */
export const sprigAliases: [string, string][] = [
  ['biggest', 'max'],
  ['mustPush', 'push'],
  ['trimall', 'trimAll'],
  ['mustChunk', 'chunk'],
  ['mustFromJson', 'fromJson'],
  ['mustInitial', 'initial'],
  ['mustLast', 'last'],
  ['mustRest', 'rest'],
  ['mustReverse', 'reverse'],
  ['mustSlice', 'slice'],
  ['mustRegexFindAll', 'regexFindAll'],
  ['mustRegexReplaceAllLiteral', 'regexReplaceAllLiteral'],
  ['mustRegexSplit', 'regexSplit'],
  ['mustToRawJson', 'toRawJson'],
];
