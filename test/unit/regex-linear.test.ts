// Every regular expression in the server's sources (server/src/**: the engine, the CLI and the language server, which
// all apply them to user text) must run in linear time on hostile text: each one, found by parsing the sources with
// the TypeScript compiler, is applied to adversarial strings built from its own
// syntax (test/unit/hostile/regex-attacks.ts) in a child process that is killed if one does not finish (a hang guard:
// ~200,000-character inputs take a linear expression milliseconds and a quadratic one minutes).
// A static ReDoS check (the `recheck` package) runs too when it is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { attacks, parseRegex } from './hostile/regex-attacks';

const ROOT = join(__dirname, '..', '..');
const SOURCES = join(ROOT, 'server', 'src');
const RUNNER = join(__dirname, 'hostile', 'regex-runner.ts');
/** Characters per adversarial string. */
const LENGTH = 200_000;
/** Hang guard per expression (its ~100 strings take a linear expression well under a second). */
const GUARD_MS = 30_000;
/** Hang guard for the child's start (tsx compiling the generator). */
const STARTUP_GUARD_MS = 60_000;

interface FoundRegex {
  /** `path:line` */
  where: string;
  source: string;
  flags: string;
}

/**
 * Expressions that may be super-linear but only ever see short input, each with the reason. Keyed by
 * `file|source` (line numbers move).
 */
const ALLOWED: Record<string, string> = {
  'server/src/engine/rules/resources/compose-limits.ts|0+$':
    'applied to the nine fraction digits of a parsed quantity (nanos % 10^9, zero-padded), never to user text',
  'server/src/engine/views/compose-values.ts|^\\s*(-?[0-9]*\\.?[0-9]*)\\s*[a-z]*\\s*$':
    'isNoLimit applies it only to values of at most 64 characters (checked just before)',
};

/** `new RegExp(x)` with a computed pattern, each with the reason it is safe. Keyed by `file|expression text`. */
const ALLOWED_DYNAMIC: Record<string, string> = {
  'server/src/engine/project/kustomize/images.ts|new RegExp(`^${escapeRegExp(name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`)':
    'the image name is escaped to a literal; the tag and digest classes exclude ":" and "@", which separate them, so each character has one way to match (linear)',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/** Regex literals and `new RegExp('...')` / `RegExp('...')` calls; computed patterns go to `dynamic`. */
function findRegexes(): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of sources(SOURCES)) {
    const rel = relative(ROOT, file);
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node): string => `${rel}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const slash = text.lastIndexOf('/');
        found.push({ where: where(n), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pattern, flags] = n.arguments ?? [];
        const source = literalText(pattern);
        const flagText = flags === undefined ? '' : literalText(flags);
        if (source !== undefined && flagText !== undefined) found.push({ where: where(n), source, flags: flagText });
        else dynamic.push(`${rel}|${n.getText()}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return { found, dynamic };
}

const key = (r: FoundRegex): string => `${r.where.replace(/:\d+$/, '')}|${r.source}`;

interface RunResult {
  /** Indexes that did not finish within the guard. */
  hung: number[];
  /** Indexes the attack generator could not parse, with the reason. */
  errors: Array<{ index: number; message: string }>;
}

/** Run the child over `entries`, restarting it after each expression that hangs. */
async function runGuarded(entries: ReadonlyArray<{ source: string; flags: string }>, length: number, guardMs: number): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-regex-'));
  const listFile = join(dir, 'list.json');
  writeFileSync(listFile, JSON.stringify({ entries, length }));
  const result: RunResult = { hung: [], errors: [] };
  try {
    let from = 0;
    while (from < entries.length) {
      const next = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, listFile, String(from)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let current = -1;
        let buffered = '';
        let stderr = '';
        let timer: NodeJS.Timeout | undefined;
        const arm = (ms: number): void => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (current >= 0) result.hung.push(current);
            child.kill('SIGKILL');
          }, ms);
        };
        arm(STARTUP_GUARD_MS);
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.on('data', (d: Buffer) => {
          buffered += d.toString();
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            const [word, index, ...rest] = line.split(' ');
            if (word === 'start') {
              current = Number(index);
              arm(guardMs);
            } else if (word === 'error') result.errors.push({ index: Number(index), message: JSON.parse(rest.join(' ')) as string });
          }
        });
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          if (signal === 'SIGKILL' && current < 0) reject(new Error(`regex runner did not start: ${stderr}`));
          else if (signal === 'SIGKILL') resolve(current + 1);
          else if (code === 0) resolve(entries.length);
          else reject(new Error(`regex runner failed (${code}): ${stderr}`));
        });
      });
      from = next;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

