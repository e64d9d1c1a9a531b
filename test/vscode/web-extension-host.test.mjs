// The extension in VS Code's web worker extension host (what vscode.dev and github.dev run), checked in
// code-server (run by scripts/test-vscode.mjs, code-server route; `SHIPSHAPE_VSCODE_ONLY=web` runs just this).
// code-server normally runs extensions in its Node extension host; the user setting
// `remote.extensionKind: { "shipshape.shipshape": ["web"] }` (scripts/test-vscode.mjs) moves Shipshape to the
// browser's web worker host, where package.json `browser` (dist/web/extension.js) starts the language server
// in a web worker (dist/web/server.js). Checks: Running Extensions says "web worker", the Problems panel lists
// the worker's diagnostics, Ctrl+. applies a fix, and the Kubeconfig view shows its browser note.
// Every wait is on an element or text of the page, never a fixed delay.
import assert from 'node:assert/strict';
import { join } from 'node:path';

const WAIT = { timeout: 60_000 };

async function command(page, title) {
  await page.keyboard.press('Control+Shift+p');
  await page.locator('.quick-input-widget input').waitFor(WAIT);
  await page.keyboard.type(title);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor(WAIT);
  await page.keyboard.press('Enter');
}

export async function runWebExtensionHostTest({ browser, url, resultsDir, log }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const shot = (name) => page.screenshot({ path: join(resultsDir, `browser-web-${name}.png`) });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /shipshape/i.test(m.text())) errors.push(m.text());
  });
  try {
    await page.goto(url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor(WAIT);
    await page.keyboard.press('Control+p');
    await page.locator('.quick-input-widget input').waitFor(WAIT);
    await page.keyboard.type('insecure-deployment.yaml');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'insecure-deployment.yaml' }).first().waitFor(WAIT);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'privileged: true' }).waitFor(WAIT);

    await page.keyboard.press('Control+Shift+m');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'privileged-container' }).first().waitFor(WAIT);
    const problems = await rows.allInnerTexts();
    log(`Problems panel: ${problems.length} rows, e.g. ${JSON.stringify(problems.find((t) => t.includes('privileged-container')))}`);
    assert.ok(problems.some((t) => t.includes('run-as-root')), 'run-as-root is listed');

    await command(page, 'Show Running Extensions');
    const shipshape = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Shipshape' });
    await shipshape.first().waitFor(WAIT);
    const where = (await shipshape.first().innerText()).replace(/\s+/g, ' ').trim();
    log(`Running Extensions: ${where}`);
    assert.match(where, /web worker/i, 'Shipshape runs in the web worker extension host');
    await shot('1-running');
    await page.keyboard.press('Control+w');

    // A safe fix through Ctrl+., computed by the worker.
    await page.locator('.monaco-editor .view-line', { hasText: 'privileged: true' }).click();
    await page.keyboard.press('Control+.');
    const items = page.locator('.action-widget .monaco-list-row.action');
    await items.first().waitFor(WAIT);
    const titles = (await items.allInnerTexts()).map((t) => t.trim());
    log(`Ctrl+. offers: ${titles.join(' | ')}`);
    const index = titles.findIndex((t) => /privileged/i.test(t) && !/disable|ignore|documentation|harden/i.test(t));
    assert.ok(index >= 0, `a privileged-container fix among: ${titles.join(' | ')}`);
    const wanted = (await items.nth(index).getAttribute('aria-label')) ?? titles[index];
    for (let i = 0; i < titles.length && (await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')) !== wanted; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'privileged: false' }).waitFor(WAIT);
    log('quick fix applied in the editor: privileged: false');
    await shot('2-fixed');

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
