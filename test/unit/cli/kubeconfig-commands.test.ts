// `shipshape kubeconfig contexts | use-context | set-namespace | lint` through the built CLI, with temp files and KUBECONFIG.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, jsonOf, runCli } from './helpers';

before(assertBuilt);

const MAIN = [
  '# team kubeconfig (keep this comment)',
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: prod',
  '  cluster:',
  '    server: https://api.prod.example.com',
  '    insecure-skip-tls-verify: true',
  '- name: dev',
  '  cluster: {server: "https://dev.example.com", certificate-authority-data: Q0E=}',
  'contexts:',
  '- name: prod',
  '  context: {cluster: prod, user: admin, namespace: default}',
  '- name: dev',
  '  context:',
  '    cluster: dev',
  '    user: dev   # inline comment',
  'users:',
  '- name: admin',
  '  user:',
  '    token: tok-VERYSECRET-123',
  '- name: dev',
  '  user:',
  '    password: pw-VERYSECRET-456',
  '    username: me',
  '    client-key-data: KEY-VERYSECRET-789',
  'current-context: dev',
  '',
].join('\n');

function setup(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-kcli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const main = join(dir, 'main.yaml');
  const extra = join(dir, 'extra.yaml');
  writeFileSync(main, MAIN);
  writeFileSync(extra, 'apiVersion: v1\nkind: Config\ncontexts:\n- name: prod\n  context: {cluster: shadow, user: x}\n- name: lab\n  context: {cluster: dev, user: dev}\ncurrent-context: lab\n');
  if (process.platform !== 'win32') chmodSync(main, 0o600);
  const env = { KUBECONFIG: [join(dir, 'missing.yaml'), main, extra].join(process.platform === 'win32' ? ';' : ':'), HOME: dir, USERPROFILE: dir };
  return { dir, main, extra, env };
}

test('contexts: a kubectl-like table and JSON, merged over KUBECONFIG, no secrets', (t) => {
  const { main, extra, env } = setup(t);
  const text = runCli(['kubeconfig', 'contexts'], { env });
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^CURRENT\s+NAME\s+CLUSTER\s+AUTHINFO\s+NAMESPACE\s+FINDINGS$/);
  assert.match(lines[1]!, /^\s+prod\s+prod\s+admin\s+default\s+2$/);
  assert.match(lines[2]!, /^\*\s+dev\s+dev\s+dev\s+1$/);
  assert.match(lines[3]!, /^\s+lab\s+dev\s+dev\s+1$/);
  const json = jsonOf(runCli(['kubeconfig', 'contexts', '--json'], { env }));
  assert.equal(json.currentContext, 'dev');
  assert.equal(json.currentContextFile, main);
  assert.equal(json.defaultFile, main);
  assert.deepEqual(json.files.map((f: { status: string }) => f.status), ['missing', 'ok', 'ok']);
  assert.deepEqual(json.contexts.map((c: { name: string; file: string }) => [c.name, c.file]), [['prod', main], ['dev', main], ['lab', extra]]);
  const prod = json.contexts[0];
  assert.equal(prod.tls, 'insecure-skip-tls-verify');
  assert.deepEqual(prod.authMethods, ['token']);
  assert.deepEqual(prod.findings.map((f: { ruleId: string }) => f.ruleId).sort(), ['kubeconfig-insecure-tls', 'kubeconfig-plaintext-token']);
  assert.deepEqual(runCli(['kubeconfig', 'contexts', '--format', 'json'], { env }).stdout, runCli(['kubeconfig', 'contexts', '--json'], { env }).stdout);
  for (const r of [text, runCli(['kubeconfig', 'contexts', '--json'], { env }), runCli(['kubeconfig', 'lint'], { env }), runCli(['kubeconfig', 'lint', '--json'], { env })]) {
    assert.ok(!/VERYSECRET/.test(r.stdout + r.stderr), 'secret value printed');
  }
});

