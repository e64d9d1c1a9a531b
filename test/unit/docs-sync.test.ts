// The README and docs/rules/ stay in sync with the rule registry and the contributed settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS, ruleDocPath, ruleMetas } from '../../server/src/engine';
import { FACTS_START, factsTable, generatedConfigurationDoc, generatedReadme, generatedRulePage, replaceRulesSection, rulesTable, RULES_END, RULES_START } from '../../scripts/gen-docs';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README rules table is what scripts/gen-docs.ts writes', () => {
  assert.equal(README, generatedReadme(README), 'README.md is out of date: run `npx tsx scripts/gen-docs.ts`');
});

test('docs/configuration.md lists the kube-linter and Polaris equivalents of every rule (scripts/gen-docs.ts)', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
  assert.equal(doc, generatedConfigurationDoc(doc), 'docs/configuration.md is out of date: run `npx tsx scripts/gen-docs.ts`');
  for (const { meta } of RULES) {
    for (const check of [...(meta.references.kubeLinter ?? []), ...(meta.references.polaris ?? [])]) {
      assert.ok(doc.includes(`\`${check}\``), `${meta.id}: ${check} is in the table`);
    }
  }
});

test('the rules table has one row per registry rule, linked to its doc page', () => {
  const table = rulesTable(ruleMetas());
  const rows = table.split('\n').slice(2);
  assert.equal(rows.length, RULES.length);
  for (const [i, { meta }] of RULES.entries()) {
    assert.ok(rows[i]!.startsWith(`| [\`${meta.id}\`](${ruleDocPath(meta.id)}) | `), rows[i]);
    const severity = meta.enabledByDefault === false ? `off (${meta.defaultSeverity} when on)` : meta.defaultSeverity;
    assert.ok(rows[i]!.includes(` | ${severity} | `), `${meta.id}: default severity in ${rows[i]}`);
  }
});

test('replaceRulesSection replaces only the text between the markers', () => {
  const before = `intro\n${RULES_START}\nstale\n${RULES_END}\noutro\n`;
  assert.equal(replaceRulesSection(before, 'TABLE'), `intro\n${RULES_START}\nTABLE\n${RULES_END}\noutro\n`);
  assert.throws(() => replaceRulesSection('no markers', 'TABLE'), /markers/);
});

test('every rule has docs/rules/<id>.md headed "# `<id>`: <title>"', () => {
  for (const { meta } of RULES) {
    const path = join(ROOT, ruleDocPath(meta.id));
    assert.ok(existsSync(path), `${ruleDocPath(meta.id)} is missing`);
    const first = readFileSync(path, 'utf8').split(/\r?\n/, 1)[0];
    assert.equal(first, `# \`${meta.id}\`: ${meta.title}`, `${ruleDocPath(meta.id)}: first line`);
  }
});

test('no doc page exists for an unknown rule id', () => {
  const dir = join(ROOT, 'docs', 'rules');
  const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  assert.deepEqual(pages.map((f) => f.slice(0, -3)).filter((id) => !RULE_IDS.has(id)), []);
});

test('the README documents exactly the settings the extension contributes', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const contributed = Object.keys(pkg.contributes?.configuration?.properties ?? {}).sort();
  assert.ok(contributed.length > 0, 'package.json contributes settings');
  const settingsSection = README.slice(README.indexOf('## Settings'), README.indexOf('\n## ', README.indexOf('## Settings') + 1));
  const documented = [...settingsSection.matchAll(/^\| `(shipshape\.[\w.]+)` \|/gm)].map((m) => m[1]!).sort();
  assert.deepEqual(documented, contributed);
});

/**
 * Rule pages written before scripts/gen-docs.ts generated the facts table:
 * their facts are still typed by hand. The list only shrinks: a new page gets
 * the `<!-- facts:start -->` / `<!-- facts:end -->` markers.
 */
