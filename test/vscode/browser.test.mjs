// Browser-level check (run by scripts/test-vscode.mjs after the integration suite, code-server route):
// what a user sees. Opens the workbench, opens an insecure manifest, reads the Problems panel from
// the page, applies a quick fix through Ctrl+., opens the Shipshape view. Screenshots go to
// test-results/ (git-ignored). Every wait is on an element or text of the page, never a fixed delay.
import assert from 'node:assert/strict';
import { join } from 'node:path';

const WAIT = { timeout: 30_000 };

/**
 * Loads the workbench at `url`, opens the fixture's insecure-deployment.yaml through Quick Open and waits for
 * Shipshape's findings in the Problems panel (also used by web-extension-host.test.mjs). Returns the panel's rows.
 */
export async function openInsecureDeployment(page, url, log) {
  await page.goto(url);
  await page.locator('.monaco-workbench .part.editor').waitFor(WAIT);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor(WAIT);
  log('workbench loaded');

  // Open the insecure manifest through Quick Open.
  await page.keyboard.press('Control+p');
  await page.locator('.quick-input-widget input').waitFor(WAIT);
  await page.keyboard.type('insecure-deployment.yaml');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'insecure-deployment.yaml' }).first().waitFor(WAIT);
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: 'insecure-deployment.yaml' }).waitFor(WAIT);
  await page.locator('.monaco-editor .view-line', { hasText: 'privileged: true' }).waitFor(WAIT);

  // The Problems panel lists Shipshape's findings with their rule ids.
  await page.keyboard.press('Control+Shift+m');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.filter({ hasText: 'privileged-container' }).first().waitFor(WAIT);
  const problems = await rows.allInnerTexts();
  log(`Problems panel: ${problems.length} rows, e.g. ${JSON.stringify(problems.find((t) => t.includes('privileged-container')))}`);
  assert.ok(problems.some((t) => t.includes('run-as-root')), 'run-as-root is listed');
  return rows;
}

/** Cursor on `privileged: true`, then Ctrl+. and the privileged-container fix picked with the keyboard; waits for `privileged: false`. */
export async function applyPrivilegedFix(page, log, shot) {
  await page.locator('.monaco-editor .view-line', { hasText: 'privileged: true' }).click();
  await page.keyboard.press('Control+.');
  const items = page.locator('.action-widget .monaco-list-row.action');
  await items.first().waitFor(WAIT);
  const titles = await items.allInnerTexts();
  log(`Ctrl+. offers: ${titles.map((t) => t.trim()).join(' | ')}`);
  await shot('2-quick-fixes');
  const index = titles.findIndex((t) => /privileged/i.test(t) && !/disable|ignore|documentation|harden/i.test(t));
  assert.ok(index >= 0, `a privileged-container fix among: ${titles.join(' | ')}`);
  // Move the keyboard selection to that item and accept it, as a user would (a click is
  // intercepted by the widget's pointer block in headless Chromium).
  const wanted = (await items.nth(index).getAttribute('aria-label')) ?? titles[index].trim();
  for (let i = 0; i < titles.length && (await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')) !== wanted; i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label'), wanted);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: 'privileged: false' }).waitFor(WAIT);
}

export async function runBrowserTest({ browser, url, resultsDir, log }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const shot = (name) => page.screenshot({ path: join(resultsDir, `browser-${name}.png`) });
  try {
    const rows = await openInsecureDeployment(page, url, log);
    await shot('1-problems');

    // Issue 20: Ctrl+. on `securityContext:` (line 18, five findings) lists at most eight entries, and the one it
    // focuses (what Enter applies) is a safe fix of a finding there, never a suggestion.
    await page.locator('.monaco-editor .view-line', { hasText: 'securityContext:' }).click();
    await page.keyboard.press('Home'); // the first character of `securityContext`, inside the findings' range
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row.action');
    await menu.first().waitFor(WAIT);
    const entries = (await menu.allInnerTexts()).map((t) => t.trim());
    const focused = await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label');
    log(`Ctrl+. on securityContext: offers ${entries.length}: ${entries.join(' | ')}; focused: ${focused}`);
    await shot('2a-five-findings-menu');
    assert.ok(entries.length <= 8, `${entries.length} entries`);
    assert.ok(['Drop ALL capabilities', 'Set allowPrivilegeEscalation: false', 'Set seccompProfile type: RuntimeDefault on the pod'].some((t) => (focused ?? '').startsWith(t)), `focused: ${focused}`);
    await page.keyboard.press('Escape');
    await menu.first().waitFor({ ...WAIT, state: 'hidden' });

    // Cursor on `privileged: true` (line 19), then Ctrl+. and pick the privileged-container fix.
    await applyPrivilegedFix(page, log, shot);
    await rows.filter({ hasText: 'run-as-root' }).first().waitFor(WAIT);
    await page.waitForFunction(() => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent?.includes('privileged-container')), undefined, WAIT);
    log('quick fix applied: privileged: false, privileged-container gone from Problems');
    await shot('3-fixed');

    // The Shipshape view container with the Kubeconfig view of the fixture kubeconfig.
    await page.locator('.activitybar .action-item a[aria-label^="Shipshape"], .activitybar .action-item[aria-label^="Shipshape"]').first().click();
    const tree = page.locator('.pane', { hasText: /kubeconfig/i }).locator('.monaco-list-row');
    await tree.filter({ hasText: 'staging' }).first().waitFor(WAIT);
    const contexts = await tree.allInnerTexts();
    log(`Kubeconfig view: ${contexts.map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    assert.ok(contexts.some((t) => /\bdev\b/.test(t)), 'dev context listed');
    await shot('4-shipshape-view');
  } catch (e) {
    await shot('failure').catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
}
