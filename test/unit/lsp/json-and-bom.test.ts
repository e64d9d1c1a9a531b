// Protocol test (issue 16): the bundled server lints JSON documents that hold Kubernetes objects, with no action that
// would break the JSON, stays silent on any other JSON, and reads a text that starts with a byte-order mark (a client
// that leaves it in) at the right positions.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { assertServerBuilt, LspServer } from './lsp-harness';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] },
};
const POD_YAML = `# shipshape-disable-next-line host-pid -- the node agent
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

describe('JSON documents and byte-order marks over stdio', () => {
  let server: LspServer;
  const open = async (uri: string, languageId: string, text: string, version = 1) => {
    const published = server.published(uri, `diagnostics of ${uri}`);
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return (await published).diagnostics;
  };
  const actions = (uri: string, diagnostics: Diagnostic[], only?: string[]) =>
    server.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;

  before(async () => {
    assertServerBuilt();
    server = new LspServer();
    server.settings = {};
    await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true } } },
    });
    await server.conn.sendNotification(InitializedNotification.type, {});
  });
  after(() => server?.kill());

  it('lints a JSON pod (the reproduction of issue 16) and offers no edit that would break the JSON', async () => {
    const uri = 'file:///workspace/pod.json';
    const text = JSON.stringify(POD, null, 2);
    const diagnostics = await open(uri, 'json', text);
    const d = diagnostics.find((x) => x.code === 'privileged-container');
    assert.ok(d, JSON.stringify(diagnostics.map((x) => x.code)));
    assert.deepEqual(d.range, { start: { line: 12, character: 10 }, end: { line: 12, character: 28 } });
    for (const diagnostic of diagnostics) {
      const list = await actions(uri, [diagnostic]);
      assert.deepEqual(list.map((a) => a.title), [`Show documentation for ${diagnostic.code}`], String(diagnostic.code));
    }
    assert.deepEqual(await actions(uri, [], ['source.fixAll.shipshape']), []);
    // A one-line JSON pod, where the YAML edit builders could insert text: no edit either.
    const oneLine = await open('file:///workspace/pod-min.json', 'json', JSON.stringify(POD));
    for (const diagnostic of oneLine) {
      const list = await actions('file:///workspace/pod-min.json', [diagnostic]);
      assert.ok(list.every((a) => a.edit === undefined), JSON.stringify(list.map((a) => a.title)));
    }
  });

  it('stays silent on other JSON, and starts linting a JSON document once it holds an object', async () => {
    assert.deepEqual(await open('file:///workspace/package.json', 'json', '{\n  "name": "x",\n  "version": "1.0.0"\n}\n'), []);
    assert.deepEqual(await open('file:///workspace/data.json', 'json', JSON.stringify([POD])), []);
    const uri = 'file:///workspace/new.json';
    assert.deepEqual(await open(uri, 'json', '{}'), []);
    const published = server.published(uri, 'after the edit');
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: JSON.stringify(POD) }] });
    assert.ok((await published).diagnostics.some((x) => x.code === 'privileged-container'));
  });

  it('reads a text that starts with a byte-order mark: the first line counts it, a directive there works', async () => {
    const plain = await open('file:///workspace/plain.yaml', 'yaml', POD_YAML);
    const marked = await open('file:///workspace/marked.yaml', 'yaml', '\ufeff' + POD_YAML);
    const shape = (ds: Diagnostic[]) => ds.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]);
    const expected = shape(plain).map(([code, sl, sc, el, ec]) => [code, sl, sl === 0 ? (sc as number) + 1 : sc, el, el === 0 ? (ec as number) + 1 : ec]);
    assert.deepEqual(shape(marked), expected);
    assert.ok(shape(marked).some(([code]) => code === 'unused-suppression'), 'the directive on the first line is read');
    const p = shape(marked).find(([code]) => code === 'privileged-container');
    assert.deepEqual(p, ['privileged-container', 10, 8, 10, 24]);
  });
});
