// Issue 21's language-server targets, each cold and warm, with min / median / max, next to a bare `yaml` parse of
// the same text measured in the same run (cold: the first parse in a fresh process, bench/run.mjs --child parse;
// warm: a later parse in that process):
//
//   visible   a 10,000-document file opened with shipshape/visibleRanges for its middle (sent right after didOpen,
//             as the client does): didOpen -> the first publishDiagnostics, which must hold exactly the shown
//             documents' findings. Cold: a fresh server per run (killed once the shown documents are published);
//             warm: a server that linted another file before, the file reopened under a new URI each run.
//   typing    a 1,000-document file with the default settings (debounce included, as a typist gets it): an edit of
//             one value in the middle document -> publishDiagnostics for that version. Cold: the first edit after
//             the open in a fresh server; warm: the edits after it.
//   cold      first full diagnostics of a 1,000-document file in a fresh server (no visibleRanges: one publication)
//             over the cold parse of a fresh process run right before it, per run; a first-ever start (no V8 code
//             cache) and a start with the code cache the first one wrote (every start after the first) apart.
//
//   node --expose-gc bench/run.mjs --lsp-speed [--lsp-speed-part visible|typing|cold]   (needs `npm run build`)
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateManifest } from './generate.mjs';
import { BenchServer, edits, fmtMs, fmtX, median, pass, stats, table } from './lsp.mjs';

const { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

/** Issue 21's targets. */
export const SPEED_TARGETS = Object.freeze({ visibleColdMs: 150, visibleWarmMs: 50, typingMedianMs: 60, coldOverParse: 1.3 });

/** Lines of the middle of `text` an editor shows (about a screen). */
function middleScreen(text) {
  const lines = text.split('\n').length;
  const start = lines >> 1;
  return { start: { line: start, character: 0 }, end: { line: start + 50, character: 0 } };
}

/** didOpen + visibleRanges -> the first publication for version 1; checks it holds only shown documents' findings. */
async function openShown(server, uri, text, shown) {
  const got = server.diagnostics(uri, 1);
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  void server.conn.sendNotification('shipshape/visibleRanges', { uri, ranges: [shown] });
  const { at, diagnostics } = await got;
  // The shown documents start at most a document (under 80 lines here) before the range and end after it.
  const far = diagnostics.filter((d) => d.range.start.line < shown.start.line - 80 || d.range.start.line > shown.end.line + 80);
  if (diagnostics.length === 0 || far.length > 0) throw new Error(`bench: the first publication is not the shown documents' (${diagnostics.length} diagnostics, ${far.length} far from lines ${shown.start.line}-${shown.end.line})`);
  return { ms: at - t0, cpuMs: server.cpuMs() - cpu0, count: diagnostics.length };
}

async function visibleBench(size, coldRuns, warmRuns) {
  const text = generateManifest(size);
  const shown = middleScreen(text);
  const cold = [];
  let count = 0;
  for (let i = 0; i < coldRuns; i++) {
    const server = new BenchServer({});
    try {
      await server.init();
      const r = await openShown(server, `file:///bench/visible-${i}.yaml`, text, shown);
      cold.push(r.ms);
      count = r.count;
    } finally {
      server.proc.kill(); // its whole-file lint is of no interest here
      server.conn.dispose();
    }
  }
  const warm = [];
  const server = new BenchServer({});
  try {
    await server.init();
    await server.open('file:///bench/other.yaml', 'yaml', generateManifest(200, 7)); // another file linted before
    for (let i = 0; i < warmRuns; i++) {
      const uri = `file:///bench/warm-visible-${i}.yaml`;
      const r = await openShown(server, uri, text, shown);
      warm.push(r.ms);
      await server.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
  } finally {
    server.proc.kill();
    server.conn.dispose();
  }
  return { cold, warm, count, shown };
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
    log(`\nVisible documents first: a ${size.toLocaleString('en-US')}-document file, didOpen + shipshape/visibleRanges for lines ${v.shown.start.line + 1}-${v.shown.end.line + 1}`);
    log(`-> the first publishDiagnostics (${v.count} diagnostics, all in the shown documents). Cold: a fresh server per run; warm: another file linted before.`);
    log(
      table(
        ['', 'visible diagnostics ms', 'bare parse of the whole file ms', 'target'],
        [
          ['cold', fmtStats(v.cold), fmtStats([p.coldMs]), `${pass(median(v.cold) <= SPEED_TARGETS.visibleColdMs)} (median <= ${SPEED_TARGETS.visibleColdMs} ms)`],
          ['warm', fmtStats(v.warm), fmtStats(p.times), `${pass(median(v.warm) <= SPEED_TARGETS.visibleWarmMs)} (median <= ${SPEED_TARGETS.visibleWarmMs} ms)`],
        ],
      ),
    );
    verdicts.push({ name: `visible diagnostics of a 10,000-document file, fresh server, median <= ${SPEED_TARGETS.visibleColdMs} ms`, ok: median(v.cold) <= SPEED_TARGETS.visibleColdMs, value: `${fmtMs(median(v.cold))} ms` });
    verdicts.push({ name: `visible diagnostics of a 10,000-document file, warm server, median <= ${SPEED_TARGETS.visibleWarmMs} ms`, ok: median(v.warm) <= SPEED_TARGETS.visibleWarmMs, value: `${fmtMs(median(v.warm))} ms` });
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
