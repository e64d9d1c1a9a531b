// The VS Code client starts the server over node IPC (--node-ipc): the same server must speak it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { assertServerBuilt, LspServer } from './lsp-harness';

test('diagnostics over node IPC', async (t) => {
  assertServerBuilt();
  const server = new LspServer('ipc');
  t.after(() => server.kill());
  // A client without workspace/configuration support: the server uses its defaults.
  const init = await server.conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
  assert.equal(init.serverInfo?.name, 'shipshape');
  await server.conn.sendNotification(InitializedNotification.type, {});
  const uri = 'untitled:Untitled-1';
  const published = server.published(uri, 'diagnostics over IPC');
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n';
  await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 5, text } });
  const p = await published;
  assert.equal(p.version, 5);
  assert.ok(p.diagnostics.some((d) => d.code === 'privileged-container' && d.range.start.line === 9), JSON.stringify(p.diagnostics));
  assert.equal(server.configRequests.all.length, 0, 'no configuration requests to a client that does not support them');
  await server.conn.sendRequest(ShutdownRequest.type);
  await server.conn.sendNotification(ExitNotification.type);
  assert.equal(await server.exited, 0);
});
