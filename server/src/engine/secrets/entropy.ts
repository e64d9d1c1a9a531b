/**
 * "Is this a long random string?" for values whose name says nothing: a
 * token of at least MIN_RANDOM_LENGTH characters from the base64 / base64url
 * alphabet, mixing upper case, lower case and digits, whose Shannon entropy
 * is close to the maximum its length allows and whose character classes
 * change often (random strings switch between upper, lower and digit on
 * about 60% of neighbours) and that does not read as camel-case words
 * (`MyApplicationName123Version`).
 *
 * Deliberately NOT random: hex-only strings (checksums, git commits, image
 * digests, UUIDs), anything with a `.` (host names, Java classes, JWTs are
 * a known format instead), paths, URLs, and base64 whose decoded bytes are
 * readable text (the text is judged instead).
 *
 * No regular expressions: character loops only.
 */

export const MIN_RANDOM_LENGTH = 20;
/** Entropy must reach this share of log2(min(length, 64)) (about the 1st percentile of random base62 strings). */
const ENTROPY_RATIO = 0.8;
/** Share of neighbouring characters that switch class (upper / lower / digit / symbol). */
const SWITCH_RATIO = 0.3;

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** 0 upper, 1 lower, 2 digit, 3 base64 symbol (+ / - _), -1 anything else. */
function charClass(c: number): number {
  if (c >= 65 && c <= 90) return 0;
  if (c >= 97 && c <= 122) return 1;
  if (c >= 48 && c <= 57) return 2;
  if (c === 43 || c === 47 || c === 45 || c === 95) return 3;
  return -1;
}

/** Share of characters inside words (an optional capital and at least four lower-case letters) at or above which a token reads as an identifier. */
const WORD_RATIO = 0.6;

/** Share of a token's characters that sit in camel-case words of 4+ lower-case letters (`MyApplicationName123` -> 0.8; random base62 ~0.1). */
function wordShare(t: string): number {
  let inWords = 0;
  let i = 0;
  while (i < t.length) {
    const j = charClass(t.charCodeAt(i)) === 0 ? i + 1 : i;
    let k = j;
    while (k < t.length && charClass(t.charCodeAt(k)) === 1) k++;
    if (k - j >= 4) {
      inWords += k - i;
      i = k;
    } else i = Math.max(i + 1, k);
  }
  return inWords / t.length;
}

/** Strip base64 padding. */
function unpadded(token: string): string {
  let end = token.length;
  while (end > 0 && token.charCodeAt(end - 1) === 61) end--;
  return token.slice(0, end);
}

/** Decode standard or url-safe base64 when `token` is one and the bytes are printable text; else undefined. */
export function base64Text(token: string): string | undefined {
  const body = unpadded(token);
  if (body.length < 8 || token.length - body.length > 2) return undefined;
  let urlSafe = false;
  for (let i = 0; i < body.length; i++) {
    const k = charClass(body.charCodeAt(i));
    if (k < 0) return undefined;
    const ch = body.charCodeAt(i);
    if (ch === 45 || ch === 95) urlSafe = true;
  }
  if (body.length % 4 === 1) return undefined;
  const bytes = Buffer.from(body, urlSafe ? 'base64url' : 'base64');
  return printableText(bytes);
}

/** The bytes as text when they are valid UTF-8 without control characters other than tab/newline/CR. */
export function printableText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return undefined;
  }
  return text;
}

/** Whether one token (no whitespace) looks like a random key or token. */
export function looksRandom(token: string): boolean {
  const t = unpadded(token);
  if (t.length < MIN_RANDOM_LENGTH) return false;
  if (t.charCodeAt(0) === 47) return false; // a path
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let switches = 0;
  let prev = -2;
  for (let i = 0; i < t.length; i++) {
    const k = charClass(t.charCodeAt(i));
    if (k < 0) return false;
    if (k === 0) upper++;
    else if (k === 1) lower++;
    else if (k === 2) digit++;
    if (prev !== -2 && k !== prev) switches++;
    prev = k;
  }
  if (upper === 0 || lower === 0 || digit === 0) return false;
  if (switches / (t.length - 1) < SWITCH_RATIO || wordShare(t) >= WORD_RATIO) return false;
  if (shannonEntropy(t) < ENTROPY_RATIO * Math.log2(Math.min(t.length, 64))) return false;
  // base64 of readable text (a config line, a user name) is not a key: judge the text.
  const decoded = t.length % 4 === 0 || token.endsWith('=') ? base64Text(token) : undefined;
  if (decoded !== undefined && !looksRandom(decoded.trim())) return false;
  return true;
}
