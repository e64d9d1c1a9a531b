// Benchmark: the full Shipshape lint of generated multi-document manifests against a
// bare `yaml` parseAllDocuments of the same text, plus peak memory; and the cost of the
// full rule set against the pod-security rules alone (issue 3's acceptance: at most 20%).
//
//   npm run bench                 (builds first; runs with --expose-gc; engine, then LSP mode)
//   node bench/run.mjs --sizes 100,1000 --no-corpus --no-lsp
//   node bench/run.mjs --lsp      (LSP mode only, see bench/lsp.mjs; needs `npm run build`)
//   node bench/run.mjs --lsp --lsp-sizes 1000
//   node bench/run.mjs --lsp-actions [--lsp-sizes 10000]   (code actions at a finding only, see bench/lsp.mjs)
//   node bench/run.mjs --lsp-speed [--lsp-speed-part visible|typing|cold]   (issue 21's targets only, see bench/lsp-speed.mjs)
//   node bench/run.mjs --project [--project-files 5000] [--project-edit-files 200]   (workspace index and kustomize re-lints only, see bench/project.mjs)
//   node bench/run.mjs --helm [--helm-templates 50] [--helm-runs 15]   (keystroke in a 50-template chart's values.yaml -> publish, see bench/helm.mjs)
//   node bench/run.mjs --kustomize [--kustomize-files 2000] [--kustomize-runs 3]   (CLI scan of a generated
//                                 kustomize repo, builds on vs --no-kustomize, see bench/kustomize.mjs; needs `npm run build`)
//   node bench/run.mjs --relations [--relations-files 2000] [--relations-runs 3]   (CLI scan of a generated repo,
//                                 relation rules on vs all set off with --rule, see bench/relations.mjs; needs `npm run build`)
//   node bench/run.mjs --cli-jobs [--cli-jobs-runs 5] [--cli-jobs-copy-runs N] [--cli-jobs-copies 10]   (CLI scan of the corpus and a 10x copy,
//                                 --jobs 1 vs the worker pool, cold and warm, see bench/cli-jobs.mjs; needs `npm run build`;
//                                 also in the default set, 3 runs, after the corpus lint; --no-cli-jobs skips it)
//   node bench/run.mjs --relations-lsp [--relations-files 2000] [--relations-runs 15]   (the language server's relation
//                                 pass: a Role edit -> the binding's file re-published, cold and warm, see bench/relations-lsp.mjs)
//
// Every (size, mode) pair runs in a fresh child process, so the peak RSS of one size
// is not polluted by another and the parse baseline is not polluted by the engine.
// When ../shared/corpus exists (or SHIPSHAPE_CORPUS points at a folder), the real-world
// corpus is linted too. The engine is bundled to bench/out/engine.js (git-ignored).
//
// "Full" is every rule of the registry, the off-by-default ones turned on; "pod-security"
// is the same engine with every rule outside the pod-security-baseline,
// pod-security-restricted, hardening (and syntax) categories turned off through
// settings.rules. The lint child times both alternately on the same input in one process
// (full first on even runs, pod-security first on odd ones), so the ratio of each pair
// shares the process's JIT state and the machine's load at that moment.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generateManifest } from './generate.mjs';
import { codeActionBench, lspBench, SERVER } from './lsp.mjs';
import { speedBench } from './lsp-speed.mjs';
import { projectBench } from './project.mjs';
import { helmBench } from './helm.mjs';
import { kustomizeBench } from './kustomize.mjs';
import { relationsBench } from './relations.mjs';
import { cliJobsBench, warmChild } from './cli-jobs.mjs';
import { relationsLspBench } from './relations-lsp.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ENGINE = join(HERE, 'out', 'engine.js');
const RUNS = { 100: 15, 1000: 7, 10000: 3 };
/** Categories of the pod-security rule set (syntax rules run in both sets). */
const POD_SECURITY_CATEGORIES = new Set(['pod-security-baseline', 'pod-security-restricted', 'hardening', 'syntax']);
/** Issue 3's acceptance: the full rule set costs at most this much more than the pod-security rules alone. */
const MAX_FULL_OVER_POD_SECURITY = 1.2;
/** Issue 8's acceptance: schema validation adds at most 30% to the full lint. */
const MAX_SCHEMA_ON_OVER_OFF = 1.3;

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

