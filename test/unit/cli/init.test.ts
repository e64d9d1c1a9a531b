// `shipshape init` (issue 20, "The CLI out of the box"): on a real repository the first scan failed on hundreds of
// untrusted-registry and resource warnings before anything was configured. init writes a .shipshape.yaml with the
// profile and the registries the repository already pulls from, commented out (trusting them is the user's act),
// and says what to do next. Runs the built CLI (dist/cli.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assertBuilt, jsonOf, runCli } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:1.4.2
      - name: metrics
        image: "quay.io/prometheus/statsd-exporter:v0.26.0"
      - name: proxy
        image: nginx:1.27
      - name: worker
        image: ghcr.io/acme/worker:1.4.2
`;
const DOCKERFILE = 'FROM bitnami/node:20 AS build\nFROM gcr.io/distroless/nodejs20\nCOPY --from=build /app /app\n';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-init-'));
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(join(dir, 'deploy', 'api.yaml'), DEPLOYMENT);
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  return dir;
}

const untrustedImages = (dir: string): string[] =>
  jsonOf(runCli(['scan', '--format', 'json', '--fail-on', 'none'], { cwd: dir }))
    .findings.filter((f: { ruleId: string }) => f.ruleId === 'untrusted-registry')
    .map((f: { message: string }) => /image "([^"]+)"/.exec(f.message)![1])
    .sort();

test('init writes .shipshape.yaml with the profile and the registries to review, commented out, and says what next', () => {
  assertBuilt();
  const dir = repo();
  try {
    const r = runCli(['init'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(join(dir, '.shipshape.yaml'), 'utf8');
    // Live keys: the profile only; nothing is trusted until the user uncomments it.
    assert.deepEqual(parse(text), { profile: 'restricted' });
    // The registries the repository pulls from that are not trusted by default, most used first, with a file using each.
    const listed = [...text.matchAll(/^# {5}- (\S+) +# (.*)$/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(listed, [
      ['ghcr.io/acme', '2 images, e.g. deploy/api.yaml'],
      ['docker.io/bitnami', '1 image, e.g. Dockerfile'],
      ['quay.io/prometheus', '1 image, e.g. deploy/api.yaml'],
    ]);
    assert.ok(!/nginx|distroless/.test(text), 'images trusted by default are not listed');
    // The rules that report most, with their severity, to tune.
    assert.match(text, /^# {3}untrusted-registry: +warning +# 4 findings$/m);
    // What to do next.
    assert.match(r.stdout, /^Wrote \.shipshape\.yaml \(profile: restricted\) after checking 2 files\.$/m);
    assert.match(r.stdout, /ghcr\.io\/acme \(2 images\)/);
    assert.match(r.stdout, /Next:[\s\S]*shipshape scan[\s\S]*--fix-dry-run[\s\S]*Commit \.shipshape\.yaml/);
    assert.equal(r.stderr, '');

    // The written config is valid (a scan does not stop on it) and trusts nothing yet.
    assert.deepEqual(untrustedImages(dir), ['bitnami/node:20', 'ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/worker:1.4.2', 'quay.io/prometheus/statsd-exporter:v0.26.0']);
    // Uncommenting the block and one registry trusts exactly that registry.
    const chosen = text
      .split('\n')
      .map((l) => (/^# (trustedRegistries:| {2}extendDefaults:| {2}registries:| {4}- ghcr\.io\/acme )/.test(l) ? l.slice(2) : l))
      .join('\n');
    writeFileSync(join(dir, '.shipshape.yaml'), chosen);
    assert.deepEqual(untrustedImages(dir), ['bitnami/node:20', 'quay.io/prometheus/statsd-exporter:v0.26.0']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init refuses to overwrite an existing config (exit 2, a clear message) unless --force', () => {
  assertBuilt();
  const dir = repo();
  try {
    writeFileSync(join(dir, '.shipshape.yaml'), 'profile: baseline\n');
    const r = runCli(['init'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "shipshape: .shipshape.yaml already exists in this folder; 'shipshape init --force' overwrites it\n");
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(join(dir, '.shipshape.yaml'), 'utf8'), 'profile: baseline\n');

    const forced = runCli(['init', '--force', '--profile', 'baseline'], { cwd: dir });
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(parse(readFileSync(join(dir, '.shipshape.yaml'), 'utf8')).profile, 'baseline');

    rmSync(join(dir, '.shipshape.yaml'));
    writeFileSync(join(dir, '.shipshape.yml'), 'profile: baseline\n');
    const yml = runCli(['init'], { cwd: dir });
    assert.equal(yml.status, 2);
    assert.match(yml.stderr, /\.shipshape\.yml already exists/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init in a folder without images or findings still writes a valid config', () => {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-init-empty-'));
  try {
    const r = runCli(['init'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(join(dir, '.shipshape.yaml'), 'utf8');
    assert.deepEqual(parse(text), { profile: 'restricted' });
    assert.match(text, /trusted by default/);
    assert.match(text, /found nothing to report/);
    assert.equal(runCli(['scan'], { cwd: dir }).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init: usage errors exit 2; help documents it', () => {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-init-args-'));
  try {
    const paths = runCli(['init', 'deploy/'], { cwd: dir });
    assert.equal(paths.status, 2);
    assert.match(paths.stderr, /'init' takes no paths/);
    const format = runCli(['init', '--format', 'json'], { cwd: dir });
    assert.equal(format.status, 2);
    assert.match(format.stderr, /option --format is not valid for 'init'/);
    const force = runCli(['scan', '--force'], { cwd: dir });
    assert.equal(force.status, 2);
    assert.match(force.stderr, /option --force is not valid for 'scan'/);
    const bad = runCli(['init', '--profile', 'strict'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /invalid value 'strict' for --profile/);
    assert.throws(() => readFileSync(join(dir, '.shipshape.yaml')), 'nothing written on a usage error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const help = runCli(['init', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: shipshape init \[--profile baseline\|restricted\] \[--force\]/);
  assert.match(help.stdout, /--force +init: overwrite an existing\s+\.shipshape\.yaml/);
  assert.match(runCli(['--help']).stdout, /^ {2}init +write a starting \.shipshape\.yaml here/m);
});
