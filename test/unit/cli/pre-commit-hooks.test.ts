// .pre-commit-hooks.yaml (issue 23): the shape pre-commit reads, file patterns that pick
// Kubernetes YAML, compose files and Dockerfiles, and entries that run as pre-commit runs a
// `language: script` hook (the entry file executed from the repository, staged files appended).
// The real pre-commit run is scripts/check-pre-commit.mjs (it needs the pre-commit tool).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers';

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'shipshape-pre-commit-hooks-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// pre-commit's manifest schema: required id, name, entry, language; these optional keys.
const KEYS = new Set(['id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'minimum_pre_commit_version', 'require_serial', 'stages', 'verbose']);

test('two hooks, shipshape and shipshape-fix, of the manifest shape pre-commit reads', () => {
  assert.ok(Array.isArray(hooks));
  assert.deepEqual(hooks.map((h: any) => h.id), ['shipshape', 'shipshape-fix']);
  for (const h of hooks) {
    for (const key of ['id', 'name', 'entry', 'language']) assert.equal(typeof h[key], 'string', `${h.id}: ${key}`);
    for (const key of Object.keys(h)) assert.ok(KEYS.has(key), `${h.id}: unknown key ${key}`);
    // script: run from pre-commit's clone of this repository, nothing installed (works offline).
    assert.equal(h.language, 'script');
    assert.match(h.entry, /^action\/dist\/index\.js scan /);
    assert.notEqual(h.pass_filenames, false, 'the staged files are passed');
  }
  assert.ok(!hooks[0].entry.includes('--fix'));
  assert.match(hooks[1].entry, / --fix(?: |$)/);
  const mode = spawnSync('git', ['ls-files', '-s', 'action/dist/index.js'], { cwd: ROOT, encoding: 'utf8' }).stdout;
  assert.match(mode, /^100755 /, 'the entry is committed executable (a script hook is executed directly)');
});

test('the file patterns pick manifests, compose files and Dockerfiles', () => {
  for (const h of hooks) {
    const files = new RegExp(h.files);
    const exclude = new RegExp(h.exclude);
    const picked = (p: string) => files.test(p) && !exclude.test(p);
    for (const p of ['deploy.yaml', 'k8s/app/pod.yml', 'compose.yaml', 'docker-compose.override.yml', 'Dockerfile', 'app/Dockerfile.prod', 'build.Dockerfile', 'Containerfile', 'svc/Containerfile']) assert.ok(picked(p), `${h.id} picks ${p}`);
    for (const p of ['README.md', 'main.go', 'Dockerfile.md/x.txt', '.pre-commit-config.yaml', 'sub/.pre-commit-hooks.yaml', 'package.json', 'NotADockerfilex']) assert.ok(!picked(p), `${h.id} leaves ${p}`);
  }
});

function runEntry(entry: string, files: string[]) {
  const [script, ...args] = entry.split(' ');
  return spawnSync(join(ROOT, script!), [...args, ...files], { cwd: tmp, encoding: 'utf8' });
}

test('the shipshape hook entry fails on an insecure manifest and passes a hardened one', () => {
  copyFileSync(join(ROOT, 'examples', 'insecure', 'deployment.yaml'), join(tmp, 'bad.yaml'));
  copyFileSync(join(ROOT, 'examples', 'hardened', 'deployment.yaml'), join(tmp, 'good.yaml'));
  const bad = runEntry(hooks[0].entry, ['bad.yaml', 'good.yaml']);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^bad\.yaml:\d+:\d+ error dangerous-capabilities /m);
  assert.ok(!bad.stdout.includes('good.yaml:'));
  const good = runEntry(hooks[0].entry, ['good.yaml']);
  assert.equal(good.status, 0, good.stdout + good.stderr);
});

test('the shipshape-fix hook entry adds missing hardening to the file and fails while findings remain', () => {
  copyFileSync(join(ROOT, 'examples', 'insecure', 'pod.yaml'), join(tmp, 'pod.yaml'));
  const before = readFileSync(join(tmp, 'pod.yaml'), 'utf8');
  const r = runEntry(hooks[1].entry, ['pod.yaml']);
  const after = readFileSync(join(tmp, 'pod.yaml'), 'utf8');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^fixed \d+ problems? in pod\.yaml$/m);
  assert.notEqual(after, before);
  assert.match(after, /privileged: true/, 'a setting the author wrote is left alone');
});
