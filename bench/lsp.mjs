// LSP mode of the benchmark (issue 10's targets): the bundled language server
// (dist/server.js, built by scripts/build.mjs) spoken to over stdio with a real
// JSON-RPC client, as an editor would.
//
// For each size (1,000 and 10,000 Kubernetes documents from generate.mjs) a fresh
// server process:
//   1. didOpen of the file, timed until publishDiagnostics for that version arrives
//      (the server's first lint: JIT and lazily compiled schema validators are cold);
//   2. N edits inside the middle document (incremental didChange of one value,
//      `readOnlyRootFilesystem: true/false` plus a counter so no edit repeats an
//      earlier text), each timed until publishDiagnostics for the edited version;
//   3. the server's peak RSS (VmHWM of /proc/<pid>/status) with the file open and edited;
//   4. didClose and didOpen of the same text under new URIs (no cache), timed: the
//      warm first-diagnostics figure compared with the warm bare parse.
// Then a 2,000-line Dockerfile: didOpen -> publishDiagnostics in a fresh server
// (first open cold, then warm reopens under new URIs).
//
// Code actions (issue 17; `--lsp-actions` runs this part alone): in a fresh server per
// size, the file opened and edited once in the middle document, then textDocument/codeAction
// at the run-as-root diagnostic nearest the edit, as VS Code asks when the cursor moves onto it (no `only`, the
// client resolves edits), timed until the answer; then codeAction/resolve of its
// "Harden container" and of the "Fix all" action (its edits are built only then); the server's RSS with
// the file open, and its peak. Then, in another fresh server with the file opened and edited once,
// fix-on-save (codeAction with only: [source.fixAll], as editor.codeActionsOnSave asks: the edits come at once).
//
// Baseline in the same run: a bare `yaml` parseAllDocuments of the same text in a
// fresh child process (bench/run.mjs --child parse), cold (its first parse) and warm
// (a second parse). One such child runs right before the first open and before each
// reopen, so each parse and the open it is compared with see the same load on the
// machine (the ratio is of the medians).
//
// The server reads settings with workspace/configuration; the bench answers
// `{ debounceMs: 0 }` (the default rule set, as a user gets it), so the edit figures
// are the lint latency itself. With the default debounce an edit's diagnostics
// arrive `debounceMs` (150 ms) later.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDockerfile, generateManifest } from './generate.mjs';

