/**
 * Values that only stand in for a credential: empty strings, `changeme`,
 * `<redacted>`, `${VAR}`, `$(VAR)`, `{{ x }}`, `xxx`, `REPLACE_ME`,
 * `your-password-here`, `example`, `dummy`, ... They are never reported:
 * a manifest that says "put the password here" is doing the right thing.
 *
 * Also the literal-value filters the name-based checks share: booleans,
 * file paths and URLs without credentials are not credentials, whatever
 * the name says (`GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json`).
 *
 * No regular expressions: character loops and string comparisons.
 */
import { isCredentialName } from './names';

/** Whole values (lowercase, separators removed) that are placeholders. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'changeme', 'changeit', 'changethis', 'replaceme', 'redacted', 'placeholder', 'example', 'examples', 'dummy', 'test',
  'testing', 'fake', 'sample', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'unset', 'empty', 'notset',
  'foo', 'bar', 'foobar', 'xyz', 'abc', 'secretvalue', 'mysecret', 'yoursecret', 'notasecret', 'notreal', 'hidden',
  'masked', 'omitted', 'removed', 'secretgoeshere',
]);

/** Prefixes of the normalized value that mark an instruction rather than a value. */
const PLACEHOLDER_PREFIXES: readonly string[] = ['your', 'insert', 'replace', 'changeme', 'enteryour', 'putyour', 'fillin', 'setme', 'addyour'];

/** Substrings that mark documentation values (the AWS docs key ends in EXAMPLE). */
const PLACEHOLDER_PARTS: readonly string[] = ['placeholder', 'redacted', 'example', 'dummy', 'notreal', 'dontuse', 'donotuse', 'changeme', 'replaceme'];

/** Placeholder words and instructions are short; longer values are only checked for references, brackets and repeats. */
const MAX_PLACEHOLDER_LENGTH = 256;

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Lowercase letters and digits only: `Your-Password_HERE` -> `yourpasswordhere`. */
export function normalize(value: string): string {
  // Copy runs of letters and digits whole (most names and values are one run), not one character at a time.
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (isAlnum(value.charCodeAt(i))) continue;
    if (i > from) out += value.slice(from, i);
    from = i + 1;
  }
  out = from === 0 ? value : from < value.length ? out + value.slice(from) : out;
  return out.toLowerCase();
}

/**
 * Whether the value refers to something else instead of holding a value:
 * `${VAR}`, `$(VAR)` (Kubernetes env expansion), `{{ .Values.x }}`,
 * `$VAR`, `%VAR%`, `#{x}`, `ENC(...)` (Jasypt) anywhere in it.
 */
export function hasReference(value: string): boolean {
  if (value.includes('${') || value.includes('$(') || value.includes('{{') || value.includes('#{') || value.includes('ENC(')) return true;
  const t = value.trim();
  if (t.length >= 2 && t[0] === '$' && isIdentifierStart(t.charCodeAt(1))) return true;
  if (t.length >= 3 && t[0] === '%' && t[t.length - 1] === '%') return true;
  return false;
}

function isIdentifierStart(c: number): boolean {
  return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** One character repeated, ignoring separators: `xxx`, `****`, `XXXX-XXXX`, `00000000`. */
export function isRepeatedChar(value: string): boolean {
  let first = -1;
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 45 || c === 95 || c === 46 || c === 32) continue; // - _ . space
    if (first === -1) first = c;
    else if (c !== first) return false;
    seen++;
  }
  return seen > 0;
}

/** Letters, digits and `-_.` only, short: a value where a placeholder word inside means "placeholder". */
function isWordLike(value: string): boolean {
  if (value.length > 64) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isAlnum(c) && c !== 45 && c !== 95 && c !== 46) return false;
  }
  return true;
}

/** Longest `<...>` placeholder inside a value (`Bearer <token>`, `postgres://app:<password>@db/app`). */
const MAX_ANGLE_PLACEHOLDER = 64;

/**
 * Whether the value holds a `<words>` placeholder: `<`, a letter, letters,
 * digits, spaces and `_-.` up to `>`, with at least two letters. Linear:
 * each `<` starts a scan that stops at the first other character.
 */
export function hasAnglePlaceholder(value: string): boolean {
  for (let open = value.indexOf('<'); open >= 0; open = value.indexOf('<', open + 1)) {
    let letters = 0;
    let i = open + 1;
    for (; i < value.length && i - open <= MAX_ANGLE_PLACEHOLDER; i++) {
      const c = value.charCodeAt(i);
      const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      if (i === open + 1 && !letter) break;
      if (letter) letters++;
      else if (!((c >= 48 && c <= 57) || c === 32 || c === 95 || c === 45 || c === 46)) break;
    }
    if (value.charCodeAt(i) === 62 /* > */ && letters >= 2) return true;
  }
  return false;
}

/**
 * A value written as a credential-like identifier, `GOOGLE_API_KEY_VAL`,
 * `JWT_SECRET_VALUE`, `db_password`: the name of what belongs there, not
 * the thing itself. One case, letters, digits and `_`, at least one `_`.
 */
