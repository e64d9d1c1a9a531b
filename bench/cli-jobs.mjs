// CLI jobs mode of the benchmark (issue 21, "every core in the CLI"): `shipshape scan --format json`
// of the real-world corpus and of a 10x copy of it (ten copies side by side in a temporary folder),
// in the main thread only (`--jobs 1`) and on the pool (`--jobs <cores>`: the main thread and a worker per
// other core share the lint; given explicitly, since without --jobs a scan below DEFAULT_POOL_MIN_BYTES stays
// in the main thread), with the output checked identical on every run.
//
// - cold: the built CLI (dist/cli.js) in a fresh process per run, the two modes alternating;
// - warm: one process that loads the CLI once (bench/cli-run.ts) and scans again and again, the
//   first scan of each mode a warm-up; the pool's workers start with each scan (there is no pool
//   that outlives a scan), from dist/cli-worker.js as the CLI's do, so this is what a scan costs once
//   the main thread is warm.
// Figures: wall time and CPU time (user + system of the whole process, workers included), median
// [min-max]; ratio = pool / single thread, per run pair. Target: median ratio at most 0.65.
//
//   node bench/run.mjs --cli-jobs [--cli-jobs-runs 5] [--cli-jobs-copy-runs N] [--cli-jobs-copies 10] [--cli-jobs-only-copy]   (needs `npm run build`)
//   (also part of `npm run bench`, with 3 runs, unless --no-cli-jobs)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const RUN_BUNDLE = join(HERE, 'out', 'cli-run.js');
/** What the CLI's lint workers start from (a loader that loads the lint bundle through the V8 code cache, see server/src/cli/pool/worker-start.ts). */
const DIST_WORKER = join(ROOT, 'dist', 'cli-worker.js');
/** Issue 21's target: pool / single thread. */
export const MAX_POOL_OVER_SINGLE = 0.65;

// Wall and CPU time of the CLI, written to stderr as it exits (a preload, so the CLI runs unchanged).
const PRELOAD =
  "data:text/javascript,import{isMainThread}from'node:worker_threads';if(isMainThread)process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nSHIPSHAPE_CPU_US '+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

function cold(cli, root, jobs) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', PRELOAD, cli, 'scan', root, '--format', 'json', ...jobs], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`shipshape scan ${jobs.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { ms, cpuMs: Number(/SHIPSHAPE_CPU_US (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000, out: r.stdout };
}

/** --jobs 1, or the pool: a thread per core. */
function jobsArgs(mode) {
  return ['--jobs', mode === 'single' ? '1' : String(availableParallelism())];
}