const require = createRequire(import.meta.url);
const {
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

/** Settings the bench answers to workspace/configuration for the `shipshape` section. */
export const BENCH_SETTINGS = Object.freeze({ debounceMs: 0 });

/** Issue 10's targets. */
export const TARGETS = Object.freeze({
  firstOverParse: 1.3,
  editMedianMs: { 1000: 50, 10000: 100 },
  peakRssMb: { 10000: 300 },
  dockerfileMs: 50,
  codeActionMs: 50,
});

const CLK_TCK = 100; // USER_HZ on Linux

export class BenchServer {
  /**
   * `settings`: what workspace/configuration answers for the `shipshape` section (default BENCH_SETTINGS).
   * `env`: added to the server's environment, e.g. SHIPSHAPE_CODE_CACHE_DIR (default: the server's own default, a
   * per-user folder of the temporary directory, so every server after the first starts with a V8 code cache).
   * `server`: the bundle to run (default dist/server.js; the visible bench compares another build's).
   */
  constructor(settings = BENCH_SETTINGS, { env = {}, server = SERVER } = {}) {
    // SHIPSHAPE_BENCH_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=bench/out/prof".
    const nodeArgs = (process.env.SHIPSHAPE_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d.toString()));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    /** uri -> { version, resolve } */
    this.waiters = new Map();
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const at = performance.now();
      const w = this.waiters.get(p.uri);
      if (w && p.version === w.version) {
        this.waiters.delete(p.uri);
        w.resolve({ at, diagnostics: p.diagnostics });
      }
    });
    this.conn.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'shipshape' ? settings : null)));
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.listen();
  }

  async init() {
    await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      // As VS Code: diagnostics carry data, code actions' edits may come on codeAction/resolve.
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true }, codeAction: { resolveSupport: { properties: ['edit'] } } } },
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  /** Diagnostics for `uri` at `version`, with their arrival time. */
  diagnostics(uri, version) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within 10 minutes\n${this.stderr}`)), 600_000);
      this.waiters.set(uri, {
        version,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** didOpen -> publishDiagnostics: milliseconds, server CPU milliseconds, the diagnostics. */
  async open(uri, languageId, text, version = 1) {
    const got = this.diagnostics(uri, version);
    const cpu0 = this.cpuMs();
    const t0 = performance.now();
    void this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    const { at, diagnostics } = await got;
    return { ms: at - t0, cpuMs: this.cpuMs() - cpu0, diagnostics };
  }

  async change(uri, version, contentChanges) {
    const got = this.diagnostics(uri, version);
    const cpu0 = this.cpuMs();
    const t0 = performance.now();
    void this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    const { at, diagnostics } = await got;
    return { ms: at - t0, cpuMs: this.cpuMs() - cpu0, diagnostics };
  }

  async close(uri) {
    const cleared = this.diagnostics(uri, undefined);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await cleared;
  }

  /** /proc/<pid>/status field in kB (VmHWM = peak RSS, VmRSS = current RSS). */
  statusKb(field) {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  }

  /** User + system CPU time of the server process so far. */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
    } catch {
      return NaN;
    }
  }

  async dispose() {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const exited = new Promise((r) => (this.proc.exitCode !== null ? r() : this.proc.once('exit', r)));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

/**
 * How many problems the server found: the publication's length, or, when the file has more
 * than shipshape.maxDiagnosticsPerFile (default 1,000, VS Code's own per-file limit), the
 * total its notice gives.
 */
export function foundCount(diagnostics) {
  const last = diagnostics[diagnostics.length - 1];
  if (last?.code !== 'diagnostics-limit') return diagnostics.length;
  const m = /found ([\d,]+) problems/.exec(last.message);
  if (!m) throw new Error(`bench: unreadable limit notice: ${last.message}`);
  return Number(m[1].replace(/,/g, ''));
}

/** Line and character of a UTF-16 offset. */
function position(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** The value of the first `readOnlyRootFilesystem: true` in the middle document of `text`. */
function middleValue(text) {
  const markers = [];
  for (let i = text.indexOf('\n---\n'); i >= 0; i = text.indexOf('\n---\n', i + 1)) markers.push(i);
  const middle = markers[markers.length >> 1] ?? 0;
  const key = 'readOnlyRootFilesystem: ';
  const at = text.indexOf(key + 'true', middle);
  if (at < 0) throw new Error('bench: no readOnlyRootFilesystem: true after the middle document');
  const start = at + key.length;
  return { start, end: text.indexOf('\n', start), docIndex: markers.length >> 1 };
}

/**
 * Timed edits of one value in the middle document: `true` and `false` alternately,
 * each with a counter comment, so every edit is new text for the server's cache.
 */
export async function edits(server, uri, text, runs) {
  const { start, end } = middleValue(text);
  const pos = position(text, start);
  let currentLength = end - start;
  let current = text;
  const times = [];
  const cpu = [];
  const counts = [];
  let last = [];
  for (let i = 1; i <= runs; i++) {
    const value = `${i % 2 === 1 ? 'false' : 'true'} # edit ${i}`;
    const range = { start: pos, end: { line: pos.line, character: pos.character + currentLength } };
    current = current.slice(0, start) + value + current.slice(start + currentLength);
    currentLength = value.length;
    const r = await server.change(uri, 1 + i, [{ range, text: value }]);
    last = r.diagnostics;
    times.push(r.ms);
    cpu.push(r.cpuMs);
    counts.push(foundCount(r.diagnostics));
    // The edited document's findings are published, however many the file has.
    const shown = r.diagnostics.some((d) => d.range.start.line === pos.line && d.code === 'writable-root-filesystem');
    if (shown !== (i % 2 === 1)) throw new Error(`bench: edit ${i}: the edited line's writable-root-filesystem diagnostic is ${shown ? 'still there' : 'missing'}`);
  }
  // Sanity: `false` adds a writable-root-filesystem finding that `true` removes.
  const odd = new Set(counts.filter((_, i) => i % 2 === 0));
  const even = new Set(counts.filter((_, i) => i % 2 === 1));
  if (odd.size !== 1 || even.size > 1 || (even.size === 1 && [...odd][0] !== [...even][0] + 1)) {
    throw new Error(`bench: edits did not toggle exactly one finding (diagnostic counts ${counts.join(', ')})`);
  }
  return { times, cpu, counts, final: current, last };
}