const HAND_TYPED_FACTS: ReadonlySet<string> = new Set([
  'apparmor-unconfined',
  'automount-service-account-token',
  'bare-pod',
  'bare-replicaset',
  'binary-file',
  'capabilities-not-dropped',
  'dangerous-capabilities',
  'default-namespace',
  'default-service-account',
  'dockerfile-add',
  'dockerfile-content-trust-disabled',
  'dockerfile-curl-pipe-shell',
  'dockerfile-missing-healthcheck',
  'dockerfile-root-user',
  'dockerfile-sudo',
  'dockerfile-syntax',
  'helm-template',
  'host-ipc',
  'host-network',
  'host-path-volume',
  'host-pid',
  'host-ports',
  'host-probe',
  'image-latest-tag',
  'image-not-pinned',
  'internal-error',
  'invalid-config',
  'kubeconfig-basic-auth',
  'kubeconfig-dangling-reference',
  'kubeconfig-insecure-tls',
  'kubeconfig-plain-http',
  'kubeconfig-plaintext-token',
  'limit-below-request',
  'missing-cpu-limit',
  'missing-cpu-request',
  'missing-memory-limit',
  'missing-memory-request',
  'namespace-missing-pod-security',
  'pod-security-policy-permissive',
  'pod-security-policy-removed',
  'privilege-escalation-allowed',
  'privileged-container',
  'rbac-cluster-admin-binding',
  'rbac-escalation-verbs',
  'rbac-nodes-proxy',
  'rbac-pod-exec',
  'rbac-secrets-access',
  'rbac-system-group-binding',
  'rbac-wildcard',
  'rbac-workload-create',
  'restricted-volume-types',
  'root-group',
  'run-as-root',
  'schema-required',
  'schema-type',
  'schema-unknown-field',
  'seccomp-profile-missing',
  'seccomp-unconfined',
  'secret-in-configmap',
  'secret-in-env',
  'secret-in-manifest',
  'secret-via-env-var',
  'selinux-options',
  'sensitive-host-path',
  'ssh-port',
  'unmasked-proc-mount',
  'unsafe-sysctls',
  'untrusted-registry',
  'unused-suppression',
  'windows-host-process',
  'writable-root-filesystem',
  'yaml-syntax',
]);

test('rule pages with the facts markers hold the facts scripts/gen-docs.ts generates from the metadata', () => {
  let generated = 0;
  for (const { meta } of RULES) {
    const page = readFileSync(join(ROOT, ruleDocPath(meta.id)), 'utf8');
    if (!page.includes(FACTS_START)) {
      assert.ok(HAND_TYPED_FACTS.has(meta.id), `${ruleDocPath(meta.id)}: a new rule page needs the facts markers (run \`npx tsx scripts/gen-docs.ts\`)`);
      continue;
    }
    generated++;
    assert.equal(page, generatedRulePage(meta, page), `${ruleDocPath(meta.id)}: facts out of date: run \`npx tsx scripts/gen-docs.ts\``);
  }
  assert.ok(generated > 0);
});

test('the facts table follows the metadata: severity, profile, fix kind, equivalents', () => {
  const meta = RULES.find((r) => r.meta.id === 'host-network')!.meta;
  const table = factsTable(meta);
  assert.match(table, /\| Severity \(default\) \| error \|/);
  assert.match(table, /\| Profile \| both \(a baseline control/);
  assert.match(table, /\| Fix \| fix \(safe/);
  assert.match(table, /\| Equivalents \| kube-linter `host-network`, Polaris `hostNetworkSet`, Checkov `CKV_K8S_19`, Trivy `KSV009` \|/);
  const off = factsTable({ ...meta, enabledByDefault: false, fixable: 'suggestion', level: undefined, references: {} });
  assert.match(off, /\| Severity \(default\) \| off \(error when on\) \|/);
  assert.match(off, /\| Fix \| suggestion/);
  assert.match(off, /\| Equivalents \| none known \|/);
});
