// `npm run test:vscode`: the extension integration suite (test/vscode/suite/) in a real VS Code,
// then one browser-level Playwright test (test/vscode/browser.test.mjs).
//
// Two routes, one suite (the @vscode/test-electron contract: the suite module exports `run()`):
//   electron     @vscode/test-electron downloads and drives VS Code desktop (where it can be downloaded);
//   code-server  code-server (VS Code 1.100 served to a browser) driven by playwright-core with Debian's
//                Chromium, the payload query parameter carrying the extension and the tests
//                (see ../shared/vscode-in-ci.md; scripts/install-vscode-test-deps.sh installs both).
// SHIPSHAPE_VSCODE=electron|code-server picks one; by default code-server when it is installed, else electron.
//
// Prints the extension host's Mocha output, the activation time, the .vsix size (if one exists) and a
// final `N passed, N failed` line; exits non-zero on any failure or when the whole run times out.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist-test');
const RESULTS = join(ROOT, 'test-results');
const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
const CACHE = process.env.SHIPSHAPE_VSCODE_CACHE ?? join(homedir(), '.cache', 'shipshape-vscode');
const CODE_SERVER = process.env.SHIPSHAPE_CODE_SERVER ?? join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.SHIPSHAPE_VSCODE_TIMEOUT_MS ?? 8 * 60_000);
/** The suite prints one line with this prefix and its counts (test/vscode/suite/index.ts). */
const MARKER = 'shipshape-suite-result ';

const log = (m) => console.log(`test:vscode: ${m}`);
/** code-server processes to kill if the whole run times out. */
const children = new Set();

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

