// The web worker's reads through the editor (server/src/web/editor-files.ts) and its URI mapping (uri-map.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { EditorFiles, READ_DIRECTORY_REQUEST, READ_FILE_REQUEST } from '../../../server/src/web/editor-files';
import { mapUris, toClientUri, toServerUri } from '../../../server/src/web/uri-map';

test('editor URIs map to file: URIs under one root and back; file: and untitled: pass as they are', () => {
  for (const uri of ['vscode-vfs://github/owner/repo/k8s/app.yaml', 'vscode-remote://127.0.0.1:8080/home/me/x%20y.yaml', 'vscode-test-web://mount/a.yaml', 'vscode-vfs://github/owner/repo']) {
    const server = toServerUri(uri);
    assert.match(server, /^file:\/\/\/\.shipshape-web\//);
    assert.ok(fileURLToPath(server).startsWith('/.shipshape-web/'), server);
    assert.equal(toClientUri(server), uri);
  }
  assert.equal(toServerUri('vscode-vfs://github/owner/repo/a.yaml'), 'file:///.shipshape-web/vscode-vfs/~github/owner/repo/a.yaml');
  assert.equal(toServerUri('vscode-remote://127.0.0.1:8080/a.yaml'), 'file:///.shipshape-web/vscode-remote/~127.0.0.1%3A8080/a.yaml');
  for (const same of ['file:///repo/a.yaml', 'untitled:Untitled-1', 'https://example.com/docs/rules/x.md']) assert.equal(toClientUri(same), same);
  assert.equal(toServerUri('file:///repo/a.yaml'), 'file:///repo/a.yaml');
  assert.equal(toServerUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});

test('mapUris maps the URI fields and WorkspaceEdit keys of a message, never document text', () => {
  const doc = 'vscode-vfs://github/o/r/a.yaml';
  const text = `# see ${doc}\nuri: ${doc}\n`;
  const incoming = mapUris({ method: 'textDocument/didOpen', params: { textDocument: { uri: doc, text } } }, toServerUri);
  assert.deepEqual(incoming, { method: 'textDocument/didOpen', params: { textDocument: { uri: toServerUri(doc), text } } });
  const server = toServerUri(doc);
  const edit = { changes: { [server]: [{ newText: server, range: {} }] }, documentChanges: [{ kind: 'create', uri: server }, { textDocument: { uri: server, version: 1 }, edits: [] }] };
  assert.deepEqual(mapUris({ result: [{ edit, diagnostics: [{ relatedInformation: [{ location: { uri: server } }], codeDescription: { href: 'https://x/docs/rules/a.md' } }] }] }, toClientUri), {
    result: [
      {
        edit: { changes: { [doc]: [{ newText: server, range: {} }] }, documentChanges: [{ kind: 'create', uri: doc }, { textDocument: { uri: doc, version: 1 }, edits: [] }] },
        diagnostics: [{ relatedInformation: [{ location: { uri: doc } }], codeDescription: { href: 'https://x/docs/rules/a.md' } }],
      },
    ],
  });
  // didChangeWatchedFiles' `changes` is an array of events, not a WorkspaceEdit map.
  assert.deepEqual(mapUris({ params: { changes: [{ uri: doc, type: 2 }] } }, toServerUri), { params: { changes: [{ uri: server, type: 2 }] } });
});

/** A client answering from a map of paths (uriOf is the identity here); `calls` counts requests. */
function fakeClient(files: Record<string, string>, dirs: Record<string, { name: string; directory: boolean; file: boolean }[]>) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  return {
    calls,
    release,
    sendRequest: async (method: string, { uri }: { uri: string }) => {
      calls.push(`${method} ${uri}`);
      await gate;
      if (method === READ_FILE_REQUEST) return uri in files ? Buffer.from(files[uri]!, 'utf8').toString('base64') : null;
      if (method === READ_DIRECTORY_REQUEST) return dirs[uri] ?? null;
      throw new Error('unknown');
    },
  };
}

test('a read the cache cannot answer is "not there" until the client answers; then `changed` runs once for the batch', async () => {
  const files = new EditorFiles((p) => p);
  assert.equal(files.readFile('/r/a.yaml'), undefined, 'no client yet: nothing asked');
  const client = fakeClient({ '/r/a.yaml': '\ufeffkind: A\n', '/r/b.yaml': 'kind: B\n' }, { '/r': [{ name: 'a.yaml', directory: false, file: true }, { name: 'sub', directory: true, file: false }] });
  let changed = 0;
  const settled = new Promise<void>((resolve) => files.attach(client, () => (changed++, resolve())));
  assert.equal(files.readFile('/r/a.yaml'), undefined);
  assert.equal(files.readFile('/r/a.yaml'), undefined, 'asked once');
  assert.equal(files.readFile('/r/missing.yaml'), undefined);
  assert.equal(files.readDirectory('/r'), undefined);
  assert.equal(client.calls.length, 3, client.calls.join('; '));
  client.release();
  await settled;
  assert.equal(changed, 1);
  assert.equal(files.readFile('/r/a.yaml'), 'kind: A\n', 'decoded as kubectl decodes files (byte-order mark dropped)');
  assert.equal(files.readFile('/r/missing.yaml'), undefined);
  assert.deepEqual(files.readDirectory('/r'), [{ name: 'a.yaml', directory: false }, { name: 'sub', directory: true }]);
  assert.equal(client.calls.length, 3, 'answers are kept');
  files.forget('/r/a.yaml');
  assert.equal(files.readFile('/r/a.yaml'), undefined, 'asked again after a reported change');
  assert.equal(client.calls.length, 4);
});

test('a listing asks ahead for the kustomization and .shipshape.yaml files in it; failing requests never loop', async () => {
  const files = new EditorFiles((p) => p);
  const client = fakeClient({ '/r/kustomization.yaml': 'resources: []\n' }, { '/r': ['kustomization.yaml', '.shipshape.yaml', 'app.yaml'].map((name) => ({ name, directory: false, file: true })) });
  let changed = 0;
  const settled = new Promise<void>((resolve) => files.attach(client, () => (changed++, resolve())));
  client.release();
  assert.deepEqual((await files.list('/r'))?.map((e) => e.name), ['kustomization.yaml', '.shipshape.yaml', 'app.yaml']);
  await settled;
  assert.deepEqual(client.calls, [`${READ_DIRECTORY_REQUEST} /r`, `${READ_FILE_REQUEST} /r/kustomization.yaml`, `${READ_FILE_REQUEST} /r/.shipshape.yaml`]);
  assert.equal(files.readFile('/r/kustomization.yaml'), 'resources: []\n');

  const broken = new EditorFiles((p) => p);
  let brokenChanged = 0;
  broken.attach({ sendRequest: () => Promise.reject(new Error('unsupported')) }, () => brokenChanged++);
  assert.equal(broken.readFile('/x'), undefined);
  assert.equal(await broken.list('/'), undefined);
  await new Promise((r) => setImmediate(r));
  assert.equal(brokenChanged, 0, 'nothing came in: no re-lint');
  assert.equal(changed, 1);
});