function isCredentialIdentifier(value: string): boolean {
  if (value.length > 128 || !value.includes('_')) return false;
  const classes = characterClasses(value, '_');
  return classes !== undefined && classes.upper !== classes.lower && isCredentialName(value);
}

/**
 * Whether `value` has upper-case letters, lower-case letters and digits
 * (ASCII); undefined when it has any other character not in `extra`.
 */
export function characterClasses(value: string, extra: string): { upper: boolean; lower: boolean; digit: boolean } | undefined {
  const classes = { upper: false, lower: false, digit: false };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) classes.upper = true;
    else if (c >= 97 && c <= 122) classes.lower = true;
    else if (c >= 48 && c <= 57) classes.digit = true;
    else if (!extra.includes(value[i]!)) return undefined;
  }
  return classes;
}

/** What echoesName allows before and after the name. */
const ECHO_PREFIXES = ['', 'your', 'my', 'the'];
const ECHO_SUFFIXES = ['', 'val', 'value'];

/**
 * A value that repeats its own name (`GOOGLE_API_KEY: GOOGLE_API_KEY`),
 * possibly with `_VAL` / `_VALUE` after it or `YOUR_` / `MY_` before it,
 * in any case and with any separators: a template never filled in.
 */
export function echoesName(name: string, value: string): boolean {
  const n = normalize(name);
  if (n === '' || value.length > 2 * n.length + 32) return false;
  const v = normalize(value);
  // v === prefix + n + suffix, without building the twelve strings.
  for (const prefix of ECHO_PREFIXES) {
    if (!v.startsWith(prefix) || !v.startsWith(n, prefix.length)) continue;
    const rest = v.length - prefix.length - n.length;
    for (const suffix of ECHO_SUFFIXES) if (suffix.length === rest && v.endsWith(suffix)) return true;
  }
  return false;
}

/**
 * Whether a value is empty or an obvious placeholder. Multi-line values
 * (files) are content, never placeholders: their parts are judged instead.
 */
export function isPlaceholder(value: string): boolean {
  let t = value.trim();
  if (t === '') return true;
  if (t.includes('\n')) return false;
  // A value that keeps its quotes (`"<your key>"` in a Dockerfile or .env line) is judged without them.
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1).trim();
  if (t === '') return true;
  if (hasReference(t)) return true;
  const markup = t.includes('</') || t.includes('/>'); // `<password>x</password>` holds a value
  if (t[0] === '<' && t[t.length - 1] === '>' && !markup) return true; // <redacted>, <your-password>
  if (!markup && hasAnglePlaceholder(t)) return true; // Bearer <token>, postgres://app:<password>@db/app
  if (isCredentialIdentifier(t)) return true; // GOOGLE_API_KEY_VAL
  if (t[0] === '[' && t[t.length - 1] === ']' && t.length < 64) return true; // [REDACTED]
  if (isRepeatedChar(t)) return true;
  if (t.length > MAX_PLACEHOLDER_LENGTH) return false;
  const n = normalize(t);
  if (n === '') return true; // only punctuation: "...", "--"
  if (PLACEHOLDER_WORDS.has(n)) return true;
  if (PLACEHOLDER_PREFIXES.some((p) => n.startsWith(p))) return true;
  if (n.endsWith('here') && n.length <= 40) return true; // token-here, your_api_key_here
  if (isWordLike(t) && PLACEHOLDER_PARTS.some((p) => n.includes(p))) return true;
  return false;
}

/** `true`, `false`, `yes`, `no`, `on`, `off`, `0`, `1`: a switch, not a credential (`MYSQL_ALLOW_EMPTY_PASSWORD: "1"`). */
export function isBooleanLike(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v === 'true' || v === 'false' || v === 'yes' || v === 'no' || v === 'on' || v === 'off' || v === '0' || v === '1';
}

/** Extensions of key, certificate and config files: `certs/tls.key` names a file, it is not a key. */
const FILE_EXTENSIONS: readonly string[] = [
  '.pem', '.key', '.crt', '.cer', '.der', '.csr', '.p12', '.pfx', '.jks', '.keystore', '.truststore', '.pub', '.asc', '.gpg',
  '.json', '.yaml', '.yml', '.txt', '.conf', '.cfg', '.ini', '.env', '.properties', '.toml', '.xml',
];

/** An absolute or relative file path (`/run/secrets/db`, `./key.pem`, `~/.aws/credentials`, `C:\keys\a.pfx`, `file:///x`, `certs/tls.key`). */
export function isPathLike(value: string): boolean {
  const t = value.trim();
  const lower = t.toLowerCase();
  if (!t.includes(' ') && FILE_EXTENSIONS.some((ext) => lower.length > ext.length && lower.endsWith(ext))) return true;
  if (t.startsWith('/') || t.startsWith('./') || t.startsWith('../') || t.startsWith('~/') || t.startsWith('file:')) return true;
  if (t.length >= 3 && isIdentifierStart(t.charCodeAt(0)) && t[1] === ':' && (t[2] === '\\' || t[2] === '/')) return true;
  return false;
}