/**
 * Size of one publication of `diagnostics` as JSON, and what encoding and decoding it costs
 * here (medians of 3): every edit sends the whole set again, as LSP requires.
 */
function payloadCost(diagnostics) {
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///bench/x.yaml', version: 2, diagnostics } };
  const encode = [];
  const decode = [];
  let json = '';
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    json = JSON.stringify(message);
    encode.push(performance.now() - t0);
    t0 = performance.now();
    JSON.parse(json);
    decode.push(performance.now() - t0);
  }
  return { bytes: Buffer.byteLength(json), encodeMs: median(encode), decodeMs: median(decode) };
}

async function yamlSession(size, { editRuns, reopenRuns }, parseOnce) {
  const text = generateManifest(size);
  const server = new BenchServer();
  /** Bare parses interleaved with the opens: cold (first in the child) and warm (second). */
  const parse = { cold: [], times: [], cpuTimes: [] };
  const baseline = () => {
    const r = parseOnce(size);
    parse.cold.push(r.coldMs);
    parse.times.push(...r.times);
    parse.cpuTimes.push(...r.cpuTimes);
  };
  try {
    await server.init();
    const startRssKb = server.statusKb('VmRSS');
    const uri = `file:///bench/manifests-${size}.yaml`;
    baseline();
    const first = await server.open(uri, 'yaml', text);
    const edit = await edits(server, uri, text, editRuns);
    const peakKb = server.statusKb('VmHWM');
    const rssKb = server.statusKb('VmRSS');
    await server.close(uri);
    const reopen = { times: [], cpu: [] };
    for (let i = 0; i < reopenRuns; i++) {
      if (i > 0) baseline();
      const u = `file:///bench/reopen-${i}/manifests-${size}.yaml`;
      const r = await server.open(u, 'yaml', text);
      if (foundCount(r.diagnostics) !== foundCount(first.diagnostics)) throw new Error(`bench: reopen found ${foundCount(r.diagnostics)} problems, first open ${foundCount(first.diagnostics)}`);
      reopen.times.push(r.ms);
      reopen.cpu.push(r.cpuMs);
      await server.close(u);
    }
    return { size, bytes: Buffer.byteLength(text), first, edit, reopen, peakKb, rssKb, startRssKb, finalPeakKb: server.statusKb('VmHWM'), found: foundCount(first.diagnostics), diagnostics: first.diagnostics.length, payload: payloadCost(edit.last), parse };
  } finally {
    await server.dispose();
  }
}

/** The published diagnostic of `code` nearest line `line`. */
function diagnosticNear(line, diagnostics, code) {
  const of = diagnostics.filter((d) => d.code === code);
  if (of.length === 0) throw new Error(`bench: no ${code} diagnostic published`);
  return of.reduce((best, d) => (Math.abs(d.range.start.line - line) < Math.abs(best.range.start.line - line) ? d : best));
}

/** `fn()`'s answer, wall time and server CPU time. */
async function timed(server, fn) {
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0, cpuMs: server.cpuMs() - cpu0 };
}

/** Our fix-all kind (server/src/lsp/code-actions.ts FIX_ALL_KIND). */
const FIX_ALL_KIND = 'source.fixAll.shipshape';

/** Code actions at one finding of a `size`-document file (see the header). */
async function codeActionSession(size, runs) {
  const text = generateManifest(size);
  const server = new BenchServer();
  try {
    await server.init();
    const uri = `file:///bench/actions-${size}.yaml`;
    await server.open(uri, 'yaml', text);
    // One edit in the middle document: its diagnostics are then among those published (at most 1,000, nearest the edit).
    const edited = await edits(server, uri, text, 1);
    const d = diagnosticNear(position(text, middleValue(text).start).line, edited.last, 'run-as-root');
    const openRssKb = server.statusKb('VmRSS');
    const params = { textDocument: { uri }, range: d.range, context: { diagnostics: [d], triggerKind: 2 } };
    const times = [];
    const cpu = [];
    let actions = [];
    for (let i = 0; i < runs; i++) {
      const cpu0 = server.cpuMs();
      const t0 = performance.now();
      actions = await server.conn.sendRequest(CodeActionRequest.type, params);
      times.push(performance.now() - t0);
      cpu.push(server.cpuMs() - cpu0);
    }
    const harden = actions.find((a) => a.title.startsWith('Harden container'));
    let resolveMs = NaN;
    if (harden) {
      const t0 = performance.now();
      const resolved = await server.conn.sendRequest(CodeActionResolveRequest.type, harden);
      resolveMs = performance.now() - t0;
      if (!resolved.edit) throw new Error('bench: Harden container resolved without an edit');
    }
    // Fix-all: the plain request above carries it unresolved (no edit); its edits are built on codeAction/resolve.
    const fixAll = actions.find((a) => a.kind === FIX_ALL_KIND);
    if (!fixAll) throw new Error(`bench: no fix-all action among ${actions.map((a) => a.title).join(', ')}`);
    if (fixAll.edit) throw new Error('bench: the fix-all action came with its edits before resolve');
    const fixAllResolve = await timed(server, () => server.conn.sendRequest(CodeActionResolveRequest.type, fixAll));
    if (!fixAllResolve.value.edit) throw new Error('bench: fix-all resolved without an edit');
    const rssKb = server.statusKb('VmRSS');
    return { size, line: d.range.start.line, actions: actions.map((a) => a.title), times, cpu, resolveMs, fixAllResolve, openRssKb, rssKb, peakKb: server.statusKb('VmHWM') };
  } finally {
    await server.dispose();
  }
}

