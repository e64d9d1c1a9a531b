// The web worker's host (server/src/web/host.ts): reads files only through the client, and links rule pages under the extension's URI,
// which the client sends (VS Code starts extension workers from a blob) or the worker's own URL gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webHost } from '../../../server/src/web/host';

test('rule pages: under the extensionUri the client sends, else next to the worker script, else a relative path', () => {
  const fromScript = webHost('https://cdn.example/ext/1.0/dist/web/server.js');
  assert.equal(fromScript.ruleDocUri('host-ports'), 'https://cdn.example/ext/1.0/docs/rules/host-ports.md');

  const blob = webHost('blob:https://vscode.dev/0b1c-22');
  assert.equal(blob.ruleDocUri('host-ports'), 'docs/rules/host-ports.md');
  blob.initialize?.({ workspaceTrusted: true, extensionUri: 'vscode-remote://127.0.0.1:8080/home/me/.local/share/code-server/extensions/shipshape' });
  assert.equal(blob.ruleDocUri('host-ports'), 'vscode-remote://127.0.0.1:8080/home/me/.local/share/code-server/extensions/shipshape/docs/rules/host-ports.md');

  const other = webHost('blob:https://vscode.dev/0b1c-22');
  other.initialize?.({ extensionUri: 42 });
  other.initialize?.(undefined);
  assert.equal(other.ruleDocUri('run-as-root'), 'docs/rules/run-as-root.md');
});

test('before the client is attached the web host reads nothing; it offers no environment or memory hooks', async () => {
  const host = webHost('https://cdn.example/ext/dist/web/server.js');
  assert.equal(host.readConfig('/repo/.shipshape.yaml'), undefined);
  assert.equal(host.files.readFile('/repo/kustomization.yaml'), undefined);
  assert.equal(host.files.readDirectory('/repo'), undefined);
  assert.equal(await host.files.list('/repo'), undefined);
  assert.equal(host.env('SHIPSHAPE_TEST_FAULT'), undefined);
  assert.equal(host.memory(), undefined);
  assert.equal(host.runtime, 'web worker');
});
