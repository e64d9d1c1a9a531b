// ConfigLoader: the nearest .shipshape.yaml / .shipshape.yml above a file, up to stopDir or the repository
// root; unreadable configs become problems; the cache until invalidate().
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { ConfigLoader, isConfigFile, readIfExists, relativePosix } from '../../../server/src/io/config-loader';

let dir: string;
const put = (rel: string, content: string): void => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
};

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-config-loader-')));
  put('repo/.git/HEAD', 'ref: refs/heads/main\n');
  put('repo/.shipshape.yaml', 'profile: baseline\n');
  put('repo/a/b/pod.yaml', '');
  put('repo/nested/.shipshape.yml', 'profile: restricted\nignorePaths: ["skip/**"]\n');
  put('repo/nested/deep/pod.yaml', '');
  put('repo/nested/skip/pod.yaml', '');
  put('repo/both/.shipshape.yaml', 'rules: { host-network: off }\n');
  put('repo/both/.shipshape.yml', 'rules: { host-pid: off }\n');
  put('repo/sub/.git/HEAD', '');
  put('repo/sub/pod.yaml', '');
  put('outer/.shipshape.yaml', 'profile: baseline\n');
  put('outer/ws/app/pod.yaml', '');
  put('bad/.shipshape.yaml', 'profil: baseline\n');
  put('bad/pod.yaml', '');
  mkdirSync(join(dir, 'dirconf', '.shipshape.yaml'), { recursive: true });
  put('dirconf/pod.yaml', '');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the nearest config wins, the .yml variant counts, and .yaml is preferred in one folder', () => {
  const loader = new ConfigLoader();
  assert.equal(loader.find(join(dir, 'repo/a/b/pod.yaml'))?.path, join(dir, 'repo/.shipshape.yaml'));
  assert.equal(loader.find(join(dir, 'repo/nested/deep/pod.yaml'))?.path, join(dir, 'repo/nested/.shipshape.yml'));
  assert.equal(loader.find(join(dir, 'repo/both/pod.yaml'))?.path, join(dir, 'repo/both/.shipshape.yaml'));
  const r = loader.settingsFor(join(dir, 'repo/a/b/pod.yaml'), DEFAULT_SETTINGS);
  assert.equal(r.settings.profile, 'baseline');
  assert.equal(r.config?.dir, join(dir, 'repo'));
  const nested = loader.settingsFor(join(dir, 'repo/nested/deep/pod.yaml'), { ...DEFAULT_SETTINGS, profile: 'baseline' });
  assert.equal(nested.settings.profile, 'restricted', 'configs do not merge: the nearest replaces its parent');
  assert.equal(loader.settingsFor(join(dir, 'repo/nested/skip/pod.yaml'), DEFAULT_SETTINGS).ignored, true, 'ignorePaths relative to the config folder');
});

test('the search stops at a folder holding .git when no stopDir is given', () => {
  const loader = new ConfigLoader();
  assert.equal(loader.find(join(dir, 'repo/sub/pod.yaml')), undefined, 'repo/sub is its own repository');
  assert.equal(loader.settingsFor(join(dir, 'repo/sub/pod.yaml'), DEFAULT_SETTINGS).settings, DEFAULT_SETTINGS);
});

test('stopDir is respected (inclusive), and without it the search goes up', () => {
  const loader = new ConfigLoader();
  const file = join(dir, 'outer/ws/app/pod.yaml');
  assert.equal(loader.find(file, join(dir, 'outer/ws')), undefined);
  assert.equal(loader.find(file, join(dir, 'outer'))?.path, join(dir, 'outer/.shipshape.yaml'));
  assert.equal(new ConfigLoader().find(file)?.path, join(dir, 'outer/.shipshape.yaml'));
  // A stopDir the file is not under does not make the search climb without end.
  assert.equal(new ConfigLoader().find(file, join(dir, 'repo')), undefined);
});

test('an invalid config is returned with its problems and not applied', () => {
  const r = new ConfigLoader().settingsFor(join(dir, 'bad/pod.yaml'), DEFAULT_SETTINGS);
  assert.equal(r.settings, DEFAULT_SETTINGS);
  assert.equal(r.config?.parsed.config, undefined);
  assert.match(r.config!.parsed.problems[0]!.message, /unknown key "profil"/);
});

test('a config path that is a folder becomes a problem, never a throw', () => {
  const c = new ConfigLoader().load(join(dir, 'dirconf/.shipshape.yaml'));
  assert.ok(c);
  assert.deepEqual(c.parsed.problems.map((p) => p.message), ['cannot read the configuration: is a directory']);
  const r = new ConfigLoader().settingsFor(join(dir, 'dirconf/pod.yaml'), DEFAULT_SETTINGS);
  assert.equal(r.config?.path, join(dir, 'dirconf/.shipshape.yaml'));
  assert.equal(r.settings, DEFAULT_SETTINGS);
});

