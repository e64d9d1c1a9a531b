// shared/io/kubeconfig-files.ts, driven the way the VS Code explorer drives it (issue 17): the files are
// read here, the model and the edit come from elsewhere (the language server; here the engine called
// directly), and the write goes back through the shared layer: minimal, encoding kept, atomic, refused
// when the file changed on disk since it was read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeconfigError, readKubeconfigFiles, setNamespaceTarget, useContextTarget, writeEdit, type LoadedKubeconfig } from '../../../shared/io/kubeconfig-files';
import { mergeKubeconfigs, setContextNamespace, setCurrentContext } from '../../../server/src/engine/kubeconfig';

const CONFIG = '\uFEFF# kubeconfig with a byte order mark and CRLF\r\napiVersion: v1\r\nkind: Config\r\ncurrent-context: a # mine\r\ncontexts:\r\n- name: a\r\n  context: {cluster: c, user: u}\r\n- name: b\r\n  context:\r\n    cluster: c\r\n    user: u\r\n';

/** Runs `fn` with the path of a fresh kubeconfig file holding CONFIG. */
function withConfig(fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-shared-files-'));
  try {
    const path = join(dir, 'config');
    writeFileSync(path, CONFIG);
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function load(path: string): LoadedKubeconfig {
  const files = readKubeconfigFiles({ explicit: path, env: {} });
  // The explorer asks the server for the model; its JSON is plain data like this.
  return { ...files, model: JSON.parse(JSON.stringify(mergeKubeconfigs(files.inputs))) };
}

test('an edit computed elsewhere is written minimally, keeping the byte order mark and CRLF', () => {
  withConfig((path) => {
    const loaded = load(path);
    assert.deepEqual(loaded.model.contexts.map((c) => c.name), ['a', 'b']);
    const use = useContextTarget(loaded, 'b');
    assert.deepEqual(use, { file: path, text: CONFIG });
    writeEdit(loaded, use.file, setCurrentContext(use.text, 'b'));
    assert.equal(readFileSync(path, 'utf8'), CONFIG.replace('current-context: a # mine', 'current-context: b # mine'));
    assert.ok(readFileSync(path).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'the byte order mark stays');

    const again = load(path);
    const ns = setNamespaceTarget(again, 'b');
    assert.equal(ns.context, 'b');
    writeEdit(again, ns.file, setContextNamespace(ns.text, ns.context, 'web'));
    assert.equal(readFileSync(path, 'utf8'), CONFIG.replace('current-context: a # mine', 'current-context: b # mine').replace(/    user: u\r\n$/, '    namespace: web\r\n    user: u\r\n'));
  });
});

test('a file changed on disk since it was read is not overwritten', () => {
  withConfig((path) => {
    const loaded = load(path);
    const { file, text } = useContextTarget(loaded, 'b');
    const edit = setCurrentContext(text, 'b'); // meanwhile (the round trip to the server), kubectl writes the file
    writeFileSync(path, CONFIG.replace('name: b', 'name: bb'));
    assert.throws(() => writeEdit(loaded, file, edit), (e: unknown) => e instanceof KubeconfigError && /changed on disk since it was read/.test(e.message));
    assert.equal(readFileSync(path, 'utf8'), CONFIG.replace('name: b', 'name: bb'));
  });
});

test('refusals: unknown context, malformed file, a refused edit', () => {
  withConfig((path) => {
    const loaded = load(path);
    assert.throws(() => useContextTarget(loaded, 'zz'), /no context named "zz" in .*; contexts: a, b/);
    assert.throws(() => writeEdit(loaded, path, { ok: false, error: 'its value is a block scalar; edit it by hand' }), /config: its value is a block scalar/);
    assert.equal(readFileSync(path, 'utf8'), CONFIG);
    writeFileSync(path, 'contexts: [\n');
    const broken = load(path);
    assert.throws(() => setNamespaceTarget(broken, 'a'), (e: unknown) => e instanceof KubeconfigError);
    assert.throws(() => useContextTarget({ ...broken, model: { ...broken.model, contexts: loaded.model.contexts } }, 'a'), /does not parse .*nothing was written/);
  });
});
