// Benchmark: the full Shipshape lint of generated multi-document manifests against a
// bare `yaml` parseAllDocuments of the same text, plus peak memory.
//
//   npm run bench                 (builds first; runs with --expose-gc)
//   node bench/run.mjs --sizes 100,1000 --no-corpus
//
// Every (size, mode) pair runs in a fresh child process, so the peak RSS of one size
// is not polluted by another and the parse baseline is not polluted by the engine.
// When ../shared/corpus exists (or SHIPSHAPE_CORPUS points at a folder), the real-world
// corpus is linted too. The engine is bundled to bench/out/engine.js (git-ignored).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generateManifest } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ENGINE = join(HERE, 'out', 'engine.js');
const RUNS = { 100: 15, 1000: 7, 10000: 5 };

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// ---------------------------------------------------------------- child side

function corpusFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'LICENSES' && name !== 'node_modules' && name !== '.git') walk(p);
      } else out.push(p);
    }
  };
  walk(dir);
  return out;
}

function time(fn) {
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

async function child(mode, target, runs) {
  const require = createRequire(import.meta.url);
  const { parseAllDocuments } = await import('yaml');
  const engine = require(ENGINE);
  const baseRss = process.resourceUsage().maxRSS;
  /** @type {{text: string, kind: string}[]} */
  let inputs;
  if (target.startsWith('corpus:')) {
    const dir = target.slice('corpus:'.length);
    inputs = corpusFiles(dir)
      .map((p) => ({ p, kind: engine.fileKindOf(p) }))
      .filter((x) => x.kind !== undefined)
      .map((x) => ({ text: readFileSync(x.p, 'utf8'), kind: x.kind }));
  } else {
    inputs = [{ text: generateManifest(Number(target)), kind: 'yaml' }];
  }
  const work =
    mode === 'parse'
      ? () => {
          let docs = 0;
          for (const { text, kind } of inputs) if (kind === 'yaml') docs += parseAllDocuments(text).length;
          return { docs, findings: 0 };
        }
      : () => {
          let findings = 0;
          let errors = 0;
          for (const { text, kind } of inputs) {
            const fs = engine.lintText(text, kind);
            findings += fs.length;
            errors += fs.filter((f) => f.ruleId === 'yaml-syntax').length;
          }
          return { docs: 0, findings, errors };
        };
  work(); // warm-up: JIT, lazy module initialisation
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const { ms, result } = time(work);
    times.push(ms);
    last = result;
  }
  const bytes = inputs.reduce((n, x) => n + Buffer.byteLength(x.text), 0);
  process.stdout.write(JSON.stringify({ times, ...last, files: inputs.length, bytes, maxRssKb: process.resourceUsage().maxRSS, baseRssKb: baseRss }));
}

// --------------------------------------------------------------- parent side

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtStats = (times) => `${fmtMs(median(times))} [${fmtMs(Math.min(...times))}-${fmtMs(Math.max(...times))}]`;
const fmtMb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const fmtBytes = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} KB`);

function runChild(mode, target, runs) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, target, String(runs)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`benchmark child (${mode} ${target}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function parent() {
  const started = Date.now();
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/engine/index.ts')],
    outfile: ENGINE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const sizes = (argValue('--sizes') ?? '100,1000,10000').split(',').map(Number);
  const cpu = cpus();
  console.log(`Shipshape benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'})`);
  console.log('Times in ms: median [min-max] of N runs after one warm-up; ratio = lint median / parse median.');
  console.log('Peak RSS: process.resourceUsage().maxRSS of a fresh child per size and mode (RSS at start: node with the engine loaded, before any work).\n');
  const rows = [];
  for (const size of sizes) {
    const runs = RUNS[size] ?? 5;
    const parse = runChild('parse', String(size), runs);
    const lint = runChild('lint', String(size), runs);
    rows.push([
      size.toLocaleString('en-US'),
      fmtBytes(lint.bytes),
      runs,
      fmtStats(parse.times),
      fmtStats(lint.times),
      `${(median(lint.times) / median(parse.times)).toFixed(2)}x`,
      lint.findings.toLocaleString('en-US'),
      fmtMb(parse.maxRssKb),
      fmtMb(lint.maxRssKb),
      fmtMb(lint.baseRssKb),
    ]);
  }
  console.log(table(['documents', 'size', 'runs', 'yaml parse ms', 'shipshape lint ms', 'ratio', 'findings', 'peak RSS parse', 'peak RSS lint', 'RSS at start'], rows));

  const corpus = process.env.SHIPSHAPE_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');
  if (process.argv.includes('--no-corpus')) {
    console.log('\nReal-world corpus: skipped (--no-corpus).');
  } else if (!existsSync(corpus)) {
    console.log(`\nReal-world corpus: skipped, ${corpus} does not exist (set SHIPSHAPE_CORPUS to a folder of manifests).`);
  } else {
    const runs = 3;
    const parse = runChild('parse', `corpus:${corpus}`, runs);
    const lint = runChild('lint', `corpus:${corpus}`, runs);
    console.log(`\nReal-world corpus: ${relative(process.cwd(), corpus) || corpus} (${lint.files} YAML/Dockerfile files, ${fmtBytes(lint.bytes)}, every file once per run)`);
    console.log(
      table(
        ['corpus', 'runs', 'yaml parse ms', 'shipshape lint ms', 'ratio', 'findings', 'yaml-syntax', 'peak RSS parse', 'peak RSS lint'],
        [['all files', runs, fmtStats(parse.times), fmtStats(lint.times), `${(median(lint.times) / median(parse.times)).toFixed(2)}x`, lint.findings.toLocaleString('en-US'), lint.errors, fmtMb(parse.maxRssKb), fmtMb(lint.maxRssKb)]],
      ),
    );
  }
  console.log(`\nTotal benchmark time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], Number(process.argv[5]));
else await parent();