test('an unreadable config becomes a problem', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
  put('locked/.shipshape.yaml', 'profile: baseline\n');
  chmodSync(join(dir, 'locked/.shipshape.yaml'), 0);
  try {
    const c = new ConfigLoader().load(join(dir, 'locked/.shipshape.yaml'));
    assert.deepEqual(c?.parsed.problems.map((p) => p.message), ['cannot read the configuration: permission denied']);
  } finally {
    chmodSync(join(dir, 'locked/.shipshape.yaml'), 0o644);
  }
});

test('an injected reader: permission errors become problems (as when not root)', () => {
  const loader = new ConfigLoader((p) => {
    if (p.endsWith('.shipshape.yaml')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return undefined;
  });
  assert.deepEqual(loader.load('/x/.shipshape.yaml')?.parsed.problems.map((p) => p.message), ['cannot read the configuration: permission denied']);
  assert.equal(loader.load('/x/.shipshape.yml'), undefined);
});

test('lookups are cached until invalidate()', () => {
  const reads: string[] = [];
  const files = new Map<string, string>([['/w/.shipshape.yaml', 'profile: baseline\n']]);
  const loader = new ConfigLoader((p) => {
    reads.push(p);
    return files.get(p);
  });
  assert.equal(loader.settingsFor('/w/a/b/pod.yaml', DEFAULT_SETTINGS, { stopDir: '/w' }).settings.profile, 'baseline');
  const n = reads.length;
  assert.equal(loader.settingsFor('/w/a/b/other.yaml', DEFAULT_SETTINGS, { stopDir: '/w' }).settings.profile, 'baseline');
  assert.equal(loader.find('/w/a/pod.yaml', '/w')?.path, '/w/.shipshape.yaml');
  assert.equal(reads.length, n, 'no reads for folders already looked up');
  // Changes on disk are not seen until invalidate().
  files.set('/w/.shipshape.yaml', 'profile: restricted\n');
  files.set('/w/a/.shipshape.yml', 'profile: baseline\nallowInlineSuppressions: false\n');
  assert.equal(loader.settingsFor('/w/a/b/pod.yaml', DEFAULT_SETTINGS, { stopDir: '/w' }).settings.profile, 'baseline');
  loader.invalidate();
  const r = loader.settingsFor('/w/a/b/pod.yaml', DEFAULT_SETTINGS, { stopDir: '/w' });
  assert.equal(r.config?.path, '/w/a/.shipshape.yml');
  assert.equal(r.settings.allowInlineSuppressions, false);
  files.delete('/w/a/.shipshape.yml');
  loader.invalidate();
  assert.equal(loader.settingsFor('/w/a/b/pod.yaml', DEFAULT_SETTINGS, { stopDir: '/w' }).settings.profile, 'restricted');
  files.clear();
  loader.invalidate();
  assert.equal(loader.find('/w/a/b/pod.yaml', '/w'), undefined);
});

test('an explicit config is used instead of the nearest one', () => {
  const r = new ConfigLoader().settingsFor(join(dir, 'repo/nested/deep/pod.yaml'), DEFAULT_SETTINGS, { explicit: join(dir, 'outer/.shipshape.yaml') });
  assert.equal(r.config?.path, join(dir, 'outer/.shipshape.yaml'));
  assert.equal(r.settings.profile, 'baseline');
});

test('helpers: isConfigFile, readIfExists, relativePosix', () => {
  assert.ok(isConfigFile('.shipshape.yaml'));
  assert.ok(isConfigFile('/a/b/.shipshape.yml'));
  assert.ok(!isConfigFile('/a/shipshape.yaml'));
  assert.ok(!isConfigFile('/a/.shipshape.yaml.bak'));
  assert.equal(readIfExists(join(dir, 'nope.yaml')), undefined);
  assert.equal(readIfExists(join(dir, 'repo/.shipshape.yaml', 'below')), undefined, 'ENOTDIR counts as missing');
  assert.equal(relativePosix('/w', '/w/a/b.yaml'), 'a/b.yaml');
});

test('readIfExists decodes a byte-order mark (UTF-8, UTF-16) and refuses bytes that do not decode (the editor and the CLI read configs through it)', () => {
  const path = join(dir, 'enc', '.shipshape.yaml');
  mkdirSync(dirname(path), { recursive: true });
  const text = 'profile: baseline # ✓\n';
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  assert.equal(readIfExists(path), text);
  writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  assert.equal(readIfExists(path), text);
  const loader = new ConfigLoader();
  assert.equal(loader.settingsFor(join(dir, 'enc', 'pod.yaml'), DEFAULT_SETTINGS).settings.profile, 'baseline');
  writeFileSync(path, Buffer.from('profile: baseline # d\xe9j\xe0\n', 'latin1'));
  assert.throws(() => readIfExists(path), /^Error: not valid UTF-8; save it as UTF-8$/);
  loader.invalidate();
  assert.deepEqual(loader.load(path)?.parsed.problems.map((p) => p.message), ['cannot read the configuration: not valid UTF-8; save it as UTF-8']);
});
