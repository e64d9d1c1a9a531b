// `shipshape scan` with .shipshape.yaml files: the nearest config per file, --config, --no-config, invalid configs
// (exit 2, one line), ignorePaths, exemptions by container and by path, flags winning over the config file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { assertBuilt, assertValid, jsonOf, reportValidator, runCli } from './helpers';

before(assertBuilt);

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  hostNetwork: true
  initContainers:
    - name: istio-init
      image: nginx:1.27
      securityContext:
        privileged: true
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0
      securityContext:
        privileged: true
`;

/** A `rules:` block with only the given rules on. */
const only = (on: Record<string, string>) => `rules:\n${[...RULE_IDS].map((id) => `  ${id}: ${on[id] ?? 'off'}`).join('\n')}\n`;

const ROOT_CONFIG =
  only({ 'privileged-container': 'error', 'host-network': 'warning', 'untrusted-registry': 'warning', 'unused-suppression': 'info' }) +
  `exemptions:
  - rules: [privileged-container]
    container: "istio-*"
    reason: the mesh init container programs iptables
  - rules: ["*"]
    paths: ["vendor/**"]
    reason: upstream manifests
ignorePaths: ["skip/**"]
`;

let dir: string;
let bad: string;
const put = (base: string, rel: string, content: string): void => {
  mkdirSync(dirname(join(base, rel)), { recursive: true });
  writeFileSync(join(base, rel), content);
};

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-cli-config-')));
  mkdirSync(join(dir, '.git'));
  put(dir, '.shipshape.yaml', ROOT_CONFIG);
  put(dir, 'app/pod.yaml', POD('app'));
  put(dir, 'vendor/chart/pod.yaml', POD('vendored'));
  put(dir, 'skip/pod.yaml', POD('skipped'));
  put(dir, 'team/.shipshape.yml', only({ 'host-network': 'error' }));
  put(dir, 'team/pod.yaml', POD('team'));
  put(dir, 'alt/.shipshape.yaml', only({ 'privileged-container': 'warning' }) + 'trustedRegistries: [ghcr.io/acme]\n');
  bad = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-cli-badconfig-')));
  mkdirSync(join(bad, '.git'));
  put(bad, '.shipshape.yaml', 'profile: baseline\nrules:\n  privileged-containr: off\n  host-netwrok: off\n');
  put(bad, 'pod.yaml', POD('x'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bad, { recursive: true, force: true });
});

const validate = reportValidator();
function scan(args: string[], cwd = dir): { files: string[]; found: string[] } {
  const r = runCli(['scan', ...args, '-f', 'json', '--fail-on', 'none'], { cwd });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const report = jsonOf(r);
  assertValid(validate, report);
  return { files: report.files, found: report.findings.map((f: any) => `${f.file} ${f.ruleId} ${f.container ?? '-'}`) };
}

test('the nearest config applies per file; ignorePaths skip files; exemptions by container and path; config files are not scanned', () => {
  const { files, found } = scan(['.']);
  assert.deepEqual(files, ['app/pod.yaml', 'team/pod.yaml', 'vendor/chart/pod.yaml']);
  assert.deepEqual(found, [
    'app/pod.yaml host-network -',
    'app/pod.yaml untrusted-registry app',
    'app/pod.yaml privileged-container app',
    'team/pod.yaml host-network -',
  ]);
});

test('text output: the scanned file count and no mention of the config files', () => {
  const r = runCli(['scan', '.', '--fail-on', 'none'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('.shipshape.y'), r.stdout);
  assert.ok(r.stdout.includes('app/pod.yaml'));
  assert.ok(!r.stdout.includes('skip/pod.yaml'));
});

test('an explicitly named ignored file is skipped too; a config file named on the command line is not scanned', () => {
  assert.deepEqual(scan(['skip/pod.yaml', '.shipshape.yaml', 'team/.shipshape.yml']).files, []);
});

test('--config uses one file for everything, relative paths resolved from the cwd', () => {
  const { files, found } = scan(['.', '--config', 'alt/.shipshape.yaml']);
  assert.deepEqual(files, ['app/pod.yaml', 'skip/pod.yaml', 'team/pod.yaml', 'vendor/chart/pod.yaml']);
  assert.deepEqual(
    found.filter((f) => f.startsWith('app/')),
    ['app/pod.yaml privileged-container istio-init', 'app/pod.yaml privileged-container app'],
  );
  assert.deepEqual(found.filter((f) => f.startsWith('team/')), ['team/pod.yaml privileged-container istio-init', 'team/pod.yaml privileged-container app']);
  const missing = runCli(['scan', '.', '--config', 'nope.yaml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^shipshape: cannot read 'nope\.yaml': no such file or directory\n$/);
});

test('--no-config ignores config files', () => {
  const { files, found } = scan(['app', 'skip', '--no-config']);
  assert.deepEqual(files, ['app/pod.yaml', 'skip/pod.yaml']);
  // The defaults run every default-on rule, privileged-container for both containers.
  assert.equal(found.filter((f) => f.includes('privileged-container')).length, 4);
  // An invalid config is not even read.
  assert.equal(runCli(['scan', '.', '--no-config', '-f', 'json', '--fail-on', 'none'], { cwd: bad }).status, 0);
});

test('CLI flags win over the config file', () => {
  assert.deepEqual(scan(['app', '--rule', 'privileged-container=off']).found, ['app/pod.yaml host-network -', 'app/pod.yaml untrusted-registry app']);
  // --trusted-registry replaces the list: ghcr.io/acme is now trusted, docker.io's nginx no longer is.
  assert.deepEqual(scan(['app', '--trusted-registry', 'ghcr.io/acme']).found, [
    'app/pod.yaml host-network -',
    'app/pod.yaml untrusted-registry istio-init',
    'app/pod.yaml privileged-container app',
  ]);
  // --profile: the config's rules still apply, the flag sets the profile (baseline turns off restricted-only rules).
  const restricted = scan(['app', '--config', 'alt/.shipshape.yaml', '--rule', 'run-as-root=warning']).found;
  assert.ok(restricted.some((f) => f.includes('run-as-root')));
  const baseline = scan(['app', '--config', 'alt/.shipshape.yaml', '--profile', 'baseline']).found;
  assert.ok(!baseline.some((f) => f.includes('run-as-root')));
  const r = runCli(['scan', 'app', '--profile', 'baseline', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
  assert.equal(jsonOf(r).profile, 'baseline');
});

test('an invalid config exits 2 with one line naming the file, line and column of the first problem', () => {
  const r = runCli(['scan', '.'], { cwd: bad });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'shipshape: .shipshape.yaml:3:3: rules: unknown rule id "privileged-containr" (did you mean "privileged-container"?) (and 1 more problem)\n');
  // The same with json output and when given explicitly.
  const json = runCli(['scan', 'pod.yaml', '-f', 'json'], { cwd: bad });
  assert.equal(json.status, 2);
  assert.equal(json.stdout, '');
  assert.equal(json.stderr.split('\n').length, 2);
  const explicit = runCli(['scan', join(dir, 'app'), '--config', join(bad, '.shipshape.yaml')], { cwd: bad });
  assert.equal(explicit.status, 2);
  assert.match(explicit.stderr, /^shipshape: \.shipshape\.yaml:3:3: rules: unknown rule id "privileged-containr"/);
  // A YAML syntax error too.
  const syntax = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-cli-syntaxconfig-')));
  try {
    mkdirSync(join(syntax, '.git'));
    put(syntax, '.shipshape.yaml', 'profile: baseline\nrules: [\n');
    put(syntax, 'pod.yaml', POD('x'));
    const s = runCli(['scan', '.'], { cwd: syntax });
    assert.equal(s.status, 2);
    assert.match(s.stderr, /^shipshape: \.shipshape\.yaml:\d+:\d+: .+\n$/);
  } finally {
    rmSync(syntax, { recursive: true, force: true });
  }
});