/** Engine settings for the two rule sets, built from the registry the bundle exports. */
function ruleSetSettings(engine) {
  const settings = (rules, extra = {}) => {
    const { settings: s, problems } = engine.normalizeSettings({ rules, ...extra }, engine.RULE_IDS);
    if (problems.length) throw new Error(`bench settings: ${problems.join('; ')}`);
    return s;
  };
  const offByDefault = engine.RULES.filter((r) => r.meta.enabledByDefault === false);
  const beyondPodSecurity = engine.RULES.filter((r) => !POD_SECURITY_CATEGORIES.has(r.meta.category));
  return {
    full: settings(Object.fromEntries(offByDefault.map((r) => [r.meta.id, r.meta.defaultSeverity]))),
    noSchema: settings(Object.fromEntries(offByDefault.map((r) => [r.meta.id, r.meta.defaultSeverity])), { schemaValidation: false }),
    podSecurity: settings(Object.fromEntries(beyondPodSecurity.map((r) => [r.meta.id, 'off']))),
    counts: { full: engine.RULES.length, podSecurity: engine.RULES.length - beyondPodSecurity.length },
  };
}

function time(fn) {
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

async function child(mode, target, runs) {
  const require = createRequire(import.meta.url);
  const { parseAllDocuments } = await import('yaml');
  const engine = require(ENGINE);
  const baseRss = process.resourceUsage().maxRSS;
  /** @type {{text: string, kind: string, fileName?: string}[]} */
  let inputs;
  if (target.startsWith('corpus:')) {
    const dir = target.slice('corpus:'.length);
    inputs = corpusFiles(dir)
      .map((p) => ({ p, kind: engine.fileKindOf(p) }))
      .filter((x) => x.kind !== undefined)
      .map((x) => ({ text: readFileSync(x.p, 'utf8'), kind: x.kind, fileName: x.p }));
  } else {
    inputs = [{ text: generateManifest(Number(target)), kind: 'yaml' }];
  }
  const bytes = inputs.reduce((n, x) => n + Buffer.byteLength(x.text), 0);
  const report = (data) =>
    process.stdout.write(JSON.stringify({ ...data, files: inputs.length, bytes, maxRssKb: process.resourceUsage().maxRSS, baseRssKb: baseRss }));
  if (mode === 'parse') {
    const work = () => {
      let docs = 0;
      for (const { text, kind } of inputs) if (kind === 'yaml') docs += parseAllDocuments(text).length;
      return docs;
    };
    const cold = time(work); // warm-up: JIT, lazy module initialisation (reported as the cold parse)
    const times = [];
    const cpuTimes = [];
    let docs = 0;
    for (let i = 0; i < runs; i++) {
      const { ms, cpuMs, result } = time(work);
      times.push(ms);
      cpuTimes.push(cpuMs);
      docs = result;
    }
    report({ times, cpuTimes, coldMs: cold.ms, coldCpuMs: cold.cpuMs, docs });
    return;
  }
  const sets = ruleSetSettings(engine);
  const lint = (settings) => () => {
    let findings = 0;
    let errors = 0;
    for (const { text, kind, fileName } of inputs) {
      // As `shipshape scan` and the language server lint: quick fixes are not built (they are lazy: a code action or --fix builds them).
      const fs = engine.lintText(text, kind, { settings, fileName });
      findings += fs.length;
      errors += fs.filter((f) => f.ruleId === 'yaml-syntax').length;
    }
    return { findings, errors };
  };
  const full = lint(sets.full);
  const podSecurity = lint(sets.podSecurity);
  const noSchema = lint(sets.noSchema);
  full(); // warm-up of every set
  podSecurity();
  noSchema();
  const times = [];
  const podSecurityTimes = [];
  const noSchemaTimes = [];
  let last;
  let lastPodSecurity;
  let lastNoSchema;
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [full, podSecurity, noSchema] : [noSchema, podSecurity, full];
    for (const work of order) {
      const { ms, result } = time(work);
      if (work === full) {
        times.push(ms);
        last = result;
      } else if (work === podSecurity) {
        podSecurityTimes.push(ms);
        lastPodSecurity = result;
      } else {
        noSchemaTimes.push(ms);
        lastNoSchema = result;
      }
    }
  }
  report({ times, podSecurityTimes, noSchemaTimes, ...last, podSecurityFindings: lastPodSecurity.findings, noSchemaFindings: lastNoSchema.findings, ruleCounts: sets.counts });
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
const fmtRatio = (x) => `${x.toFixed(2)}x`;
/** Per-run ratios full / pod-security of the interleaved pairs. */
const pairRatios = (lint) => lint.times.map((t, i) => t / lint.podSecurityTimes[i]);
const fmtRatioStats = (ratios) => `${fmtRatio(median(ratios))} [${fmtRatio(Math.min(...ratios))}-${fmtRatio(Math.max(...ratios))}]`;
const verdict = (ratios) => (median(ratios) <= MAX_FULL_OVER_POD_SECURITY ? 'ok' : 'OVER');
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

/** The engine bundle the children load (the parse baseline of --lsp too). */
async function buildEngine() {
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/engine/index.ts')],
    outfile: ENGINE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    alias: { yaml: join(ROOT, 'node_modules/yaml/browser/index.js') }, // as scripts/build.mjs bundles it
  });
}

