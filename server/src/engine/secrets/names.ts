/**
 * Does a name (env var, ConfigMap key, config file setting) say "I hold a
 * credential"? The name is split into words at `_`, `-`, `.`, spaces,
 * camelCase humps and letter/digit boundaries, and its LAST word decides:
 * `DB_PASSWORD`, `apiKey`, `MINIO_SECRET_KEY` and `SECRET_KEY_BASE` hold
 * credentials; `TOKEN_TTL_SECONDS`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`,
 * `TOKEN_FILE`, `AUTH_URL`, `ACCESS_KEY_ID` and `AUTH_ENABLED` do not,
 * because their last word is about something else (a duration, a length, a
 * name, a file, a URL, an identifier, a switch).
 *
 * No regular expressions: a single pass over the characters.
 */

/** A word that on its own (as the last word) names a credential. */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'passwrd', 'pswd', 'pwd', 'pw', 'pass', 'passphrase', 'passcode',
  'secret', 'token', 'apikey', 'credential', 'credentials', 'creds', 'auth',
  'privatekey', 'accesskey', 'secretkey', 'clientsecret', 'apisecret', 'apitoken',
]);

/** Single lowercase words ending like this are credentials too: `webpassword`, `accesstoken`, `clientsecret`. */
const CREDENTIAL_SUFFIXES: readonly string[] = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'secretkey', 'privatekey'];

/**
 * `<qualifier>_KEY` is a credential: `API_KEY`, `PRIVATE_KEY`, `ENCRYPTION_KEY`; a bare `CACHE_KEY` or `ROUTING_KEY` is not.
 * `GPG_KEY`/`PGP_KEY` are left out: in Dockerfiles they name public key fingerprints used to verify downloads
 * (`GPG_PRIVATE_KEY` is still caught through `private`).
 */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api', 'access', 'secret', 'private', 'signing', 'sign', 'encryption', 'encrypt', 'decryption', 'decrypt', 'master',
  'ssh', 'hmac', 'jwt', 'session', 'crypto', 'cipher', 'aes', 'license', 'licence', 'consumer',
  'account', 'shared', 'client', 'tls', 'ssl', 'app', 'application', 'auth', 'admin', 'service', 'storage', 'webhook',
]);

/**
 * Cloud providers whose `<provider>_..._KEY` settings are account keys: `AZURE_BATCH_KEY`, `AZURE_STORAGE_KEY`,
 * `OCI_API_KEY`, `ALIBABA_CLOUD_KEY` (a public key, a KMS key reference or a site key is still not one).
 */
const PROVIDER_WORDS: ReadonlySet<string> = new Set([
  'azure', 'aws', 'gcp', 'google', 'gcloud', 'oci', 'oracle', 'alibaba', 'aliyun', 'alicloud', 'tencent', 'ibm', 'digitalocean', 'linode', 'hetzner', 'ovh', 'scaleway',
]);

/**
 * The word before `KEY` when the key is public, a reference or a lookup key, not a secret: `SSH_PUBLIC_KEY`,
 * `RECAPTCHA_SITE_KEY`, `STRIPE_PUBLISHABLE_KEY`, `GPG_KEY` (a fingerprint), `AWS_KMS_KEY` (an ARN), `CACHE_KEY`,
 * `SORT_KEY`, `TOPOLOGY_KEY`, `LABEL_KEY`...
 */
const NON_SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'public', 'pub', 'publishable', 'site', 'gpg', 'pgp', 'kms', 'host', 'verify', 'verification', 'sentry', 'posthog', 'firebase', 'recaptcha', 'hcaptcha',
  'pusher', 'vapid', 'analytics', 'tracking', 'measurement', 'instrumentation',
  'cache', 'routing', 'partition', 'sort', 'primary', 'foreign', 'unique', 'composite', 'idempotency', 'lookup', 'object', 's3', 'map', 'hash', 'group',
  'dedup', 'dedupe', 'index', 'row', 'column', 'field', 'label', 'annotation', 'tag', 'metric', 'config', 'configmap', 'setting', 'feature', 'flag',
  'topology', 'selector', 'node', 'lock', 'election', 'leader', 'cursor', 'shard', 'bucket', 'prefix', 'namespace', 'queue', 'topic', 'stream',
  'message', 'event', 'record', 'request', 'resource', 'entity', 'item', 'header', 'query', 'param', 'path', 'file', 'env', 'level', 'type', 'name',
  'state', 'cluster', 'region', 'zone', 'redis', 'memcache', 'memcached', 'special', 'sticky', 'affinity', 'sharding', 'order', 'search',
]);

/** `..._KEY_CONTENT`: the content of a key file (`OCI_CLI_KEY_CONTENT`, `SSH_KEY_CONTENTS`, `TLS_KEY_PEM`). */
const KEY_MATERIAL_WORDS: ReadonlySet<string> = new Set(['content', 'contents', 'material', 'pem']);