/**
 * Fix-on-save in a fresh server (nothing built by an earlier fix-all): the file opened and edited once, then
 * textDocument/codeAction with only: [source.fixAll], as VS Code's editor.codeActionsOnSave asks (the edits come at once).
 */
async function onSaveSession(size) {
  const text = generateManifest(size);
  const server = new BenchServer();
  try {
    await server.init();
    const uri = `file:///bench/save-${size}.yaml`;
    await server.open(uri, 'yaml', text);
    await edits(server, uri, text, 1);
    const params = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 } };
    const onSave = await timed(server, () => server.conn.sendRequest(CodeActionRequest.type, params));
    if (!onSave.value[0]?.edit) throw new Error('bench: fix-all on save came without an edit');
    return { ...onSave, peakKb: server.statusKb('VmHWM') };
  } finally {
    await server.dispose();
  }
}

/** The code actions table (issue 17's target: the answer within 50 ms at 10,000 documents). Returns its verdicts. */
export async function codeActionBench({ sizes = [10000], runs = 9, log = console.log }) {
  const verdicts = [];
  const rows = [];
  const fixRows = [];
  for (const size of sizes) {
    const s = await codeActionSession(size, runs);
    s.onSave = await onSaveSession(size);
    const label = size.toLocaleString('en-US');
    const med = median(s.times);
    rows.push([label, `line ${s.line + 1}`, s.actions.length, `${s.times.length}: ${stats(s.times)}`, stats(s.cpu), Number.isNaN(s.resolveMs) ? '-' : fmtMs(s.resolveMs), fmtMb(s.openRssKb), fmtMb(s.rssKb), fmtMb(s.peakKb), size >= 10000 ? `${pass(med <= TARGETS.codeActionMs)} (median <= ${TARGETS.codeActionMs} ms)` : '-']);
    if (size >= 10000) verdicts.push({ name: `code actions at a finding of a ${label}-document file, median <= ${TARGETS.codeActionMs} ms`, ok: med <= TARGETS.codeActionMs, value: `${fmtMs(med)} ms` });
    const editCount = (action) => (action?.edit?.documentChanges?.[0]?.edits ?? []).map((e) => `${e.newText.length.toLocaleString('en-US')} chars`).join(', ') || '-';
    fixRows.push([label, fmtMs(s.fixAllResolve.ms), fmtMs(s.fixAllResolve.cpuMs), editCount(s.fixAllResolve.value), fmtMb(s.peakKb), fmtMs(s.onSave.ms), fmtMs(s.onSave.cpuMs), editCount(s.onSave.value[0]), fmtMb(s.onSave.peakKb)]);
  }
  log('\nCode actions at the run-as-root diagnostic nearest an edit in the middle document (textDocument/codeAction as on a cursor move, no `only`;');
  log('the client resolves edits) -> the answer; then codeAction/resolve of its "Harden container"; server RSS with the file open and');
  log('edited (before the code actions), RSS after them, and the peak:');
  log(table(['documents', 'at', 'actions', 'wall ms (n: min/med/max)', 'server CPU ms (min/med/max)', 'resolve harden ms', 'RSS open', 'RSS after', 'peak RSS', 'target'], rows));
  log('\nFix-all, built only when asked for: codeAction/resolve of the "Fix all" action the request above returned without edits (same');
  log('server, peak RSS after it); fix-on-save in a fresh server, the file opened and edited once (textDocument/codeAction with only:');
  log('[source.fixAll], as editor.codeActionsOnSave asks; the edits come at once), one each; "edit": the length of the one edit\'s text:');
  log(table(['documents', 'resolve fix-all wall ms', 'server CPU ms', 'edit', 'peak RSS', 'fix-on-save wall ms', 'server CPU ms', 'edit', 'peak RSS'], fixRows));
  return verdicts;
}

