/**
 * The judgments the secret rules share: given a name and a literal value
 * (an env var, a ConfigMap key, a Secret key, a setting inside a config
 * file), is there a credential, and what may a message say about it?
 *
 * Evidence, strongest first:
 * - `format`: a known credential format (AWS, GitHub, GitLab, Slack, Google,
 *   JWT, PEM private key, connection string with a password);
 * - `name`: a credential-like name with a literal, non-placeholder value;
 * - `setting`: a config file (lines of `key: value` / `key=value`, or JSON)
 *   that sets a credential-like setting to a literal value;
 * - `random`: a long high-entropy token.
 * Evidence says what kind of credential was found, never the value nor its
 * length: a message names the key and the kind of evidence, nothing of the value.
 */
import { looksRandom } from './entropy';
import { connectionPassword, findFormat, isPublicKeyMaterial, tokens } from './formats';
import { isCredentialName, isIdentifierName, isKeyName, nameWords } from './names';
import { characterClasses, echoesName, isBooleanLike, isPathLike, isPlaceholder } from './placeholder';

export type Evidence =
  | { kind: 'format'; label: string }
  | { kind: 'name' }
  | { kind: 'setting'; setting: string }
  | { kind: 'random' };

/** Longest setting name shown in a message. */
const MAX_SETTING_NAME = 80;
/** JSON documents are walked up to this many values (objects, arrays, strings...). */
const MAX_JSON_VALUES = 100_000;

/** Whether a value of a credential-like name is a literal credential (not a placeholder, switch, path or plain URL). */
export function isLiteralCredential(value: string): boolean {
  const v = value.trim();
  if (isPlaceholder(v) || isBooleanLike(v) || isPathLike(v)) return false;
  if (v.includes('://')) return connectionPassword(v) !== undefined;
  const c = v[0];
  // YAML/JSON structure, anchors, aliases, tags and block indicators: not a value of its own.
  return !(c === '{' || c === '[' || c === '&' || c === '*' || c === '!' || c === '|' || c === '>');
}

/** `AWS_SECRET_ACCESS_KEY`-like names holding 40 base64 characters: an AWS secret access key. */
function awsSecretKey(name: string, value: string): boolean {
  const words = nameWords(name);
  if (!words.includes('aws') || !words.includes('secret')) return false;
  const v = value.trim();
  if (v.length !== 40) return false;
  const classes = characterClasses(v, '+/');
  return classes !== undefined && classes.upper && classes.lower && classes.digit && !isPlaceholder(v);
}

/** A known credential format anywhere in the text. */
export function formatEvidence(text: string): Evidence | undefined {
  const m = findFormat(text);
  return m ? { kind: 'format', label: m.label } : undefined;
}

/** A long random token anywhere in a single line of text. */
export function randomEvidence(text: string): Evidence | undefined {
  for (const t of tokens(text)) if (looksRandom(t)) return { kind: 'random' };
  return undefined;
}

/**
 * Key material as a `<something>_KEY` would hold it: one token of 8 or more
 * letters, digits and `+/=_-`, with both letters and digits (`Zm9vYmFy1`,
 * `sk_live_...`), not words (`users`, `orders-v`) or dotted names
 * (`kubernetes.io/hostname`).
 */
export function looksLikeKeyMaterial(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.length > 8192) return false;
  const classes = characterClasses(v, '+/=_-');
  return classes !== undefined && (classes.upper || classes.lower) && classes.digit;
}

/** Evidence for one named literal value: format, then AWS secret key, then name. A value that repeats its name is a template. */
export function namedValueEvidence(name: string, value: string): Evidence | undefined {
  return echoesName(name, value) ? undefined : namedEvidence(name, value);
}

/** namedValueEvidence once the value is known not to echo its name. */
function namedEvidence(name: string, value: string): Evidence | undefined {
  const format = formatEvidence(value);
  if (format) return format;
  if (awsSecretKey(name, value)) return { kind: 'format', label: 'an AWS secret access key' };
  if (isCredentialName(name) && isLiteralCredential(value)) return { kind: 'name' };
  if (isKeyName(name) && looksLikeKeyMaterial(value) && isLiteralCredential(value)) return { kind: 'name' };
  return undefined;
}