const { found, dynamic } = findRegexes();

test('the sources have regular expressions and the attack generator parses every one', () => {
  assert.ok(found.length > 50, `only ${found.length} regular expressions found under server/src`);
  const unparsed: string[] = [];
  for (const r of found) {
    try {
      parseRegex(r.source, r.flags);
      assert.ok(attacks(r.source, r.flags, 10).length > 0, `${r.where} /${r.source}/: no attack strings`);
    } catch (e) {
      unparsed.push(`${r.where} /${r.source}/${r.flags}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  assert.deepEqual(unparsed, []);
});

test('computed patterns (new RegExp(expression)) are each reviewed', () => {
  assert.deepEqual(dynamic.filter((d) => !(d in ALLOWED_DYNAMIC)), [], 'add the pattern to ALLOWED_DYNAMIC with why its input is bounded or its shape linear');
  assert.deepEqual(Object.keys(ALLOWED_DYNAMIC).filter((d) => !dynamic.includes(d)), [], 'stale ALLOWED_DYNAMIC entries');
});

test('every allow-list entry names an expression that still exists, with a reason', () => {
  const keys = new Set(found.map(key));
  for (const [k, reason] of Object.entries(ALLOWED)) {
    assert.ok(keys.has(k), `stale ALLOWED entry ${k}`);
    assert.ok(reason.length > 20, `ALLOWED entry ${k} needs a reason`);
  }
});

test('the hang guard catches quadratic and exponential expressions (self-test of the harness)', { timeout: 120_000 }, async () => {
  const bad = [
    { source: 'a+b', flags: '' }, // quadratic: every start position scans the run of a's
    { source: '^[a-z]+@', flags: 'g' }, // linear: must finish
    { source: '^\\s*x?\\s*$', flags: '' }, // quadratic: two overlapping loops
    { source: '^(a|aa)*c$', flags: '' }, // exponential
    { source: '-+$', flags: '' }, // quadratic when the run does not end the text
  ];
  const r = await runGuarded(bad, LENGTH, 1_500);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.hung, [0, 2, 3, 4]);
});

test('every regular expression in server/src runs in linear time on adversarial input', { timeout: 30 * 60_000 }, async () => {
  const checked = found.filter((r) => !(key(r) in ALLOWED));
  // One run per distinct expression.
  const distinct = [...new Map(checked.map((r) => [`/${r.source}/${r.flags}`, r])).values()];
  const r = await runGuarded(distinct, LENGTH, GUARD_MS);
  assert.deepEqual(r.errors.map((e) => `${distinct[e.index]!.where}: ${e.message}`), []);
  assert.deepEqual(
    r.hung.map((i) => `${distinct[i]!.where} /${distinct[i]!.source}/${distinct[i]!.flags}`),
    [],
    'super-linear on adversarial input: rewrite it (or, if its input is always short, add it to ALLOWED with the reason)',
  );
});

test('static ReDoS check with recheck, when installed', async (t) => {
  let recheck: { checkSync(source: string, flags: string): { status: string; complexity?: { type: string } } } | undefined;
  try {
    recheck = require('recheck');
  } catch {
    t.skip('the recheck package is not installed (npm i -D recheck enables this static check)');
    return;
  }
  const unsafe: string[] = [];
  for (const r of found) {
    if (key(r) in ALLOWED) continue;
    const diagnostics = recheck!.checkSync(r.source, r.flags);
    if (diagnostics.status === 'vulnerable') unsafe.push(`${r.where} /${r.source}/${r.flags}: ${diagnostics.complexity?.type ?? ''}`);
  }
  assert.deepEqual(unsafe, []);
});