async function dockerfileSession(lines, runs) {
  const text = generateDockerfile(lines);
  const server = new BenchServer();
  try {
    await server.init();
    const first = await server.open('file:///bench/Dockerfile', 'dockerfile', text);
    const times = [];
    const cpu = [];
    for (let i = 0; i < runs; i++) {
      const u = `file:///bench/reopen-${i}/Dockerfile`;
      const r = await server.open(u, 'dockerfile', text);
      times.push(r.ms);
      cpu.push(r.cpuMs);
      await server.close(u);
    }
    return { lines, bytes: Buffer.byteLength(text), first, times, cpu, diagnostics: first.diagnostics.length, peakKb: server.statusKb('VmHWM') };
  } finally {
    await server.dispose();
  }
}

// ------------------------------------------------------------------ report

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const stats = (xs) => `${fmtMs(Math.min(...xs))} / ${fmtMs(median(xs))} / ${fmtMs(Math.max(...xs))}`;
const fmtMb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const fmtX = (x) => `${x.toFixed(2)}x`;
const pass = (ok) => (ok ? 'PASS' : 'FAIL');

export { median, stats, fmtMs, fmtX, pass, table };

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Run the LSP benchmark and print its report. `parseOnce(size)` runs a bare-parse child
 * on the same generated text and returns its result ({ coldMs, times: [warm ms],
 * cpuTimes: [warm CPU ms] }). Returns the verdicts ({ name, ok, value }).
 */
