// Issue 21's language-server targets, each cold and warm, with min / median / max, next to a bare `yaml` parse of
// the same text measured in the same run (cold: the first parse in a fresh process, bench/run.mjs --child parse;
// warm: a later parse in that process):
//
//   visible   a 10,000-document file opened with its middle shown (a restored scroll position), as the VS Code client
//             opens it: the shipshape/openPreview request (built by the client's own shared/lsp/open-preview.ts, bundled
//             here), then, once answered (at most PREVIEW_WAIT_MS), didOpen and shipshape/visibleRanges. Timed from the first of these messages (the user opened the file
//             then) to the first publishDiagnostics, which must hold exactly the shown documents' findings. Next to it
//             the same open without the preview (didOpen + visibleRanges, as before it). Cold: a fresh server per run
//             (killed once the shown documents are published); warm: a server that linted another file before, the
//             file reopened under a new URI each run (the previous one closed right before, its whole lint unfinished;
//             the two ways alternate on one server).
//   typing    a 1,000-document file with the default settings (debounce included, as a typist gets it): an edit of
//             one value in the middle document -> publishDiagnostics for that version. Cold: the first edit after
//             the open in a fresh server; warm: the edits after it.
//   cold      first full diagnostics of a 1,000-document file in a fresh server (no visibleRanges: one publication)
//             over the cold parse of a fresh process run right before it, per run; a first-ever start (no V8 code
//             cache) and a start with the code cache the first one wrote (every start after the first) apart.
//
//   node --expose-gc bench/run.mjs --lsp-speed [--lsp-speed-part visible|typing|cold]   (needs `npm run build`)
//
// SHIPSHAPE_BENCH_BASE_SERVER=<another build's dist/server.js> adds, to the visible part, the same open without the
// preview on that server, in the same run (before/after a change).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { generateManifest } from './generate.mjs';
import { BenchServer, edits, fmtMs, fmtX, median, pass, stats, table } from './lsp.mjs';

const { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

/** Issue 21's targets. */
export const SPEED_TARGETS = Object.freeze({ visibleColdMs: 150, visibleWarmMs: 50, typingMedianMs: 60, coldOverParse: 1.3 });

const HERE = dirname(fileURLToPath(import.meta.url));

/** The client's preview builder (shared/lsp/open-preview.ts), bundled for this script. */
async function loadOpenPreview() {
  const outfile = join(HERE, 'out', 'open-preview.mjs');
  await esbuild.build({ entryPoints: [join(HERE, '..', 'shared', 'lsp', 'open-preview.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}

/** Lines of the middle of `text` an editor shows (about a screen). */
function middleScreen(text) {
  const lines = text.split('\n').length;
  const start = lines >> 1;
  return { start: { line: start, character: 0 }, end: { line: start + 50, character: 0 } };
}

/**
 * [openPreview +] didOpen + visibleRanges -> the first publication for version 1; checks it holds only shown documents'
 * findings. `preview`: the client's preview builder over this text (its line index made before, as an editor has it).
 */
async function openShown(server, uri, text, shown, preview) {
  const got = server.diagnostics(uri, 1);
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  if (preview) {
    // What the VS Code client's didOpen middleware does (client/src/visible-ranges-wiring.ts): the preview request, with
    // the settings it would answer, then the didOpen once it is answered (or after PREVIEW_WAIT_MS).
    const params = preview.build({ ...preview.source, uri }, [shown], {});
    if (!params) throw new Error('bench: the client would send no preview');
    await preview.wait(server.conn.sendRequest(preview.method, params));
  }
  const sent = server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const shownSent = server.conn.sendNotification('shipshape/visibleRanges', { uri, ranges: [shown] });
  const { at, diagnostics } = await got;
  // With the preview they come before the didOpen is even written. Done, as without the preview, once the server has
  // read the didOpen and published from it (a warm run closes the file then, and opens the next).
  const fromDidOpen = preview ? server.diagnostics(uri, 1) : undefined;
  await Promise.all([sent, shownSent, fromDidOpen]);
  // The shown documents start at most a document (under 80 lines here) before the range and end after it.
  const far = diagnostics.filter((d) => d.range.start.line < shown.start.line - 80 || d.range.start.line > shown.end.line + 80);
  if (diagnostics.length === 0 || far.length > 0) throw new Error(`bench: the first publication is not the shown documents' (${diagnostics.length} diagnostics, ${far.length} far from lines ${shown.start.line}-${shown.end.line})`);
  return { ms: at - t0, cpuMs: server.cpuMs() - cpu0, count: diagnostics.length, diagnostics };
}

/** Fresh servers and one warm server, opening `text` with and without the preview alternately. */
async function visibleBench(size, coldRuns, warmRuns) {
  const text = generateManifest(size);
  const shown = middleScreen(text);
  const mod = await loadOpenPreview();
  const preview = { build: mod.openPreviewParams, wait: mod.answeredOrTimeout, source: mod.stringPreviewSource('file:///bench/x.yaml', 'yaml', 1, text), method: 'shipshape/openPreview' };
  const base = process.env.SHIPSHAPE_BENCH_BASE_SERVER;
  const modes = [
    ['didOpen', undefined, undefined],
    ['preview', preview, undefined],
    ...(base ? [['base', undefined, base]] : []),
  ];
  const cold = { didOpen: [], preview: [], base: [] };
  const warm = { didOpen: [], preview: [], base: [] };
  /** What this client's own serialization of the didOpen takes (JSON, then UTF-8), timed apart: the preview's floor. */
  const serial = [];
  const serialize = (uri) => {
    const a = performance.now();
    Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text } } }), 'utf8');
    serial.push(performance.now() - a);
    globalThis.gc?.(); // its garbage is not left to the next run
  };
  let count = 0;
  const firsts = {};
  for (let i = 0; i < coldRuns; i++) {
    for (const [mode, p, bundle] of modes) {
      const server = new BenchServer({}, { server: bundle });
      try {
        await server.init();
        const r = await openShown(server, `file:///bench/visible-${mode}-${i}.yaml`, text, shown, p);
        cold[mode].push(r.ms);
        count = r.count;
        firsts[mode] ??= r.diagnostics;
      } finally {
        server.proc.kill(); // its whole-file lint is of no interest here
        server.conn.dispose();
      }
    }
  }
  // The preview's first publication is the visible-first one's: the same diagnostics.
  if (JSON.stringify(firsts.didOpen) !== JSON.stringify(firsts.preview)) throw new Error("bench: the preview's first publication differs from the didOpen's");
  // Warm: one server per build, whose runs follow each other as a user's opens would (each file closed, the next
  // opened at once); on this build the two ways alternate.
  for (const bundle of new Set(modes.map(([, , b]) => b))) {
    const server = new BenchServer({}, { server: bundle });
    try {
      await server.init();
      await server.open('file:///bench/other.yaml', 'yaml', generateManifest(200, 7)); // another file linted before
      for (let i = 0; i < warmRuns; i++) {
        for (const [mode, p] of modes.filter(([, , b]) => b === bundle)) {
          const uri = `file:///bench/warm-visible-${mode}-${i}.yaml`;
          const r = await openShown(server, uri, text, shown, p);
          warm[mode].push(r.ms);
          await server.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        }
      }
    } finally {
      server.proc.kill();
      server.conn.dispose();
    }
  }
  for (let i = 0; i < warmRuns; i++) serialize(`file:///bench/serialized-${i}.yaml`);
  return { cold, warm, count, shown, serial };
}

async function typingBench(size, servers, editRuns) {
  const text = generateManifest(size);
  const cold = [];
  const warm = [];
  for (let i = 0; i < servers; i++) {
    const server = new BenchServer({}); // the default settings: debounceMs 150, adaptive
    try {
      await server.init();
      const uri = `file:///bench/typing-${i}.yaml`;
      await server.open(uri, 'yaml', text);
      const r = await edits(server, uri, text, editRuns);
      cold.push(r.times[0]);
      warm.push(...r.times.slice(1));
    } finally {
      await server.dispose();
    }
  }
  return { cold, warm };
}

/** A fresh server with the code cache in `dir`: didOpen -> its first publication ({ ms, cpuMs }). */
async function firstDiagnostics(dir, uri, text) {
  const server = new BenchServer({}, { env: { SHIPSHAPE_CODE_CACHE_DIR: dir } });
  try {
    await server.init();
    return await server.open(uri, 'yaml', text);
  } finally {
    await server.dispose();
  }
}

/**
 * Per run: the cold parse, then a first-ever start (an empty code cache folder; the server writes its V8 code cache
 * at exit, see server/src/io/code-cache.ts), then a cold start with that cache present, as every start after the
 * first is.
 */
async function coldBench(size, runs, parseOnce) {
  const text = generateManifest(size);
  const parse = [];
  const parseCpu = [];
  const first = { open: [], cpu: [] };
  const cached = { open: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const p = parseOnce(size);
    parse.push(p.coldMs);
    parseCpu.push(p.coldCpuMs);
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-code-cache-'));
    try {
      const a = await firstDiagnostics(dir, `file:///bench/first-${i}.yaml`, text);
      first.open.push(a.ms);
      first.cpu.push(a.cpuMs);
      if (!readdirSync(dir).some((n) => n.endsWith('.cache'))) throw new Error('bench: the first server wrote no code cache');
      const b = await firstDiagnostics(dir, `file:///bench/cold-${i}.yaml`, text);
      cached.open.push(b.ms);
      cached.cpu.push(b.cpuMs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ratios = (open) => open.map((o, i) => o / parse[i]);
  return { parse, parseCpu, first: { ...first, ratios: ratios(first.open) }, cached: { ...cached, ratios: ratios(cached.open) } };
}

/**
 * Run the parts (`visible`, `typing`, `cold`; all by default) and print their tables. `parseOnce(size)`: a bare-parse
 * child's result ({ coldMs, times: [warm ms] }). Returns the verdicts ({ name, ok, value }).
 */
export async function speedBench({ parseOnce, parts = ['visible', 'typing', 'cold'], log = console.log }) {
  const verdicts = [];
  const fmtStats = (xs) => `${xs.length}: ${stats(xs)}`;
  log('\nIssue 21 (language server): cold and warm, min / median / max in ms, each next to a bare yaml parse of the same text');
  log('in the same run (cold: the first parse in a fresh process; warm: later parses in that process).');
  if (parts.includes('visible')) {
    const size = 10000;
    const p = parseOnce(size);
    const v = await visibleBench(size, 3, 5);
    log(`\nVisible documents first: a ${size.toLocaleString('en-US')}-document file opened with lines ${v.shown.start.line + 1}-${v.shown.end.line + 1} shown, as the VS Code client`);
    log(`opens it (the shipshape/openPreview request, then once answered didOpen and shipshape/visibleRanges), and without the preview`);
    log(`(didOpen, visibleRanges) as before;`);
    log(`from the first message to the first publishDiagnostics (${v.count} diagnostics, all in the shown documents). Cold: a fresh server`);
    log('per run; warm: another file linted before, the previous one closed right before each open (the two ways alternate).');
    const row = (name, xs, parse, target) => [name, fmtStats(xs), fmtStats(parse), target === undefined ? '-' : `${pass(median(xs) <= target)} (median <= ${target} ms)`];
    log(
      table(
        ['', 'visible diagnostics ms', 'bare parse of the whole file ms', 'target'],
        [
          row('cold, preview', v.cold.preview, [p.coldMs], SPEED_TARGETS.visibleColdMs),
          row('cold, didOpen only', v.cold.didOpen, [p.coldMs]),
          row('warm, preview', v.warm.preview, p.times, SPEED_TARGETS.visibleWarmMs),
          row('warm, didOpen only', v.warm.didOpen, p.times),
          ...(v.cold.base.length > 0 ? [row('cold, base server', v.cold.base, [p.coldMs]), row('warm, base server', v.warm.base, p.times)] : []),
        ],
      ),
    );
    log(`The client's own serialization of the didOpen (JSON.stringify, then UTF-8; timed apart, after the warm runs), which the`);
    log(`client does only once the preview is answered: ${fmtStats(v.serial)} ms.`);
    verdicts.push({ name: `visible diagnostics of a 10,000-document file, fresh server, median <= ${SPEED_TARGETS.visibleColdMs} ms (didOpen only: ${fmtMs(median(v.cold.didOpen))} ms)`, ok: median(v.cold.preview) <= SPEED_TARGETS.visibleColdMs, value: `${fmtMs(median(v.cold.preview))} ms` });
    verdicts.push({ name: `visible diagnostics of a 10,000-document file, warm server, median <= ${SPEED_TARGETS.visibleWarmMs} ms (didOpen only: ${fmtMs(median(v.warm.didOpen))} ms)`, ok: median(v.warm.preview) <= SPEED_TARGETS.visibleWarmMs, value: `${fmtMs(median(v.warm.preview))} ms` });
  }
  if (parts.includes('typing')) {
    const size = 1000;
    const p = parseOnce(size);
    const t = await typingBench(size, 3, 15);
    log(`\nTyping to diagnostics: a ${size.toLocaleString('en-US')}-document file, default settings (shipshape.debounceMs 150, adaptive), an edit in the middle`);
    log('document -> its diagnostics. Cold: the first edit after the open in a fresh server (3 servers); warm: the edits after it.');
    const m = median(t.warm);
    log(
      table(
        ['', 'typing to diagnostics ms', 'bare parse ms', 'target'],
        [
          ['cold', fmtStats(t.cold), fmtStats([p.coldMs]), '-'],
          ['warm', fmtStats(t.warm), fmtStats(p.times), `${pass(m <= SPEED_TARGETS.typingMedianMs)} (median <= ${SPEED_TARGETS.typingMedianMs} ms)`],
        ],
      ),
    );
    verdicts.push({ name: `typing to diagnostics, 1,000 documents, default settings, median <= ${SPEED_TARGETS.typingMedianMs} ms`, ok: m <= SPEED_TARGETS.typingMedianMs, value: `${fmtMs(m)} ms` });
  }
  if (parts.includes('cold')) {
    const size = 1000;
    const c = await coldBench(size, 3, parseOnce);
    log(`\nCold start: first full diagnostics of a ${size.toLocaleString('en-US')}-document file in a fresh server vs the first parse in a fresh process,`);
    log("alternately (3 triples); ratio = median open / median parse, and each run's ratio; CPU: the server's CPU time from didOpen to the");
    log("diagnostics (/proc, 10 ms ticks) and the parse child's CPU time of its first parse, less sensitive to other load on the machine.");
    log('First start: no V8 code cache yet (the first start after an install or update); cold start: the cache the first start wrote.');
    const row = (name, r, target) => {
      const ratio = median(r.open) / median(c.parse);
      const cpuRatio = median(r.cpu) / median(c.parseCpu);
      return { ratio, cpuRatio, cells: [name, fmtStats(r.open), fmtStats(c.parse), fmtX(ratio), r.ratios.map(fmtX).join(' '), fmtStats(r.cpu), fmtStats(c.parseCpu), fmtX(cpuRatio), target ? `${pass(ratio <= SPEED_TARGETS.coldOverParse)} (<= ${fmtX(SPEED_TARGETS.coldOverParse)})` : '-'] };
    };
    const firstRow = row('first start', c.first, false);
    const coldRow = row('cold start', c.cached, true);
    log(table(['', 'first diagnostics ms', 'bare parse ms', 'ratio', 'run ratios', 'server CPU ms', 'parse CPU ms', 'CPU ratio', 'target'], [firstRow.cells, coldRow.cells]));
    verdicts.push({
      name: `cold first full diagnostics, 1,000 documents, <= ${fmtX(SPEED_TARGETS.coldOverParse)} a cold bare parse (CPU ${fmtX(coldRow.cpuRatio)}; first start without a code cache ${fmtX(firstRow.ratio)})`,
      ok: coldRow.ratio <= SPEED_TARGETS.coldOverParse,
      value: fmtX(coldRow.ratio),
    });
  }
  log('\nIssue 21 targets (a benchmark does not fail the build):');
  for (const v of verdicts) log(`  ${pass(v.ok)}  ${v.name}: ${v.value}`);
  return verdicts;
}