/** One `key: value` or `key=value` line of a config file (YAML, properties, INI, .env). */
export function parseSetting(line: string): { key: string; value: string } | undefined {
  let s = line.trim();
  if (s === '' || s[0] === '#' || s[0] === ';' || s.startsWith('//')) return undefined;
  if (s.startsWith('- ')) s = s.slice(2).trimStart();
  if (s.startsWith('export ')) s = s.slice(7).trimStart();
  let sep = -1;
  for (let i = 0; i < s.length && i <= MAX_SETTING_NAME + 2; i++) {
    const c = s[i];
    if (c === ':' || c === '=') {
      sep = i;
      break;
    }
  }
  if (sep <= 0) return undefined;
  let key = s.slice(0, sep).trim();
  if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key[key.length - 1] === key[0]) key = key.slice(1, -1);
  if (key === '' || !isSettingName(key)) return undefined;
  let value = s.slice(sep + 1);
  if (value[0] === '=' || value[0] === ':') return undefined; // `==`, `::`, `:=` are not assignments of a credential
  value = value.trim();
  const q = value[0];
  if (q === '"' || q === "'") {
    const close = value.indexOf(q, 1);
    value = close < 0 ? value.slice(1) : value.slice(1, close);
  } else {
    const comment = value.indexOf(' #');
    if (comment >= 0) value = value.slice(0, comment);
    // Drop trailing `,` `;` and spaces (one backward scan, so `x,,,,...` stays linear).
    let end = value.length;
    while (end > 0 && (value[end - 1] === ',' || value[end - 1] === ';' || value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
    value = value.slice(0, end).trim();
  }
  return { key, value };
}

function isSettingName(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 91 || c === 93;
    if (!ok) return false;
  }
  return true;
}

function settingEvidence(key: string, value: string): Evidence | undefined {
  const e = namedValueEvidence(key, value);
  if (!e) return undefined;
  if (e.kind === 'format') return e;
  return { kind: 'setting', setting: key.length > MAX_SETTING_NAME ? `${key.slice(0, MAX_SETTING_NAME)}…` : key };
}

/** Credential-like settings with literal values in a JSON document (walked without recursion). */
function jsonEvidence(text: string): Evidence | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  const stack: unknown[] = [root];
  for (let seen = 0; stack.length > 0 && seen < MAX_JSON_VALUES; seen++) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (typeof v === 'string' || typeof v === 'number') {
          const e = settingEvidence(k, String(v));
          if (e) return e;
        } else stack.push(v);
      }
    }
  }
  return undefined;
}

/** Credential-like settings with literal values in a config file (JSON, or `key: value` / `key=value` lines). */
export function settingsEvidence(text: string): Evidence | undefined {
  const t = text.trim();
  if (t[0] === '{' || t[0] === '[') {
    const e = jsonEvidence(t);
    if (e) return e;
  }
  for (const line of text.split('\n')) {
    const s = parseSetting(line);
    if (!s) continue;
    const e = settingEvidence(s.key, s.value);
    if (e) return e;
  }
  return undefined;
}

/**
 * Evidence for a named value of a manifest (env var, ConfigMap key): a known
 * format anywhere, a credential-like name with a literal value, settings in a
 * multi-line (file) value, or a random token in a single-line value.
 */
export function valueEvidence(name: string, value: string): Evidence | undefined {
  if (echoesName(name, value)) return undefined;
  const named = namedEvidence(name, value); // not namedValueEvidence: that would check the echo again
  if (named) return named;
  const multiline = value.includes('\n');
  if (multiline || value.trim().startsWith('{')) {
    const e = settingsEvidence(value);
    if (e) return e;
  }
  // `CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk` is an identifier, random by design: only a known format counts there.
  return multiline || isIdentifierName(name) ? undefined : randomEvidence(value);
}

/** How a committed Secret value is judged: not reported, a committed value (warning) or a real-looking credential (error). */
export type SecretValueJudgment = { level: 'skip' } | { level: 'committed' } | { level: 'credential'; evidence: Evidence };

/**
 * Judge one Secret value (`data` decoded, `stringData` as is). Empty values,
 * placeholders, switches and public key material (certificates) are
 * skipped; known formats, settings in files and random tokens are
 * credentials; anything else is a committed value.
 */
export function judgeSecretValue(key: string, text: string, binary: boolean): SecretValueJudgment {
  if (binary) return looksRandom(text.trim()) ? { level: 'credential', evidence: { kind: 'random' } } : { level: 'committed' };
  const v = text.trim();
  if (isPlaceholder(v) || isBooleanLike(v) || isPublicKeyMaterial(v) || echoesName(key, v)) return { level: 'skip' };
  const format = formatEvidence(text) ?? (awsSecretKey(key, v) ? { kind: 'format' as const, label: 'an AWS secret access key' } : undefined);
  if (format) return { level: 'credential', evidence: format };
  const setting = text.includes('\n') || v.startsWith('{') ? settingsEvidence(text) : undefined;
  if (setting) return { level: 'credential', evidence: setting };
  const random = text.includes('\n') ? undefined : randomEvidence(v);
  if (random) return { level: 'credential', evidence: random };
  return { level: 'committed' };
}
