// The extension in VS Code's web worker extension host (what vscode.dev and github.dev run), checked in
// code-server (run by scripts/test-vscode.mjs, code-server route; `SHIPSHAPE_VSCODE_ONLY=web` runs just this).
// code-server normally runs extensions in its Node extension host; the user setting
// `remote.extensionKind: { "shipshape.shipshape": ["web"] }` (scripts/test-vscode.mjs) moves Shipshape to the
// browser's web worker host, where package.json `browser` (dist/web/extension.js) starts the language server
// in a web worker (dist/web/server.js). Checks: the Problems panel lists the worker's diagnostics, a
// .shipshape.yaml the worker reads through the editor applies, Running
// Extensions says "web worker", Ctrl+. applies a fix, and the Kubeconfig view shows its browser note.
// Every wait is on an element or text of the page, never a fixed delay.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyPrivilegedFix, openInsecureDeployment } from './browser.test.mjs';

const WAIT = { timeout: 60_000 };

export async function runWebExtensionHostTest({ browser, url, resultsDir, log }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const shot = (name) => page.screenshot({ path: join(resultsDir, `browser-web-${name}.png`) });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /shipshape/i.test(m.text())) errors.push(m.text());
  });
  try {
    await openInsecureDeployment(page, url, log);
    // k8s/.shipshape.yaml (written by scripts/test-vscode.mjs, not open) turns missing-cpu-limit off once the worker has read it.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent ?? '');
      return rows.some((t) => t.includes('run-as-root')) && !rows.some((t) => t.includes('missing-cpu-limit'));
    }, undefined, WAIT);
    log('k8s/.shipshape.yaml, read through the editor, applies: no missing-cpu-limit');

    await page.keyboard.press('Control+Shift+p');
    await page.locator('.quick-input-widget input').waitFor(WAIT);
    await page.keyboard.type('Show Running Extensions');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor(WAIT);
    await page.keyboard.press('Enter');
    const shipshape = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /shipshape/i });
    await shipshape.first().waitFor(WAIT);
    const where = (await shipshape.first().innerText()).replace(/\s+/g, ' ').trim();
    log(`Running Extensions: ${where}`);
    assert.match(where, /web worker/i, 'Shipshape runs in the web worker extension host');
    await shot('1-running');
    await page.keyboard.press('Control+w');

    // A fix through Ctrl+., computed by the worker.
    await applyPrivilegedFix(page, log, shot);
    log('quick fix applied in the editor: privileged: false');

    // The Kubeconfig view: the note instead of the explorer.
    await page.locator('.activitybar .action-item a[aria-label^="Shipshape"], .activitybar .action-item[aria-label^="Shipshape"]').first().click();
    const note = page.locator('.pane', { hasText: /kubeconfig/i }).locator('.welcome-view-content');
    await note.filter({ hasText: 'cannot open from the browser' }).first().waitFor(WAIT);
    log(`Kubeconfig view: ${(await note.first().innerText()).replace(/\s+/g, ' ').trim()}`);
    await shot('3-kubeconfig-note');
    assert.deepEqual(errors, [], 'no Shipshape error in the browser console');
  } catch (e) {
    await shot('failure').catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
}
