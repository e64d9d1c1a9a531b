/**
 * Helpers for the CLI tests: they run the BUILT CLI (dist/cli.js) as a child
 * process, the way users and CI run it, and validate its output with ajv.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
/** Fixture paths as the CLI shows them when run from the repository root. */
export const FIX = 'test/fixtures/cli';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** Fails with a clear message when dist/cli.js is missing or older than the sources. */
export function assertBuilt(): void {
  assert.ok(existsSync(CLI), `${CLI} is missing: run 'npm run build' first (npm test does it for you)`);
  const stale = newestMtime(join(ROOT, 'server', 'src')) > statSync(CLI).mtimeMs;
  assert.ok(!stale, `${CLI} is older than server/src: run 'npm run build' first (npm test does it for you)`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The scan workers' code cache for the tests' CLI runs: in the temporary folder, not the user's ~/.cache. */
const TEST_CODE_CACHE = join(tmpdir(), `shipshape-cli-tests${typeof process.getuid === 'function' ? `-${process.getuid()}` : ''}`);

/** Run `node dist/cli.js ...args` with a colour-neutral environment plus `env`. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Uint8Array } = {}): CliResult {
  const env: Record<string, string | undefined> = { SHIPSHAPE_CODE_CACHE_DIR: TEST_CODE_CACHE, ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: { ...env, ...options.env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...(options.input !== undefined ? { input: options.input } : {}) });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parse stdout as JSON, failing with the CLI's stderr when it is not. */
export function jsonOf(r: CliResult): any {
  try {
    return JSON.parse(r.stdout);
  } catch {
    assert.fail(`stdout is not JSON (status ${r.status}); stderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 500)}`);
  }
}

export function assertValid(validate: ValidateFunction, data: unknown): void {
  const ok = validate(data);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

/** Validator of schemas/shipshape-report.schema.json (draft-07, ajv's default dialect; strict mode on). */
export function reportValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'shipshape-report.schema.json'), 'utf8'));
  return new Ajv({ allErrors: true }).compile(schema);
}

/*
 * Format checks for the SARIF schema. ajv-formats is not installed, so the
 * three formats the SARIF schema uses are defined here (RFC 3986 / RFC 3339
 * shapes); they reject what matters for SARIF consumers: relative URIs where
 * an absolute one is required, spaces, bad percent escapes.
 */
const PCT_OK = (s: string) => !/%(?![0-9A-Fa-f]{2})/.test(s);
// eslint-disable-next-line no-control-regex
const URI_CHARS = /^[^\s\u0000-\u001f\u007f<>"{}|\\^`]*$/;
export const FORMATS = {
  uri: (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_CHARS.test(s) && PCT_OK(s),
  'uri-reference': (s: string) => URI_CHARS.test(s) && PCT_OK(s),
  'date-time': (s: string) => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
};

/**
 * Validator of the SARIF 2.1.0 schema shipped by @microsoft/jest-sarif.
 * That schema is draft-04, which ajv 8 does not load: its root `id` becomes
 * `$id` and its `$schema` is dropped. The file uses no keyword whose meaning
 * changed between draft-04 and draft-07 (no boolean exclusiveMinimum or
 * exclusiveMaximum), so validation is the same. `strict: false` because the
 * schema uses keywords ajv's strict mode flags (e.g. `default` next to `$ref`);
 * `unicodeRegExp: false` because its `language` pattern has a stray `]` that
 * is only legal in a non-unicode regular expression.
 */
export function sarifValidator(): ValidateFunction {
  const path = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  assert.ok(existsSync(path), `${path} is missing: run 'npm ci'`);
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  assert.ok(!/"exclusive(?:Minimum|Maximum)"\s*:\s*(?:true|false)/.test(readFileSync(path, 'utf8')), 'the SARIF schema uses draft-04 boolean exclusive bounds');
  assert.equal(typeof schema.id, 'string');
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
  return ajv.compile(schema);
}

/** The lines of the text output (without the trailing newline). */
export function lines(stdout: string): string[] {
  return stdout.replace(/\n$/, '').split('\n');
}