async function buildAll() {
  run('npm', ['run', '--silent', 'build']);
  rmSync(OUT, { recursive: true, force: true });
  const suiteDir = join(ROOT, 'test', 'vscode', 'suite');
  const entryPoints = readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => join(suiteDir, f));
  await esbuild.build({
    entryPoints,
    outdir: join(OUT, 'suite'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** A fresh copy of the fixture workspace and a user-data dir with settings that keep dialogs away (plus `extra`). */
function prepare(extra = {}) {
  const base = mkdtempSync(join(tmpdir(), 'shipshape-vscode-'));
  const workspace = join(base, 'workspace');
  cpSync(join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
  const userData = join(base, 'user-data');
  const extensions = join(base, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'files.autoSave': 'off',
    'git.enabled': false,
    'shipshape.kubeconfig.path': join(workspace, 'kube', 'config'),
    ...extra,
  };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { base, workspace, userData, extensions };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts code-server and resolves once it answers HTTP; the child is killed by `stop()`. */
async function startCodeServer(dirs) {
  const port = await freePort();
  const child = spawn(process.execPath, [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, dirs.workspace], {
    cwd: dirs.base,
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', SHIPSHAPE_TEST_WORKSPACE: dirs.workspace },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverLog = '';
  const keep = (d) => { serverLog = (serverLog + d).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  children.add(child);
  const exited = new Promise((res) => child.once('exit', (code) => { children.delete(child); res(code); }));
  const base = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (;;) {
      try {
        const r = await fetch(`${base}/healthz`);
        if (r.ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 200)); // runner start-up poll, not part of a test
    }
  })();
  const first = await Promise.race([ready.then(() => 'ready'), exited.then((c) => `exit ${c}`)]);
  if (first !== 'ready') throw new Error(`code-server exited before listening (${first}):\n${serverLog}`);
  return { port, base, log: () => serverLog, stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); } };
}

function workbenchUrl(server, workspace, payload) {
  const enc = payload.map(([k, v]) => [k, `vscode-remote://127.0.0.1:${server.port}${v}`]);
  return `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(enc))}`;
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The suite's own result line, from the extension host's console output. */
function parseResult(lines) {
  for (const l of lines) {
    const i = l.indexOf(MARKER);
    if (i >= 0) {
      try {
        return JSON.parse(l.slice(i + MARKER.length).trim());
      } catch { /* keep looking */ }
    }
  }
  return undefined;
}

/** Runs the suite through code-server + Chromium; resolves with the exit code and output lines. */
async function suiteInCodeServer(dirs, browser) {
  const server = await startCodeServer(dirs);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const lines = [];
  try {
    let done;
    const exited = new Promise((res) => (done = res));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host forwards console calls with their format string (`%s`, `%d`) and arguments.
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const l of text.split('\n')) {
        lines.push(l);
        console.log(l);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(Number(code)));
    await page.goto(workbenchUrl(server, dirs.workspace, [['extensionDevelopmentPath', ROOT], ['extensionTestsPath', join(OUT, 'suite', 'index.js')]]));
    const code = await exited;
    return { code, lines };
  } finally {
    await page.screenshot({ path: join(RESULTS, 'suite-end.png') }).catch(() => {});
    await page.close().catch(() => {});
    server.stop();
  }
}

async function suiteInElectron(dirs) {
  const { runTests } = await import('@vscode/test-electron');
  const lines = [];
  // runTests copies VS Code's stdout (the extension host's console) to process.stdout: read it there.
  const origWrite = process.stdout.write.bind(process.stdout);
  let partial = '';
  process.stdout.write = (chunk, ...rest) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    return origWrite(chunk, ...rest);
  };
  try {
    const code = await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(OUT, 'suite', 'index.js'),
      launchArgs: [dirs.workspace, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-workspace-trust'],
      extensionTestsEnv: { SHIPSHAPE_TEST_WORKSPACE: dirs.workspace },
    }).then(() => 0, (e) => { console.error(`test:vscode: @vscode/test-electron: ${e?.message ?? e}`); return 1; });
    return { code, lines };
  } finally {
    process.stdout.write = origWrite;
    if (partial) lines.push(partial);
  }
}

function vsixSize() {
  const vsix = readdirSync(ROOT).filter((f) => f.endsWith('.vsix'));
  return vsix.map((f) => `${f} ${(statSync(join(ROOT, f)).size / 1024).toFixed(0)} KiB (${(statSync(join(ROOT, f)).size / 1048576).toFixed(2)} MB)`);
}

/** Phase 2 (code-server): one browser-level test, the extension in code-server's Node extension host (test/vscode/browser.test.mjs). */
async function browserLevel(browser, cleanup) {
  const dirs = prepare();
  cleanup.push(() => rmSync(dirs.base, { recursive: true, force: true }));
  const server = await startCodeServer(dirs);
  cleanup.unshift(() => server.stop());
  const { runBrowserTest } = await import(pathToFileURL(join(ROOT, 'test', 'vscode', 'browser.test.mjs')).href);
  const url = workbenchUrl(server, dirs.workspace, [['extensionDevelopmentPath', ROOT]]);
  try {
    await runBrowserTest({ browser, url, workspace: dirs.workspace, resultsDir: RESULTS, log: (m) => console.log(`  browser: ${m}`) });
    console.log('  ✔ browser: workbench shows Problems, applies a quick fix with Ctrl+., opens the Shipshape view');
    return true;
  } catch (e) {
    console.log(`  ✗ browser: ${e?.stack ?? e}`);
    return false;
  }
}

/** Phase 3 (code-server): the extension in the browser's web worker extension host (test/vscode/web-extension-host.test.mjs). */
async function webExtensionHost(browser, cleanup) {
  const dirs = prepare({ 'remote.extensionKind': { 'shipshape.shipshape': ['web'] } });
  cleanup.push(() => rmSync(dirs.base, { recursive: true, force: true }));
  // Read by the worker through the editor (never opened): it turns a rule off for k8s/.
  writeFileSync(join(dirs.workspace, 'k8s', '.shipshape.yaml'), 'rules:\n  missing-cpu-limit: off\n');
  const server = await startCodeServer(dirs);
  cleanup.unshift(() => server.stop());
  const { runWebExtensionHostTest } = await import(pathToFileURL(join(ROOT, 'test', 'vscode', 'web-extension-host.test.mjs')).href);
  try {
    await runWebExtensionHostTest({ browser, url: workbenchUrl(server, dirs.workspace, [['extensionDevelopmentPath', ROOT]]), resultsDir: RESULTS, log: (m) => console.log(`  browser (web worker host): ${m}`) });
    console.log('  ✔ browser (web worker host): the browser build lints in a web worker, applies a quick fix, shows the Kubeconfig note');
    return true;
  } catch (e) {
    console.log(`  ✗ browser (web worker host): ${e?.stack ?? e}`);
    return false;
  }
}

async function main() {
  const route = process.env.SHIPSHAPE_VSCODE ?? (existsSync(CODE_SERVER) && existsSync(CHROMIUM) ? 'code-server' : 'electron');
  const only = { browser: browserLevel, web: webExtensionHost }[process.env.SHIPSHAPE_VSCODE_ONLY ?? ''];
  if (only) {
    // SHIPSHAPE_VSCODE_ONLY=browser|web: just phase 2 or 3 (no integration suite).
    if (route !== 'code-server') throw new Error('SHIPSHAPE_VSCODE_ONLY needs the code-server route (scripts/install-vscode-test-deps.sh)');
    mkdirSync(RESULTS, { recursive: true });
    run('npm', ['run', '--silent', 'build']);
    const cleanup = [];
    try {
      const browser = await launchBrowser();
      cleanup.unshift(() => browser.close());
      const ok = await only(browser, cleanup);
      console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
      return ok ? 0 : 1;
    } finally {
      for (const c of cleanup) await Promise.resolve().then(c).catch(() => {});
    }
  }
  mkdirSync(RESULTS, { recursive: true });
  for (const f of readdirSync(RESULTS)) if (/^(browser|suite)-.*\.png$/.test(f)) rmSync(join(RESULTS, f)); // no stale screenshots
  await buildAll();
  let passed = 0;
  let failed = 0;
  let activation;
  const cleanup = [];
  try {
    const dirs = prepare();
    cleanup.push(() => rmSync(dirs.base, { recursive: true, force: true }));
    log(`route ${route}; workspace ${dirs.workspace}`);
    let browser;
    if (route === 'code-server') {
      if (!existsSync(CODE_SERVER)) throw new Error(`code-server not found at ${CODE_SERVER}; run scripts/install-vscode-test-deps.sh`);
      browser = await launchBrowser();
      cleanup.unshift(() => browser.close());
    }
    const { code, lines } = route === 'code-server' ? await suiteInCodeServer(dirs, browser) : await suiteInElectron(dirs);
    const result = parseResult(lines);
    if (result) {
      passed += result.passed;
      failed += result.failed;
      activation = result.activationMs;
    }
    if (code !== 0 && (!result || result.failed === 0)) {
      failed += 1; // the suite did not load or did not report
      log(`the suite exited with ${code} without reporting failed tests`);
    }

    // Phases 2 and 3: browser-level tests on fresh workspace copies (code-server only: they need the web UI).
    if (route === 'code-server') {
      for (const phase of [browserLevel, webExtensionHost]) {
        if (await phase(browser, cleanup)) passed += 1;
        else failed += 1;
      }
    } else log('browser-level test skipped on the electron route (it drives the web workbench)');
  } finally {
    for (const c of cleanup) await Promise.resolve().then(c).catch(() => {});
  }
  if (activation !== undefined) log(`extension activation (activate() until the language server is ready): ${activation.toFixed(0)} ms`);
  for (const v of vsixSize()) log(`vsix: ${v}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

const timer = setTimeout(() => {
  console.log(`test:vscode: timed out after ${TIMEOUT_MS / 1000}s`);
  for (const c of children) c.kill('SIGKILL');
  console.log('0 passed, 1 failed');
  process.exit(1);
}, TIMEOUT_MS);
main().then(
  (code) => { clearTimeout(timer); process.exit(code); },
  (e) => { clearTimeout(timer); console.error(e?.stack ?? e); console.log('0 passed, 1 failed'); process.exit(1); },
);
