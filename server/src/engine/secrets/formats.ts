/**
 * Known credential formats, found in any text (an env value, a ConfigMap
 * file, a decoded Secret value).
 *
 * Linear time by construction: the text is cut into tokens by a single
 * character loop (whitespace, quotes, brackets, `,;=|`), and every regular
 * expression is anchored (`^...$`) and tested on one token. None has a
 * nested quantifier, an ambiguous alternation under a quantifier, or two
 * unbounded quantifiers next to each other; test/unit/engine/secrets.test.ts
 * checks those properties on the source of every regular expression in
 * this folder and runs every detector on long hostile inputs.
 */
import { isPlaceholder, isRepeatedChar } from './placeholder';

export type FormatId =
  | 'aws-access-key-id'
  | 'github-token'
  | 'github-fine-grained-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'google-api-key'
  | 'jwt'
  | 'private-key'
  | 'connection-string';

export interface FormatMatch {
  format: FormatId;
  /** For messages: "an AWS access key ID". */
  label: string;
  /** The matched credential (never shown: only `mask` of it is). */
  value: string;
  /** Length of the known public prefix of the format (`AKIA`, `ghp_`), 0 when it has none. */
  prefix: number;
}

interface TokenFormat {
  format: FormatId;
  label: string;
  re: RegExp;
  /** Known prefix length to show in hints (at most 4 characters are ever shown). */
  prefix: number;
  /** The part after the prefix, for placeholder checks (`AKIAXXXXXXXXXXXXXXXX`). */
  bodyStart: number;
}

const TOKEN_FORMATS: readonly TokenFormat[] = [
  { format: 'aws-access-key-id', label: 'an AWS access key ID', re: /^A[KS]IA[A-Z2-7]{16}$/, prefix: 4, bodyStart: 4 },
  { format: 'github-token', label: 'a GitHub token', re: /^gh[pousr]_[A-Za-z0-9]{36}$/, prefix: 4, bodyStart: 4 },
  { format: 'github-fine-grained-token', label: 'a GitHub fine-grained personal access token', re: /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/, prefix: 4, bodyStart: 11 },
  { format: 'gitlab-token', label: 'a GitLab personal access token', re: /^glpat-[A-Za-z0-9_-]{20,}$/, prefix: 4, bodyStart: 6 },
  { format: 'slack-token', label: 'a Slack token', re: /^xox[abprs]-[0-9]{4,}-[A-Za-z0-9-]{8,}$/, prefix: 4, bodyStart: 5 },
  { format: 'google-api-key', label: 'a Google API key', re: /^AIza[0-9A-Za-z_-]{35}$/, prefix: 4, bodyStart: 4 },
  { format: 'jwt', label: 'a JSON Web Token', re: /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/, prefix: 3, bodyStart: 3 },
];

/** `scheme://user:password@host`: scheme (JDBC's `jdbc:mysql` included), user (may be empty), password, host. */
const CONNECTION_STRING = /^[A-Za-z][A-Za-z0-9+.:-]*:\/\/([^\s:/@]*):([^\s/@]+)@[^\s/@]/;

/** Characters that end a token. */
function isDelimiter(c: number): boolean {
  return (
    c <= 32 || // whitespace and control characters
    c === 34 || c === 39 || c === 96 || // " ' `
    c === 44 || c === 59 || c === 61 || c === 124 || // , ; = |
    c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125 || c === 60 || c === 62 || // ( ) [ ] { } < >
    c === 92 // backslash
  );
}

/** The tokens of a text: maximal runs of non-delimiters, with `.` and `:` trimmed from their ends. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const delim = i === text.length || isDelimiter(text.charCodeAt(i));
    if (!delim) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      let end = i;
      while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 58)) end--;
      let s = start;
      while (s < end && text.charCodeAt(s) === 58) s++;
      if (end > s) out.push(text.slice(s, end));
      start = -1;
    }
  }
  return out;
}

/** The password of a `scheme://user:password@host` token, when it has one that is not a placeholder. */
export function connectionPassword(token: string): string | undefined {
  const m = CONNECTION_STRING.exec(token);
  if (!m) return undefined;
  const password = m[2]!;
  return isPlaceholder(password) ? undefined : password;
}

/** A known format matched by one token (or by one `:`-separated part of it). */
export function tokenFormat(token: string): FormatMatch | undefined {
  if (token.includes('://')) {
    return connectionPassword(token) !== undefined ? { format: 'connection-string', label: 'a connection string with a password', value: token, prefix: 0 } : undefined;
  }
  const parts = token.includes(':') ? token.split(':') : [token];
  for (const part of parts) {
    for (const f of TOKEN_FORMATS) {
      if (!f.re.test(part)) continue;
      const body = part.slice(f.bodyStart);
      if (isRepeatedChar(body) || isPlaceholder(body)) continue; // AKIAXXXXXXXXXXXXXXXX, the AWS docs' ...EXAMPLE
      return { format: f.format, label: f.label, value: part, prefix: f.prefix };
    }
  }
  return undefined;
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_DASHES = '-----';
/** A real key body has far more base64 than this; `...` or `<key>` placeholders have less. */
const MIN_PEM_BODY = 64;

/** A PEM private key block (`-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ]PRIVATE KEY-----` with a body). */
export function findPrivateKey(text: string): FormatMatch | undefined {
  let from = 0;
  for (;;) {
    const begin = text.indexOf(PEM_BEGIN, from);
    if (begin < 0) return undefined;
    const labelStart = begin + PEM_BEGIN.length;
    const labelEnd = text.indexOf(PEM_DASHES, labelStart);
    if (labelEnd < 0) return undefined;
    from = labelEnd;
    const label = text.slice(labelStart, labelEnd);
    if (label.length > 40 || !label.includes('PRIVATE KEY')) continue;
    const bodyStart = labelEnd + PEM_DASHES.length;
    const endMarker = text.indexOf(PEM_DASHES, bodyStart);
    const bodyEnd = endMarker < 0 ? text.length : endMarker;
    let base64 = 0;
    for (let i = bodyStart; i < bodyEnd; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47) base64++;
    }
    from = bodyEnd;
    if (base64 < MIN_PEM_BODY) continue;
    const lineEnd = endMarker < 0 ? -1 : text.indexOf('\n', endMarker);
    const end = lineEnd < 0 ? text.length : lineEnd;
    return { format: 'private-key', label: 'a PEM private key', value: text.slice(begin, end).trimEnd(), prefix: 0 };
  }
}

/** The first known credential format in a text: a private key, else the first token that matches a format. */
export function findFormat(text: string): FormatMatch | undefined {
  const key = findPrivateKey(text);
  if (key) return key;
  for (const t of tokens(text)) {
    const m = tokenFormat(t);
    if (m) return m;
  }
  return undefined;
}

/** Whether a text holds only public key material (certificates, public keys), e.g. `tls.crt` or `ca.crt`. */
export function isPublicKeyMaterial(text: string): boolean {
  const t = text.trim();
  return t.startsWith(PEM_BEGIN) && !t.includes('PRIVATE KEY') && (t.includes('CERTIFICATE') || t.includes('PUBLIC KEY'));
}

/** The regular expressions of this module (for the linear-time checks of the tests). */
export const FORMAT_REGEXES: readonly RegExp[] = [...TOKEN_FORMATS.map((f) => f.re), CONNECTION_STRING];
