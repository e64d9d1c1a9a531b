// The lint job: settings per document, kind detection, stale-version guard, and the per-document engine cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, RULE_IDS } from '../../../server/src/engine';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter, documentKind, uriPath } from '../../../server/src/lsp/linting';
import { SettingsStore } from '../../../server/src/lsp/settings';

const POD = (privileged: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: ${privileged}
`;

/** Every rule off except privileged-container, so the test does not depend on the rest of the rule set. */
const ONLY_PRIVILEGED = Object.fromEntries([...RULE_IDS].map((id) => [id, id === 'privileged-container' ? 'error' : 'off']));
const never = { cancelled: false };

function setup(raw: (uri: string) => unknown | Promise<unknown> = () => ({ rules: ONLY_PRIVILEGED })) {
  const docs = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  const settings = new SettingsStore({ fetch: (uri) => Promise.resolve(raw(uri)), warn: () => undefined });
  const caches: DocumentCache[] = [];
  const createCache = () => {
    caches.push(new DocumentCache());
    return caches[caches.length - 1]!;
  };
  const linter = new DocumentLinter({ documents: docs, settings, converter: new DiagnosticConverter('/ext'), publish: (p) => published.push(p), createCache });
  const open = (uri: string, languageId: string, version: number, text: string) => docs.set(uri, TextDocument.create(uri, languageId, version, text));
  return { docs, published, linter, open, caches };
}

test('kind comes from the language id, else from the file name', () => {
  assert.equal(documentKind('file:///w/a.txt', 'yaml', ''), 'yaml');
  assert.equal(documentKind('file:///w/Dockerfile', 'plaintext', ''), 'dockerfile');
  assert.equal(documentKind('untitled:Untitled-1', 'dockerfile', ''), 'dockerfile');
  assert.equal(documentKind('file:///w/notes.txt', 'plaintext', ''), undefined);
  assert.equal(uriPath('file:///w/my%20dir/Containerfile'), '/w/my dir/Containerfile');
});

test('a JSON document is linted as YAML when it holds Kubernetes objects, else not at all', () => {
  const pod = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}';
  assert.equal(documentKind('file:///w/pod.json', 'json', pod), 'yaml');
  assert.equal(documentKind('untitled:Untitled-1', 'json', pod), 'yaml');
  assert.equal(documentKind('file:///w/package.json', 'json', '{"name": "x", "version": "1.0.0"}'), undefined);
  assert.equal(documentKind('file:///w/data.json', 'json', '[{"apiVersion": "v1", "kind": "Pod"}]'), undefined);
  assert.equal(documentKind('file:///w/.vscode/settings.json', 'jsonc', pod), undefined, 'JSON with comments is not a manifest kubectl reads');
  assert.equal(uriPath('not a uri'), 'not a uri');
});

test('publishes the findings of the current version', async () => {
  const { open, linter, published } = setup();
  open('file:///w/pod.yaml', 'yaml', 4, POD(true));
  await linter.run('file:///w/pod.yaml', never);
  assert.equal(published.length, 1);
  assert.equal(published[0]!.version, 4);
  assert.deepEqual(published[0]!.diagnostics.map((d) => [d.code, d.range.start.line]), [['privileged-container', 9]]);
});

test('a document that changed while settings were read is not published', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { open, linter, published } = setup(async () => {
    await gate;
    return { rules: ONLY_PRIVILEGED };
  });
  open('file:///w/pod.yaml', 'yaml', 1, POD(true));
  const run = linter.run('file:///w/pod.yaml', never);
  open('file:///w/pod.yaml', 'yaml', 2, POD(false));
  release();
  await run;
  assert.deepEqual(published, []);
});

test('a cancelled run is not published', async () => {
  const { open, linter, published } = setup();
  open('file:///w/pod.yaml', 'yaml', 1, POD(true));
  await linter.run('file:///w/pod.yaml', { cancelled: true });
  assert.deepEqual(published, []);
});

test('a closed document is not published', async () => {
  const { linter, published } = setup();
  await linter.run('file:///w/gone.yaml', never);
  assert.deepEqual(published, []);
});

test('enable: false publishes an empty set', async () => {
  const { open, linter, published } = setup(() => ({ enable: false }));
  open('file:///w/pod.yaml', 'yaml', 3, POD(true));
  await linter.run('file:///w/pod.yaml', never);
  assert.deepEqual(published, [{ uri: 'file:///w/pod.yaml', version: 3, diagnostics: [] }]);
});

test('unsupported documents get an empty set', async () => {
  const { open, linter, published } = setup();
  open('file:///w/notes.txt', 'plaintext', 1, POD(true));
  await linter.run('file:///w/notes.txt', never);
  assert.deepEqual(published, [{ uri: 'file:///w/notes.txt', version: 1, diagnostics: [] }]);
});

test('an edit re-lints only the YAML document that changed', async () => {
  const { open, linter, published, caches } = setup();
  const docs = Array.from({ length: 5 }, (_, i) => POD(i === 2).replace('name: p', `name: p${i}`));
  open('file:///w/many.yaml', 'yaml', 1, docs.join('---\n'));
  await linter.run('file:///w/many.yaml', never);
  assert.equal(published[0]!.diagnostics.length, 1);
  const edited = [...docs];
  edited[4] = POD(true).replace('name: p', 'name: p4');
  open('file:///w/many.yaml', 'yaml', 2, edited.join('---\n'));
  await linter.run('file:///w/many.yaml', never);
  assert.equal(published[1]!.diagnostics.length, 2);
  assert.equal(caches.length, 1, 'one cache per document, kept across edits');
  assert.equal(caches[0]!.misses, 6, 'five YAML documents on open, one on the edit');
  assert.equal(caches[0]!.hits, 4);
  linter.forget('file:///w/many.yaml');
  await linter.run('file:///w/many.yaml', never);
  assert.equal(caches.length, 2, 'a closed document drops its cache');
});