export async function lspBench({ sizes = [1000, 10000], parseOnce, log = console.log }) {
  const runsFor = (size) => (size >= 10000 ? { editRuns: 9, reopenRuns: 3 } : { editRuns: 15, reopenRuns: 7 });
  log(`\nLSP mode: ${SERVER.slice(ROOT.length + 1)} --stdio, a fresh server process per size; workspace/configuration answers ${JSON.stringify(BENCH_SETTINGS)}`);
  log('(the default rule set; debounce 0 so edit figures are lint latency: add shipshape.debounceMs, default 150 ms, for what a typist sees).');
  log('Times in ms as min / median / max; "server CPU" is the user+system time the server process spent (from /proc/<pid>/stat, 10 ms ticks),');
  log('less sensitive to other load on the machine than wall time. Ratios are medians over the bare parse median measured in the same run.');
  const verdicts = [];
  const firstRows = [];
  const editRows = [];
  const memRows = [];
  for (const size of sizes) {
    const runs = runsFor(size);
    const s = await yamlSession(size, runs, parseOnce);
    const parse = s.parse;
    const warmRatio = median(s.reopen.times) / median(parse.times);
    const coldRatio = s.first.ms / parse.cold[0];
    const cpuRatio = median(s.reopen.cpu) / median(parse.cpuTimes);
    const label = size.toLocaleString('en-US');
    firstRows.push([
      label,
      `${(s.bytes / (1 << 20)).toFixed(1)} MB`,
      `${s.found.toLocaleString('en-US')} / ${s.diagnostics.toLocaleString('en-US')}`,
      `${fmtMs(parse.cold[0])}`,
      `${fmtMs(s.first.ms)}`,
      fmtX(coldRatio),
      `${parse.times.length}: ${stats(parse.times)}`,
      `${s.reopen.times.length}: ${stats(s.reopen.times)}`,
      fmtX(warmRatio),
      fmtX(cpuRatio),
      `${pass(warmRatio <= TARGETS.firstOverParse)} (<= ${fmtX(TARGETS.firstOverParse)})`,
    ]);
    verdicts.push({ name: `first diagnostics at ${label} documents <= ${TARGETS.firstOverParse}x bare parse (warm; cold ${fmtX(coldRatio)})`, ok: warmRatio <= TARGETS.firstOverParse, value: fmtX(warmRatio) });
    const editTarget = TARGETS.editMedianMs[size];
    const editMedian = median(s.edit.times);
    editRows.push([
      label,
      s.edit.times.length,
      stats(s.edit.times),
      stats(s.edit.cpu),
      `${(s.payload.bytes / (1 << 20)).toFixed(1)} MB: ${fmtMs(s.payload.encodeMs)} + ${fmtMs(s.payload.decodeMs)} ms`,
      editTarget ? `${pass(editMedian <= editTarget)} (median <= ${editTarget} ms)` : '-',
    ]);
    if (editTarget) verdicts.push({ name: `edit in a ${label}-document file, median <= ${editTarget} ms`, ok: editMedian <= editTarget, value: `${fmtMs(editMedian)} ms` });
    const rssTarget = TARGETS.peakRssMb[size];
    // The verdict takes the peak over the whole session: open, edits, then the closes and reopens.
    const peakMb = Math.max(s.peakKb, s.finalPeakKb) / 1024;
    memRows.push([label, fmtMb(s.startRssKb), fmtMb(s.peakKb), fmtMb(s.rssKb), fmtMb(s.finalPeakKb), rssTarget ? `${pass(peakMb <= rssTarget)} (<= ${rssTarget} MB)` : '-']);
    if (rssTarget) verdicts.push({ name: `peak server RSS at ${label} documents <= ${rssTarget} MB (open, edits, reopens)`, ok: peakMb <= rssTarget, value: fmtMb(peakMb * 1024) });
  }
  log('\nFirst diagnostics (didOpen -> publishDiagnostics) vs a bare yaml parseAllDocuments of the same text:');
  log('cold = the first open in a fresh server / the first parse in a fresh process; warm = reopened under a new URI (no cache) / a second parse;');
  log('CPU ratio = median server CPU of the warm opens / median CPU of the warm parses.');
  log(
    table(
      ['documents', 'size', 'found / published', 'parse cold', 'open cold', 'cold ratio', 'parse warm (n: min/med/max)', 'open warm (n: min/med/max)', 'warm ratio', 'CPU ratio', 'target (warm)'],
      firstRows,
    ),
  );
  log('"found / published": problems in the file / diagnostics sent. A file with more than shipshape.maxDiagnosticsPerFile (default 1,000,');
  log('the most VS Code keeps per file) gets those nearest the last edit and one notice with the total.');
  log('\nEdit inside the middle document (didChange of one value -> publishDiagnostics for that version; the edited finding is checked):');
  log('"publication" is the JSON of the diagnostics the server sends after every edit (LSP has no partial update), with the time');
  log('JSON.stringify and JSON.parse of it take in the bench process.');
  log(table(['documents', 'edits', 'wall ms (min/med/max)', 'server CPU ms (min/med/max)', 'publication: encode + decode', 'target'], editRows));
  log('\nServer memory (/proc/<pid>/status): RSS after initialize, VmHWM with the file opened and edited, RSS then, VmHWM after the reopen runs:');
  log(table(['documents', 'RSS at start', 'peak RSS', 'RSS after edits', 'peak after reopens', 'target (peak)'], memRows));

  verdicts.push(...(await codeActionBench({ sizes: sizes.filter((s) => s >= 10000), log })));

  const df = await dockerfileSession(2000, 15);
  const dfMedian = median(df.times);
  log(`\nDockerfile of ${df.lines.toLocaleString('en-US')} lines (${(df.bytes / 1024).toFixed(0)} KB, ${df.diagnostics} diagnostics), didOpen -> publishDiagnostics:`);
  log(
    table(
      ['Dockerfile', 'cold open ms', 'warm opens', 'wall ms (min/med/max)', 'server CPU ms (min/med/max)', 'target'],
      [[`${df.lines} lines`, fmtMs(df.first.ms), df.times.length, stats(df.times), stats(df.cpu), `${pass(dfMedian <= TARGETS.dockerfileMs)} (median <= ${TARGETS.dockerfileMs} ms)`]],
    ),
  );
  verdicts.push({ name: `Dockerfile of 2,000 lines, first diagnostics median <= ${TARGETS.dockerfileMs} ms (cold ${fmtMs(df.first.ms)} ms)`, ok: dfMedian <= TARGETS.dockerfileMs, value: `${fmtMs(dfMedian)} ms` });

  log('\nIssue 10 targets (a benchmark does not fail the build):');
  for (const v of verdicts) log(`  ${pass(v.ok)}  ${v.name}: ${v.value}`);
  return verdicts;
}