test('use-context writes only current-context of the default file; set-namespace the defining file', (t) => {
  const { main, extra, env } = setup(t);
  const extraBefore = readFileSync(extra, 'utf8');
  const r = runCli(['kubeconfig', 'use-context', 'lab'], { env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Switched to context "lab"/);
  assert.equal(readFileSync(main, 'utf8'), MAIN.replace('current-context: dev', 'current-context: lab'));
  assert.equal(readFileSync(extra, 'utf8'), extraBefore);
  if (process.platform !== 'win32') assert.equal(statSync(main).mode & 0o777, 0o600);
  // set-namespace with the current context (lab, defined in extra).
  const ns = runCli(['kubeconfig', 'set-namespace', 'web'], { env });
  assert.equal(ns.status, 0, ns.stderr);
  assert.equal(readFileSync(extra, 'utf8'), extraBefore.replace('{cluster: dev, user: dev}', '{cluster: dev, namespace: web, user: dev}'));
  const ns2 = runCli(['kubeconfig', 'set-namespace', '--context', 'dev', 'tools'], { env });
  assert.equal(ns2.status, 0, ns2.stderr);
  assert.equal(readFileSync(main, 'utf8'), MAIN.replace('current-context: dev', 'current-context: lab').replace('    user: dev   # inline comment\n', '    namespace: tools\n    user: dev   # inline comment\n'));
  const ns3 = runCli(['kubeconfig', 'set-namespace', '--context', 'prod', 'kube-system', '--kubeconfig', main]);
  assert.equal(ns3.status, 0, ns3.stderr);
  assert.match(readFileSync(main, 'utf8'), /context: \{cluster: prod, user: admin, namespace: kube-system\}/);
});

test('unknown contexts, unreadable files and usage errors exit 2 with one line', (t) => {
  const { dir, main, env } = setup(t);
  const before = readFileSync(main, 'utf8');
  const cases: Array<[string[], RegExp, Record<string, string>?]> = [
    [['kubeconfig', 'use-context', 'nope'], /^shipshape: no context named "nope" in KUBECONFIG \(.*\); contexts: prod, dev, lab\n$/],
    [['kubeconfig', 'set-namespace', '--context', 'nope', 'x'], /no context named "nope"/],
    [['kubeconfig', 'contexts', '--kubeconfig', join(dir, 'absent')], /^shipshape: cannot read '.*absent': no such file or directory\n$/],
    [['kubeconfig'], /'kubeconfig' needs a subcommand: contexts, use-context, set-namespace, lint/],
    [['kubeconfig', 'use-contxt', 'a'], /unknown kubeconfig subcommand 'use-contxt'; did you mean 'use-context'\?/],
    [['kubeconfig', 'use-context'], /'kubeconfig use-context <name>' needs one context name/],
    [['kubeconfig', 'contexts', 'extra'], /takes no arguments/],
    [['kubeconfig', 'contexts', '--format', 'sarif'], /supports --format text or json/],
    [['kubeconfig', 'use-context', 'a', '--context', 'b'], /--context is only valid for 'kubeconfig set-namespace'/],
    [['scan', '--kubeconfig', 'x'], /option --kubeconfig is not valid for 'scan'/],
  ];
  for (const [args, message, extraEnv] of cases) {
    const r = runCli(args, { env: { ...env, ...extraEnv } });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
  if (process.platform !== 'win32' && process.getuid?.() !== 0) {
    const locked = join(dir, 'locked');
    writeFileSync(locked, MAIN);
    chmodSync(locked, 0o000);
    const r = runCli(['kubeconfig', 'contexts'], { env: { ...env, KUBECONFIG: locked } });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read '.*locked': permission denied/);
  }
  assert.equal(readFileSync(main, 'utf8'), before);
});

test('a malformed file is reported, the others still work, and it is never written', (t) => {
  const { dir, main, env } = setup(t);
  const bad = join(dir, 'bad.yaml');
  const badText = 'apiVersion: v1\nkind: Config\ncontexts: [\n';
  writeFileSync(bad, badText);
  const list = [bad, main].join(process.platform === 'win32' ? ';' : ':');
  const r = runCli(['kubeconfig', 'contexts'], { env: { ...env, KUBECONFIG: list } });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\*\s+dev/);
  assert.match(r.stderr, /^shipshape: warning: .*bad\.yaml:\d+: /);
  const w = runCli(['kubeconfig', 'use-context', 'prod'], { env: { ...env, KUBECONFIG: list } });
  assert.equal(w.status, 2);
  assert.match(w.stderr, /bad\.yaml does not parse .*nothing was written/);
  assert.equal(readFileSync(bad, 'utf8'), badText);
  const lint = runCli(['kubeconfig', 'lint', '--json'], { env: { ...env, KUBECONFIG: list } });
  assert.ok(jsonOf(lint).findings.some((f: { ruleId: string }) => f.ruleId === 'yaml-syntax'));
});

test('lint reports the kubeconfig rules per file with positions; exit 1 on warnings', (t) => {
  const { env } = setup(t);
  const r = runCli(['kubeconfig', 'lint'], { env });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /main\.yaml:8:5 error kubeconfig-insecure-tls /);
  assert.match(r.stdout, /kubeconfig-plaintext-token/);
  assert.match(r.stdout, /kubeconfig-basic-auth/);
  assert.doesNotMatch(r.stdout, /kubeconfig-dangling-reference/, 'the shadowed context "prod" of extra.yaml is never used');
  const json = jsonOf(runCli(['kubeconfig', 'lint', '--format', 'json'], { env }));
  assert.ok(json.findings.length >= 3);
  const clean = runCli(['kubeconfig', 'lint'], { env: { ...env, KUBECONFIG: join(env.HOME, 'nothing') } });
  assert.equal(clean.status, 0);
  assert.match(clean.stdout, /0 errors, 0 warnings, 0 info in 0 files/);
});

test('help: the kubeconfig command is listed and has its own help', () => {
  const help = runCli(['--help']);
  assert.match(help.stdout, /^ {2}kubeconfig {2}list, switch and lint kubeconfig contexts/m);
  const k = runCli(['kubeconfig', '--help']);
  assert.equal(k.status, 0);
  assert.equal(runCli(['help', 'kubeconfig']).stdout, k.stdout);
  for (const s of ['contexts', 'use-context <name>', 'set-namespace [--context <name>] <namespace>', 'lint', '--kubeconfig <file>', '--json']) assert.ok(k.stdout.includes(s), s);
  assert.ok(!k.stdout.includes('--trusted-registry'), 'scan-only options are not listed');
  assert.ok(!runCli(['scan', '--help']).stdout.includes('--kubeconfig'), 'kubeconfig-only options are not in scan help');
  for (const line of k.stdout.split('\n')) assert.ok(line.length <= 80, line);
});