async function lspSection() {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (\`npm run bench\` builds).`);
  await buildEngine(); // the bare-parse baseline child loads it
  const sizes = (argValue('--lsp-sizes') ?? '1000,10000').split(',').map(Number);
  await lspBench({ sizes, parseOnce: (size) => runChild('parse', String(size), 1) });
  await speedBench({ parseOnce: (size) => runChild('parse', String(size), 2) });
}

async function parent() {
  const started = Date.now();
  if (process.argv.includes('--project')) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
    await projectBench({ files: Number(argValue('--project-files') ?? 5000), editFiles: Number(argValue('--project-edit-files') ?? 200) });
    return;
  }
  if (process.argv.includes('--helm')) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
    await helmBench({ templates: Number(argValue('--helm-templates') ?? 50), runs: Number(argValue('--helm-runs') ?? 15) });
    return;
  }
  if (process.argv.includes('--lsp-speed')) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
    await buildEngine(); // the bare-parse baseline child loads it
    const part = argValue('--lsp-speed-part');
    await speedBench({ parseOnce: (size) => runChild('parse', String(size), 2), ...(part ? { parts: part.split(',') } : {}) });
    return;
  }
  if (process.argv.includes('--relations-lsp')) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
    await relationsLspBench({ files: Number(argValue('--relations-files') ?? 2000), runs: Number(argValue('--relations-runs') ?? 15) });
    return;
  }
  if (process.argv.includes('--lsp-actions')) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first.`);
    const sizes = (argValue('--lsp-sizes') ?? '10000').split(',').map(Number);
    const verdicts = await codeActionBench({ sizes });
    for (const v of verdicts) console.log(`  ${v.ok ? 'PASS' : 'FAIL'}  ${v.name}: ${v.value}`);
    return;
  }
  // CLI modes (a generated repository scanned by dist/cli.js, see bench/kustomize.mjs and bench/relations.mjs).
  for (const [name, bench] of [['kustomize', kustomizeBench], ['relations', relationsBench]]) {
    if (!process.argv.includes(`--${name}`)) continue;
    const cli = join(ROOT, 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first.`);
    const cpu = cpus();
    console.log(`Shipshape ${name} benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'})`);
    const files = Number(argValue(`--${name}-files`) ?? 2000);
    const runs = Number(argValue(`--${name}-runs`) ?? 3);
    bench({ cli, files, runs, table, fmtStats, fmtMb, fmtRatio, median });
    console.log(`\nTotal benchmark time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  if (process.argv.includes('--cli-jobs')) {
    const cpu = cpus();
    console.log(`Shipshape CLI jobs benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'})`);
    const corpus = process.env.SHIPSHAPE_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) throw new Error(`${corpus} does not exist (set SHIPSHAPE_CORPUS to a folder of manifests)`);
    await cliJobsBench({ corpus, runs: Number(argValue('--cli-jobs-runs') ?? 5), copyRuns: Number(argValue('--cli-jobs-copy-runs') ?? argValue('--cli-jobs-runs') ?? 5), copies: Number(argValue('--cli-jobs-copies') ?? 10), onlyCopy: process.argv.includes('--cli-jobs-only-copy'), table, fmtStats, fmtRatio, median });
    console.log(`\nTotal benchmark time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  if (process.argv.includes('--lsp')) {
    const cpu = cpus();
    console.log(`Shipshape LSP benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'})`);
    await lspSection();
    console.log(`\nTotal benchmark time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  await buildEngine();
  const sizes = (argValue('--sizes') ?? '100,1000,10000').split(',').map(Number);
  const cpu = cpus();
  console.log(`Shipshape benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'})`);
  console.log('Times in ms: median [min-max] of N runs after one warm-up; ratio = lint median / parse median.');
  console.log('Peak RSS: process.resourceUsage().maxRSS of a fresh child per size and mode (RSS at start: node with the engine loaded, before any work).');
  console.log('Lint = the full rule set (every rule on, the off-by-default ones included), quick fixes not built (they are lazy), as `shipshape scan` and the language server lint.\n');
  const rows = [];
  const costRows = [];
  const schemaRows = [];
  const schemaRow = (label, runs, lint) => {
    const ratios = lint.times.map((t, i) => t / lint.noSchemaTimes[i]);
    return [label, runs, fmtStats(lint.noSchemaTimes), fmtStats(lint.times), fmtRatioStats(ratios), lint.noSchemaFindings.toLocaleString('en-US'), lint.findings.toLocaleString('en-US'), median(ratios) <= MAX_SCHEMA_ON_OVER_OFF ? 'ok' : 'OVER'];
  };
  let ruleCounts;
  for (const size of sizes) {
    const runs = RUNS[size] ?? 5;
    const parse = runChild('parse', String(size), runs);
    const lint = runChild('lint', String(size), runs);
    ruleCounts = lint.ruleCounts;
    rows.push([
      size.toLocaleString('en-US'),
      fmtBytes(lint.bytes),
      runs,
      fmtStats(parse.times),
      fmtStats(lint.times),
      fmtRatio(median(lint.times) / median(parse.times)),
      lint.findings.toLocaleString('en-US'),
      fmtMb(parse.maxRssKb),
      fmtMb(lint.maxRssKb),
      fmtMb(lint.baseRssKb),
    ]);
    const ratios = pairRatios(lint);
    costRows.push([
      size.toLocaleString('en-US'),
      runs,
      fmtStats(lint.podSecurityTimes),
      fmtStats(lint.times),
      fmtRatioStats(ratios),
      lint.podSecurityFindings.toLocaleString('en-US'),
      lint.findings.toLocaleString('en-US'),
      verdict(ratios),
    ]);
    schemaRows.push(schemaRow(size.toLocaleString('en-US'), runs, lint));
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
    ruleCounts = lint.ruleCounts;
    console.log(`\nReal-world corpus: ${relative(process.cwd(), corpus) || corpus} (${lint.files} YAML/Dockerfile files, ${fmtBytes(lint.bytes)}, every file once per run)`);
    console.log(
      table(
        ['corpus', 'runs', 'yaml parse ms', 'shipshape lint ms', 'ratio', 'findings', 'yaml-syntax', 'peak RSS parse', 'peak RSS lint'],
        [['all files', runs, fmtStats(parse.times), fmtStats(lint.times), fmtRatio(median(lint.times) / median(parse.times)), lint.findings.toLocaleString('en-US'), lint.errors, fmtMb(parse.maxRssKb), fmtMb(lint.maxRssKb)]],
      ),
    );
    const ratios = pairRatios(lint);
    schemaRows.push(schemaRow('corpus', runs, lint));
    costRows.push(['corpus', runs, fmtStats(lint.podSecurityTimes), fmtStats(lint.times), fmtRatioStats(ratios), lint.podSecurityFindings.toLocaleString('en-US'), lint.findings.toLocaleString('en-US'), verdict(ratios)]);
    if (process.argv.includes('--no-cli-jobs')) console.log('\nCLI on every core: skipped (--no-cli-jobs).');
    else await cliJobsBench({ corpus, runs: 3, copies: 10, table, fmtStats, fmtRatio, median });
  }

  if (ruleCounts) {
    console.log(`\nFull rule set (${ruleCounts.full} rules) vs pod-security rules alone (${ruleCounts.podSecurity}: baseline, restricted, hardening, syntax), timed alternately in one process.`);
    console.log(`full/pod-security = median [min-max] of the per-run ratios; acceptance (issue 3): median at most ${fmtRatio(MAX_FULL_OVER_POD_SECURITY)}.`);
    console.log(table(['documents', 'runs', 'pod-security ms', 'full ms', 'full/pod-security', 'findings pod-security', 'findings full', `<= ${fmtRatio(MAX_FULL_OVER_POD_SECURITY)}`], costRows));
  }
  if (schemaRows.length) {
    console.log(`\nSchema validation on vs off (full rule set, schemaValidation true/false), timed alternately in one process.`);
    console.log(`on/off = median [min-max] of the per-run ratios; acceptance (issue 8): median at most ${fmtRatio(MAX_SCHEMA_ON_OVER_OFF)}.`);
    console.log(table(['documents', 'runs', 'schema off ms', 'schema on ms', 'on/off', 'findings off', 'findings on', `<= ${fmtRatio(MAX_SCHEMA_ON_OVER_OFF)}`], schemaRows));
  }
  if (process.argv.includes('--no-lsp')) console.log('\nLSP mode: skipped (--no-lsp).');
  else await lspSection();
  console.log(`\nTotal benchmark time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], Number(process.argv[5]));
else if (process.argv[2] === '--cli-jobs-child') await warmChild(process.argv[3], Number(process.argv[4]));
else await parent();
