// Atomic, checked writes of user files, and the kubeconfig writes built on them (where kubectl writes, modes kept, concurrent changes refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrentModificationError, readForEdit, writeAtomic, writeNewFile } from '../../../shared/io/atomic-write';
import { KubeconfigError, loadKubeconfig, setNamespace, useContext } from '../../../server/src/cli/kubeconfig-io';

const posix = process.platform !== 'win32';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-kc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const CONFIG = '# my clusters\r\napiVersion: v1\r\nkind: Config\r\ncontexts:\r\n- name: a   # first\r\n  context: {cluster: c, user: u}\r\n- name: b\r\n  context:\r\n    cluster: c\r\n    user: u\r\nclusters:\r\n- name: c\r\n  cluster: {server: "https://c.example.com"}\r\nusers:\r\n- name: u\r\n  user: {token: do-not-print}\r\ncurrent-context: a\r\n';

test('writeAtomic replaces the content, keeps the mode and leaves no temporary file', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'config');
  writeFileSync(file, 'old\n');
  if (posix) chmodSync(file, 0o640);
  const { text, stamp } = readForEdit(file);
  assert.equal(text, 'old\n');
  writeAtomic(file, 'new\n', stamp);
  assert.equal(readFileSync(file, 'utf8'), 'new\n');
  if (posix) assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['config']);
});

test('writeAtomic refuses when the file changed since it was read, and leaves it untouched', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'config');
  writeFileSync(file, 'v1\n');
  const { stamp } = readForEdit(file);
  writeFileSync(file, 'v2 by someone else\n');
  assert.throws(() => writeAtomic(file, 'mine\n', stamp), (e: unknown) => e instanceof ConcurrentModificationError && /changed on disk/.test(e.message));
  assert.equal(readFileSync(file, 'utf8'), 'v2 by someone else\n');
  assert.deepEqual(readdirSync(dir), ['config']);
  rmSync(file);
  assert.throws(() => writeAtomic(file, 'mine\n', stamp), ConcurrentModificationError, 'deleted meanwhile');
});

test('writeAtomic follows a symbolic link and replaces its target', { skip: !posix }, (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'real');
  const link = join(dir, 'link');
  writeFileSync(target, 'x\n');
  symlinkSync(target, link);
  const { stamp } = readForEdit(link);
  writeAtomic(link, 'y\n', stamp);
  assert.equal(readFileSync(target, 'utf8'), 'y\n');
  assert.ok(statSync(link).isFile());
});

test('writeNewFile creates the folder and a 0600 file, and refuses an existing one', (t) => {
  const dir = tempDir(t);
  const file = join(dir, '.kube', 'config');
  writeNewFile(file, 'a\n');
  assert.equal(readFileSync(file, 'utf8'), 'a\n');
  if (posix) assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.throws(() => writeNewFile(file, 'b\n'), ConcurrentModificationError);
});

test('use-context writes current-context to the first existing KUBECONFIG file, byte for byte elsewhere, mode kept', (t) => {
  const dir = tempDir(t);
  const first = join(dir, 'first');
  const second = join(dir, 'second');
  writeFileSync(first, '# only preferences here\napiVersion: v1\nkind: Config\npreferences: {}\n');
  writeFileSync(second, CONFIG);
  if (posix) chmodSync(first, 0o600);
  const env = { KUBECONFIG: [join(dir, 'missing'), first, second].join(':') };
  const loaded = loadKubeconfig({ env, cwd: dir });
  assert.equal(loaded.model.currentContext, 'a');
  assert.equal(useContext(loaded, 'b'), first);
  assert.equal(readFileSync(first, 'utf8'), '# only preferences here\napiVersion: v1\ncurrent-context: b\nkind: Config\npreferences: {}\n', 'in sorted place, as kubectl writes keys');
  assert.equal(readFileSync(second, 'utf8'), CONFIG, 'the file defining the context is not touched');
  if (posix) assert.equal(statSync(first).mode & 0o777, 0o600);
  assert.equal(loadKubeconfig({ env, cwd: dir }).model.currentContext, 'b');
  assert.throws(() => useContext(loadKubeconfig({ env, cwd: dir }), 'zz'), (e: unknown) => e instanceof KubeconfigError && /no context named "zz"/.test(e.message));
});

test('set-namespace writes to the file defining the context; CRLF and comments kept; concurrent change refused', (t) => {
  const dir = tempDir(t);
  const first = join(dir, 'first');
  const second = join(dir, 'second');
  writeFileSync(first, 'apiVersion: v1\nkind: Config\ncurrent-context: b\n');
  writeFileSync(second, CONFIG);
  const env = { KUBECONFIG: `${first}:${second}` };
  const loaded = loadKubeconfig({ env });
  assert.deepEqual(setNamespace(loaded, 'web'), { context: 'b', file: second });
  assert.equal(readFileSync(second, 'utf8'), CONFIG.replace('    user: u\r\n', '    namespace: web\r\n    user: u\r\n'));
  assert.equal(readFileSync(first, 'utf8'), 'apiVersion: v1\nkind: Config\ncurrent-context: b\n');
  const stale = loadKubeconfig({ env });
  const edited = readFileSync(second, 'utf8').replace('# my clusters', '# edited meanwhile');
  writeFileSync(second, edited);
  assert.throws(() => setNamespace(stale, 'api', 'a'), (e: unknown) => e instanceof KubeconfigError && /changed on disk since it was read/.test(e.message));
  assert.equal(readFileSync(second, 'utf8'), edited);
});

test('loading: first existing file is the default; missing home config is empty; a malformed file is never written', (t) => {
  const dir = tempDir(t);
  const defs = join(dir, 'defs');
  writeFileSync(defs, CONFIG);
  const absent = join(dir, 'new', 'config');
  assert.equal(loadKubeconfig({ env: { KUBECONFIG: `${absent}:${defs}` } }).location.defaultFile, defs);
  assert.equal(loadKubeconfig({ env: { KUBECONFIG: absent } }).location.defaultFile, absent);
  const home = join(dir, 'home');
  const lone = loadKubeconfig({ env: {}, homedir: home });
  assert.equal(lone.location.defaultFile, join(home, '.kube', 'config'));
  assert.deepEqual(lone.model.contexts, []);
  assert.throws(() => useContext(lone, 'a'), KubeconfigError, 'no file, no context');
  assert.equal(loadKubeconfig({ explicit: defs, env: { KUBECONFIG: absent } }).model.contexts.length, 2, 'explicit file wins over KUBECONFIG');
  const bad = join(dir, 'bad');
  writeFileSync(bad, 'apiVersion: v1\nkind: Config\ncontexts: [\n');
  const withBad = loadKubeconfig({ env: { KUBECONFIG: `${bad}:${defs}` } });
  assert.equal(withBad.model.files[0]!.status, 'malformed');
  assert.equal(withBad.model.contexts.length, 2, 'the other file still loads');
  assert.throws(() => useContext(withBad, 'a'), (e: unknown) => e instanceof KubeconfigError && /does not parse/.test(e.message));
  assert.equal(readFileSync(bad, 'utf8'), 'apiVersion: v1\nkind: Config\ncontexts: [\n');
});