function bytesOf(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? bytesOf(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

/** Runs of the two modes, alternating which goes first; each pair's outputs must be the same bytes. */
function pairs(runs, once) {
  const single = { ms: [], cpuMs: [] };
  const pool = { ms: [], cpuMs: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['pool', 'single'] : ['single', 'pool'];
    const got = {};
    for (const mode of order) got[mode] = once(mode);
    if (got.single.out !== got.pool.out) throw new Error('the pool scan printed another report than the single-thread scan');
    for (const [into, r] of [[single, got.single], [pool, got.pool]]) {
      into.ms.push(r.ms);
      into.cpuMs.push(r.cpuMs);
    }
  }
  return { single, pool };
}

/** Child side of the warm runs: argv = root, runs. Prints JSON. */
export async function warmChild(root, runs) {
  const { run } = createRequire(import.meta.url)(RUN_BUNDLE);
  const once = (mode) => {
    let out = '';
    // The workers start as dist/cli.js starts them (from dist/cli-worker.js, with the code cache of process.env's folder).
    const io = { cwd: process.cwd(), env: process.env, stdout: { write: (t) => (out += t) }, stderr: { write: () => true }, workerScript: existsSync(DIST_WORKER) ? DIST_WORKER : RUN_BUNDLE };
    const cpu0 = process.cpuUsage();
    const started = process.hrtime.bigint();
    const status = run(['scan', root, '--format', 'json', ...jobsArgs(mode)], io);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    if (status !== 0 && status !== 1) throw new Error(`warm scan (${mode}) exited ${status}`);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, out };
  };
  once('single');
  once('pool');
  const r = pairs(runs, once);
  process.stdout.write(JSON.stringify({ single: r.single, pool: r.pool }));
}

async function buildRunBundle() {
  await esbuild.build({
    entryPoints: [join(HERE, 'cli-run.ts')],
    outfile: RUN_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // As scripts/build.mjs bundles the CLI for release: yaml's ES module build, no test seams.
    define: { SHIPSHAPE_TEST_SEAMS: 'false' },
    alias: { yaml: join(ROOT, 'node_modules/yaml/browser/index.js') },
  });
}

export async function cliJobsBench({ corpus, runs, copyRuns = runs, copies, onlyCopy = false, table, fmtStats, fmtRatio, median }) {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first.`);
  await buildRunBundle();
  const tmp = mkdtempSync(join(tmpdir(), 'shipshape-cli-jobs-'));
  // The 10x copy is large: gone on Ctrl-C or a kill too.
  const cleanUp = () => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', cleanUp).once('SIGTERM', cleanUp);
  try {
    const many = join(tmp, `corpus-x${copies}`);
    for (let i = 0; i < copies; i++) cpSync(corpus, join(many, `copy-${i}`), { recursive: true });
    const inputs = [
      ...(onlyCopy ? [] : [{ name: 'corpus', root: corpus, n: runs }]),
      { name: `corpus x${copies}`, root: many, n: copyRuns },
    ];
    console.log(`\nCLI on every core (issue 21): \`shipshape scan --format json\`, --jobs 1 (main thread only) vs --jobs ${availableParallelism()} (the main thread and ${Math.max(0, availableParallelism() - 1)} workers share the lint, on ${availableParallelism()} cores); the reports are compared byte for byte on every run.`);
    console.log('cold: dist/cli.js in a fresh process per run; warm: one process scanning again and again (bench/cli-run.ts), after one warm-up scan per mode.');
    console.log(`wall and CPU ms: median [min-max]; pool/single: median [min-max] of the per-pair ratios of wall times; target (issue 21): median at most ${fmtRatio(MAX_POOL_OVER_SINGLE)}.`);
    console.log('The machine may be shared: medians of alternating pairs, so both modes see the same load.');
    const rows = [];
    for (const { name, root, n: runs } of inputs) {
      const size = `${(bytesOf(root) / (1 << 20)).toFixed(1)} MB`;
      console.log(`  ${name}: load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) before the runs`);
      const c = pairs(runs, (mode) => cold(cli, root, jobsArgs(mode)));
      rows.push(row(`${name} (${size})`, 'cold', runs, c));
      console.log(`  ${rows.at(-1).join('  ')}`); // as it goes (the table follows)
      const w = spawnSync(process.execPath, [join(HERE, 'run.mjs'), '--cli-jobs-child', root, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (w.status !== 0) throw new Error(`warm child failed:\n${w.stderr}`);
      rows.push(row(`${name} (${size})`, 'warm', runs, JSON.parse(w.stdout)));
      console.log(`  ${rows.at(-1).join('  ')}`);
    }
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} after the runs`);
    console.log(table(['input', 'start', 'runs', 'single wall ms', 'pool wall ms', 'pool/single', 'single CPU ms', 'pool CPU ms', `<= ${fmtRatio(MAX_POOL_OVER_SINGLE)}`], rows));
    return rows;
  } finally {
    process.off('SIGINT', cleanUp).off('SIGTERM', cleanUp);
    rmSync(tmp, { recursive: true, force: true });
  }

  function row(name, start, n, r) {
    const ratios = r.pool.ms.map((t, i) => t / r.single.ms[i]);
    const stats = `${fmtRatio(median(ratios))} [${fmtRatio(Math.min(...ratios))}-${fmtRatio(Math.max(...ratios))}]`;
    return [name, start, n, fmtStats(r.single.ms), fmtStats(r.pool.ms), stats, fmtStats(r.single.cpuMs), fmtStats(r.pool.cpuMs), median(ratios) <= MAX_POOL_OVER_SINGLE ? 'ok' : 'OVER'];
  }
}
