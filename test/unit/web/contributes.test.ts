// The browser build as package.json, the build and the .vsix declare it: the `browser` entry is a bundle
// scripts/build.mjs makes and the .vsix ships (vscode.dev and github.dev install from the marketplace);
// virtual workspaces are supported (limited); the Kubeconfig explorer's commands and menus are hidden in the
// browser (context key `shipshape.web`, set by client/src/web/extension.ts) and its view shows a note there.
// (The web client bundle's contents and size: test/unit/client/bundle.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBECONFIG_COMMANDS } from '../../../client/src/kubeconfig/commands';
import { webDocumentSelector } from '../../../client/src/language-client-config';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const WEB = 'shipshape.web';

test('package.json `browser` is the web extension bundle, which the build makes and the vsix ships with the worker', async () => {
  assert.equal(pkg.browser, './dist/web/extension.js');
  const build = readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8');
  assert.match(build, /outfile: `\$\{outdir\}\/web\/extension\.js`/);
  assert.match(build, /outfile: `\$\{outdir\}\/web\/server\.js`/);
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
  for (const f of ['dist/web/extension.js', 'dist/web/server.js']) assert.match(ignore, new RegExp(`^!${f.replace(/[./]/g, '\\$&')}$`, 'm'), f);
  assert.doesNotMatch(ignore, /^!dist\/web\/\*/m, 'no source maps');
  const v = (await import(join(ROOT, 'scripts', 'vsix-files.mjs'))) as { ALLOWED: RegExp[] };
  const ships = (rel: string): boolean => v.ALLOWED.some((re) => re.test(rel));
  assert.ok(ships('dist/web/extension.js') && ships('dist/web/server.js'));
  assert.ok(!ships('dist/web/server.js.map'));
  assert.match(readFileSync(join(ROOT, 'scripts', 'package.mjs'), 'utf8'), /'extension\/dist\/web\/server\.js'/);
});

test('virtual workspaces (github.dev) are supported, with what is limited said', () => {
  const v = pkg.capabilities.virtualWorkspaces;
  assert.equal(v.supported, 'limited');
  assert.match(v.description, /Kubeconfig explorer/);
});

test('the Kubeconfig explorer is hidden in the browser: its commands and title menus carry !shipshape.web, its view a note', () => {
  const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
  for (const id of Object.keys(KUBECONFIG_COMMANDS)) {
    const entry = palette.find((m) => m.command === id);
    assert.ok(entry, `${id} has a command palette entry`);
    // reveal and copyServerUrl need a loaded kubeconfig, which the browser never has.
    assert.ok(entry.when.includes(`!${WEB}`) || entry.when === 'shipshape.kubeconfig.state == ok', `${id}: ${entry.when}`);
  }
  for (const m of pkg.contributes.menus['view/title'] as { command: string; when: string }[]) {
    if (m.command.startsWith('shipshape.kubeconfig.')) assert.match(m.when, /&& !shipshape\.web$/, m.command);
  }
  const note = (pkg.contributes.viewsWelcome as { view: string; when: string; contents: string }[]).find((w) => w.when === WEB);
  assert.equal(note?.view, 'shipshape.kubeconfig');
  assert.match(note!.contents, /vscode\.dev, github\.dev/);
  assert.ok(!note!.contents.includes('command:'), 'no button to a command that cannot work there');
  const web = readFileSync(join(ROOT, 'client', 'src', 'web', 'extension.ts'), 'utf8');
  assert.match(web, /setContext', 'shipshape\.web', true/);
});

test('in the browser the client selects the editor\'s virtual file systems, never git: or diff copies', () => {
  const schemes = new Set(webDocumentSelector().map((s) => s.scheme));
  for (const s of ['vscode-vfs', 'file', 'untitled', 'vscode-remote']) assert.ok(schemes.has(s), s);
  assert.ok(!schemes.has('git'));
  assert.ok(webDocumentSelector().some((s) => s.scheme === 'vscode-vfs' && s.language === 'yaml'));
});
