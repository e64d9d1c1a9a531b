/**
 * Realistic FAKE credentials for tests, built at run time from pieces and a
 * seeded generator, so the repository itself contains no string that a
 * secret scanner would take for a credential (and the tests are repeatable).
 */

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const BASE62 = UPPER + LOWER + DIGITS;
export const BASE64 = BASE62 + '+/';

/** mulberry32: a tiny deterministic PRNG. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` characters of `alphabet`, the same for the same seed; always mixes upper, lower and digits when the alphabet has them. */
export function randomString(seed: number, length: number, alphabet = BASE62): string {
  const next = generator(seed);
  for (let attempt = 0; ; attempt++) {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    const mixed = [UPPER, LOWER, DIGITS].every((set) => ![...set].some((c) => alphabet.includes(c)) || [...s].some((c) => set.includes(c)));
    if (mixed || attempt > 50) return s;
  }
}

/** Random bytes (seeded). */
export function randomBytes(seed: number, length: number): Buffer {
  const next = generator(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** A PEM block of `label` whose body is `bytes` random bytes. */
export function pemBlock(label: string, seed: number, bytes = 600): string {
  const body = randomBytes(seed, bytes).toString('base64').match(/.{1,64}/g)!.join('\n');
  const dashes = '-'.repeat(5);
  return `${dashes}BEGIN ${label}${dashes}\n${body}\n${dashes}END ${label}${dashes}\n`;
}

/** One fake credential of every detected kind. */
export const FAKE = {
  awsAccessKeyId: 'AK' + 'IA' + randomString(11, 16, UPPER + '234567'),
  awsSecretAccessKey: randomString(12, 40, BASE64),
  githubToken: 'gh' + 'p_' + randomString(13, 36),
  githubFineGrainedToken: 'github' + '_pat_' + randomString(14, 22) + '_' + randomString(15, 59),
  gitlabToken: 'gl' + 'pat-' + randomString(16, 20),
  slackToken: 'xo' + 'xb-' + randomString(17, 12, DIGITS) + '-' + randomString(18, 13, DIGITS) + '-' + randomString(19, 24),
  googleApiKey: 'AI' + 'za' + randomString(20, 35),
  jwt: 'ey' + b64url('{"alg":"HS256","typ":"JWT"}').slice(2) + '.' + b64url(`{"sub":"${randomString(21, 12)}","iat":1700000000}`) + '.' + randomString(22, 43),
  privateKey: pemBlock('RSA ' + 'PRIVATE KEY', 23),
  // The host is random too: the leak test looks for every 8-character piece of these values in the output, and a word
  // like `internal` would match Shipshape's own rule ids (internal-error).
  connectionString: 'mongodb' + '://svc-' + randomString(24, 6, LOWER) + ':' + randomString(25, 18) + '@' + randomString(26, 8, LOWER) + '.mongo.' + randomString(31, 6, LOWER) + ':27017/app',
  /** A high-entropy string of no known format. */
  randomKey: randomString(27, 48),
  /** An ordinary human password: only its name gives it away. */
  password: 'Wq' + randomString(28, 6, LOWER) + '!' + randomString(29, 4, DIGITS),
} as const;

export type FakeName = keyof typeof FAKE;

/** A PEM certificate (public material; fine to commit). */
export const FAKE_CERTIFICATE = pemBlock('CERTIFICATE', 30);

/** Every substring of `value` of at least `n` characters (for leak checks, `n` = 8). */
export function substringsOf(value: string, n = 8): string[] {
  const out = new Set<string>();
  for (let i = 0; i + n <= value.length; i++) out.add(value.slice(i, i + n));
  return [...out];
}
