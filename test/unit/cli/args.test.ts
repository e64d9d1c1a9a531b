// Commands, options, usage errors and exit statuses of the built CLI.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../server/src/cli/cli';
import { parseCommandLine } from '../../../server/src/cli/args';
import { RULES } from '../../../server/src/engine/rules';
import { assertBuilt, FIX, lines, ROOT, runCli } from './helpers';

before(assertBuilt);

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const INSECURE = `${FIX}/insecure-pod.yaml`;

/** A usage error: exit 2, nothing on stdout, exactly one `shipshape: ...` line on stderr. */
function assertUsageError(args: string[], message: RegExp, cwd?: string): void {
  const r = runCli(args, cwd ? { cwd } : {});
  assert.equal(r.status, 2, `${args.join(' ')}: status ${r.status}, stderr ${r.stderr}`);
  assert.equal(r.stdout, '', args.join(' '));
  assert.match(r.stderr, /^shipshape: [^\n]+\n$/, `${args.join(' ')}: one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, message, args.join(' '));
  assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
}

test('exit status: 1 with findings at or above --fail-on, 0 otherwise', () => {
  // insecure-pod.yaml has a privileged-container error.
  for (const failOn of ['error', 'warning', 'info']) assert.equal(runCli(['scan', INSECURE, '--fail-on', failOn]).status, 1, failOn);
  assert.equal(runCli(['scan', INSECURE, '--fail-on', 'none']).status, 0);
  assert.equal(runCli(['scan', INSECURE]).status, 1, 'default --fail-on warning');
  // The Helm template gives one info finding only.
  const helm = `${FIX}/helm/templates/deployment.yaml`;
  assert.equal(runCli(['scan', helm]).status, 0);
  assert.equal(runCli(['scan', helm, '--fail-on', 'warning']).status, 0);
  assert.equal(runCli(['scan', helm, '--fail-on', 'info']).status, 1);
  // --rule changes what counts: the Helm note turned into an error fails the default threshold.
  assert.equal(runCli(['scan', helm, '--rule', 'helm-template=error', '--fail-on', 'error']).status, 1);
  assert.equal(runCli(['scan', helm, '--rule', 'helm-template=off', '--fail-on', 'info']).status, 0);
  // A file with nothing to report.
  assert.equal(runCli(['scan', `${FIX}/workflow.yml`, '--fail-on', 'info']).status, 0);
});

test('--rule and --profile shape the findings', () => {
  const off = runCli(['scan', INSECURE, '--rule', 'privileged-container=off']);
  assert.ok(!off.stdout.includes('privileged-container'), off.stdout);
  const info = runCli(['scan', INSECURE, '--rule=privileged-container=info', '--rule', 'privileged-container=warning']);
  assert.ok(lines(info.stdout).includes(`${INSECURE}:11:9 warning privileged-container Container "web" runs privileged (securityContext.privileged: true).`), 'the last --rule wins');
  const baseline = runCli(['scan', INSECURE, '--profile', 'baseline']);
  const restrictedIds = RULES.filter((r) => r.meta.level === 'restricted').map((r) => r.meta.id);
  for (const id of restrictedIds) assert.ok(!baseline.stdout.includes(` ${id} `), `${id} is off under --profile baseline`);
  assert.ok(baseline.stdout.includes(' privileged-container '));
});

test('--trusted-registry is repeatable and replaces the default trusted registries', () => {
  const parsed = (argv: string[]) => {
    const inv = parseCommandLine(argv);
    assert.equal(inv.command, 'scan');
    return inv.command === 'scan' ? inv.args : undefined;
  };
  assert.equal(parsed(['scan', '.'])!.trustedRegistries, undefined, 'absent: the defaults apply');
  assert.deepEqual(parsed(['scan', '--trusted-registry', 'ghcr.io/my-org', '--trusted-registry=*.dkr.ecr.*.amazonaws.com'])!.trustedRegistries, ['ghcr.io/my-org', '*.dkr.ecr.*.amazonaws.com']);
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  try {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: ghcr.io/my-org/app:1.0\n  - name: b\n    image: nginx:1.27\n');
    const untrusted = (...extra: string[]) => {
      const r = runCli(['scan', file, '--format', 'json', '--fail-on', 'none', ...extra]);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; message: string }> };
      return report.findings.filter((f) => f.ruleId === 'untrusted-registry').map((f) => f.message.match(/Container "(\w+)"/)![1]);
    };
    assert.deepEqual(untrusted(), ['a'], 'defaults: the official nginx image is trusted, ghcr.io is not');
    assert.deepEqual(untrusted('--trusted-registry', 'ghcr.io/my-org'), ['b'], 'the option replaces the defaults');
    assert.deepEqual(untrusted('--trusted-registry', 'ghcr.io/my-org', '--trusted-registry', 'docker.io/library/*'), []);
    assert.deepEqual(untrusted('--trusted-registry', 'ghcr.io/my-orgevil'), ['a', 'b'], 'prefixes match whole path segments');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 with one line on stderr', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing command/],
    [['lint', '.'], /unknown command 'lint'/],
    [['insecure-pod.yaml'], /unknown command 'insecure-pod\.yaml' \(to check files: 'shipshape scan insecure-pod\.yaml'\)/],
    [['scan', '--bogus'], /unknown option '--bogus'/],
    [['scan', '-x'], /unknown option '-x'/],
    [['scan', '--fromat', 'json'], /unknown option '--fromat'; did you mean '--format'\?/],
    [['scan', '--format', 'xml'], /invalid value 'xml' for --format \(expected text, json, sarif, junit, gitlab\)/],
    [['scan', '--format'], /option --format needs a value/],
    [['scan', '--format', '--profile', 'baseline'], /option --format needs a value/],
    [['scan', '--fail-on', 'critical'], /invalid value 'critical' for --fail-on \(expected error, warning, info, none\)/],
    [['scan', '--profile', 'strict'], /invalid value 'strict' for --profile/],
    [['scan', '--rule', 'no-such-rule=error'], /unknown rule id 'no-such-rule' in --rule/],
    [['scan', '--rule', 'privileged-containr=error'], /did you mean 'privileged-container'\?/],
    [['scan', '--rule', 'privileged-container=fatal'], /invalid severity 'fatal' for rule 'privileged-container'/],
    [['scan', '--rule', 'privileged-container'], /invalid --rule 'privileged-container' \(expected <rule-id>=/],
    [['scan', '--list-rules=yes'], /option --list-rules does not take a value/],
    [['scan', '--list-rules', '-f', 'sarif'], /--list-rules supports --format text or json/],
    [['scan', '--list-rules', '.'], /--list-rules takes no paths/],
    [['--format', 'json'], /option --format needs a command/],
    [['help', 'nope'], /unknown command 'nope'/],
    [['scan', '--output', ''], /option --output needs a file name/],
    [['scan', '--trusted-registry'], /option --trusted-registry needs a value <entry>/],
    [['scan', '--trusted-registry='], /option --trusted-registry needs a registry, repository prefix or glob/],
    [['scan', '--trusted-registry', ' '], /option --trusted-registry needs a registry, repository prefix or glob/],
    [['--trusted-registry', 'ghcr.io'], /option --trusted-registry needs a command/],
  ];
  for (const [args, message] of cases) assertUsageError(args, message);
});

test('unreadable input and unwritable output exit 2', () => {
  assertUsageError(['scan', 'no/such/file.yaml'], /^shipshape: cannot read 'no\/such\/file\.yaml': no such file or directory\n$/);
  assertUsageError(['scan', INSECURE, 'missing-dir/'], /cannot read 'missing-dir\/': no such file or directory/);
  assertUsageError(['scan', '/dev/null'], /cannot read '\/dev\/null': not a regular file or folder/);
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  try {
    assertUsageError(['scan', INSECURE, '-o', join(dir, 'no', 'such', 'dir', 'report.txt')], /cannot write '.*report\.txt': no such file or directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help, help <command> and --version', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.equal(help.stderr, '');
  assert.match(help.stdout, /^shipshape \d+\.\d+\.\d+: /);
  for (const option of ['--format', '--output', '--profile', '--fail-on', '--rule', '--trusted-registry', '--list-rules', '--help', '--version']) assert.ok(help.stdout.includes(option), option);
  const scanHelp = runCli(['scan', '--help']);
  assert.equal(scanHelp.status, 0);
  assert.match(scanHelp.stdout, /^Usage: shipshape scan \[options\] \[paths\.\.\.\]/);
  assert.match(scanHelp.stdout, /Exit status:/);
  assert.match(scanHelp.stdout, /node_modules/);
  assert.equal(runCli(['help', 'scan']).stdout, scanHelp.stdout);
  assert.equal(runCli(['scan', '-h', '--format', 'xml']).status, 0, '--help wins over a bad value');
  for (const line of lines(scanHelp.stdout)) assert.ok(line.length <= 80, `help line too long: ${line}`);
  for (const args of [['--version'], ['-v'], ['scan', '--version']]) {
    const r = runCli(args);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});

test('--list-rules prints id, default severity, profile and title for every rule', () => {
  for (const args of [['--list-rules'], ['scan', '--list-rules']]) {
    const r = runCli(args);
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.match(out[0]!, /^ID\s+SEVERITY\s+PROFILE\s+TITLE\s+BENCHMARKS$/);
    assert.deepEqual(out.slice(1).map((l) => l.split(/\s+/)[0]), RULES.map((x) => x.meta.id));
    assert.ok(out.some((l) => /^privileged-container\s+error\s+baseline\s+Privileged container\s+CIS-K8s 5\.2\.2; CIS-Docker 5\.5$/.test(l)), r.stdout);
    for (const rule of RULES) {
      const row = out.find((l) => l.startsWith(`${rule.meta.id} `))!;
      assert.equal(row.split(/\s{2,}/)[2], rule.meta.level ?? 'any', rule.meta.id);
    }
  }
});

test('an unexpected failure is one line and exit 2, never a stack trace', () => {
  let stderr = '';
  const status = run(['--version'], {
    cwd: ROOT,
    env: {},
    stdout: {
      write() {
        throw new Error('disk on fire\n    at somewhere (x.js:1:1)');
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
  });
  assert.equal(status, 2);
  assert.equal(stderr, 'shipshape: internal error: disk on fire\n');
});