/** Trailing words that do not change what the name holds: `SECRET_KEY_BASE`, `PASSWORD_B64`, `TOKEN_VALUE`. */
const TRANSPARENT_SUFFIXES: ReadonlySet<string> = new Set(['base', 'b' /* b64, split from its digits */, 'b64', 'base64', 'value', 'val', 'str', 'string', 'raw', 'plain', 'plaintext', 'hex', 'encoded']);

/** Whole names that contain a credential word but are something else (`PWD` is the working directory). */
const NOT_CREDENTIALS: ReadonlySet<string> = new Set(['pwd', 'oldpwd']);

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Words of a name, lowercased: `dbPassword` -> [db, password],
 * `AWS_SECRET_ACCESS_KEY` -> [aws, secret, access, key], `APIKey2` -> [api, key, 2].
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let cur = '';
  const flush = (): void => {
    if (cur) words.push(cur.toLowerCase());
    cur = '';
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alpha = isUpper(c) || isLower(c);
    if (!alpha && !isDigit(c)) {
      flush();
      continue;
    }
    if (cur) {
      const p = name.charCodeAt(i - 1);
      const next = i + 1 < name.length ? name.charCodeAt(i + 1) : 0;
      const hump = isUpper(c) && (isLower(p) || (isUpper(p) && isLower(next)));
      const digitEdge = isDigit(c) !== isDigit(p);
      if (hump || digitEdge) flush();
    }
    cur += name[i];
  }
  flush();
  return words;
}

/** Whether `word` is a credential word on its own (also as the tail of one lowercase word). */
function credentialWord(word: string): boolean {
  if (CREDENTIAL_WORDS.has(word)) return true;
  return CREDENTIAL_SUFFIXES.some((s) => word.length > s.length && word.endsWith(s));
}

/**
 * Whether a name looks like it holds a credential. See the module comment
 * for the rule; `name` may be an env var, a ConfigMap key or a dotted config
 * setting such as `spring.datasource.password`.
 */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length === 1 && NOT_CREDENTIALS.has(words[0]!)) return false;
  let end = lastWordIndex(words);
  let last = words[end]!;
  if (credentialWord(last)) return true;
  // `OCI_CLI_KEY_CONTENT`, `PRIVATE_KEY_PEM`: the material of a key is the key, unless it is a public one.
  if (KEY_MATERIAL_WORDS.has(last) && end > 0 && words[end - 1] === 'key') {
    if (words.some((w) => w === 'public' || w === 'pub')) return false;
    end--;
    last = 'key';
    if (end === 0) return true;
  }
  if (last === 'key' && end > 0) {
    const qualifier = words[end - 1]!;
    if (KEY_QUALIFIERS.has(qualifier) || credentialWord(qualifier)) return true;
    if (KEY_MATERIAL_WORDS.has(words[end + 1] ?? '')) return true;
    const before = wordsBefore(words, end);
    return before.some((w) => PROVIDER_WORDS.has(w)) && !before.some((w) => NON_SECRET_KEY_QUALIFIERS.has(w));
  }
  return false;
}

/** The words before index `end`, plus letters joined with the digits after them (`s3`, split into `s` and `3`). */
function wordsBefore(words: readonly string[], end: number): string[] {
  const out = words.slice(0, end);
  for (let i = 0; i + 1 < end; i++) if (isDigit(words[i + 1]!.charCodeAt(0))) out.push(words[i]! + words[i + 1]!);
  return out;
}

/** Index of the word that decides what a name holds: the last one, before transparent suffixes and counters. */
function lastWordIndex(words: readonly string[]): number {
  let end = words.length - 1;
  while (end > 0 && (TRANSPARENT_SUFFIXES.has(words[end]!) || /* a version or counter */ isDigit(words[end]!.charCodeAt(0)))) end--;
  return end;
}

/**
 * `<something>_KEY` that `isCredentialName` does not claim and that is not a
 * known public or lookup key (`SENDGRID_KEY`, `BATCH_KEY`, `MAPS_KEY`, but
 * not `CACHE_KEY`, `SSH_PUBLIC_KEY`, `GPG_KEY`): a weaker hint, which the
 * detectors trust only for values that look like key material.
 */
export function isKeyName(name: string): boolean {
  const words = nameWords(name);
  const end = lastWordIndex(words);
  if (end < 1 || words[end] !== 'key') return false;
  return !wordsBefore(words, end).some((w) => NON_SECRET_KEY_QUALIFIERS.has(w));
}

/** Last words of names that hold identifiers, digests or versions: random-looking by design, not secrets. */
const IDENTIFIER_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'uid', 'hash', 'sha', 'sha1', 'sha256', 'sha512', 'digest', 'checksum', 'version', 'commit', 'revision', 'rev', 'etag', 'fingerprint', 'build', 'tag']);

/**
 * Whether a name says its value is an identifier (`CLUSTER_ID`, `BUILD_SHA`,
 * `imageDigest`): a random-looking value there is expected, so only a known
 * credential format (or a credential-like name) makes it a finding.
 */
export function isIdentifierName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  return last !== undefined && IDENTIFIER_WORDS.has(last) && !isCredentialName(name);
}
