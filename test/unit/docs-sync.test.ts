// The README and docs/rules/ stay in sync with the rule registry and the contributed settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS, ruleDocPath, ruleMetas } from '../../server/src/engine';
import { FACTS_END, FACTS_START, factsTable, generatedConfigurationDoc, generatedReadme, generatedRulePage, replaceRulesSection, rulesTable, RULES_END, RULES_START } from '../../scripts/gen-docs';

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

test('every rule page holds, right under its title, the facts table scripts/gen-docs.ts generates from the metadata', () => {
  for (const { meta } of RULES) {
    const path = ruleDocPath(meta.id);
    const page = readFileSync(join(ROOT, path), 'utf8');
    const lines = page.split(/\r?\n/);
    // Title, blank line, then the generated table: no hand-typed facts table before or instead of it.
    assert.equal(lines[2], FACTS_START, `${path}: the facts markers follow the title (run \`npx tsx scripts/gen-docs.ts\`)`);
    assert.equal(page.split(FACTS_START).length, 2, `${path}: one facts table`);
    assert.equal(page, generatedRulePage(meta, page), `${path}: facts out of date: run \`npx tsx scripts/gen-docs.ts\``);
    const body = page.slice(page.indexOf(FACTS_END) + FACTS_END.length);
    assert.doesNotMatch(body, /^\| (Severity \(default\)|Fix|Profile) \|/m, `${path}: a second, hand-typed facts table`);
  }
});

test('a page whose hand-typed header disagrees with the metadata fails the check', () => {
  const meta = RULES.find((r) => r.meta.id === 'privileged-container')!.meta;
  const page = `# \`${meta.id}\`: ${meta.title}\n\n${FACTS_START}\n${factsTable(meta).replace(/\| Fix \| [^\n]*/, '| Fix | none for now |')}\n${FACTS_END}\n`;
  assert.notEqual(page, generatedRulePage(meta, page));
  assert.throws(() => generatedRulePage(meta, '# no markers\n| Fix | none |\n'), /markers/);
});

test('the facts table follows the metadata: severity, profile, fix kind, equivalents', () => {
  const meta = RULES.find((r) => r.meta.id === 'host-network')!.meta;
  const table = factsTable(meta);
  assert.match(table, /\| Severity \(default\) \| error \|/);
  assert.match(table, /\| Profile \| both \(a baseline control/);
  assert.match(table, /\| Fix \| suggestion \(offered one at a time/, 'removing hostNetwork the author wrote is a suggestion');
  assert.match(table, /\| Equivalents \| kube-linter `host-network`, Polaris `hostNetworkSet`, Checkov `CKV_K8S_19`, Trivy `KSV009` \|/);
  const off = factsTable({ ...meta, enabledByDefault: false, fixable: 'suggestion', level: undefined, references: {} });
  assert.match(off, /\| Severity \(default\) \| off \(error when on\) \|/);
  assert.match(off, /\| Fix \| suggestion/);
  assert.match(off, /\| Equivalents \| none known \|/);
  const both = factsTable({ ...meta, fixable: 'fix', suggestions: true });
  assert.match(both, /\| Fix \| fix \(safe: applied by fix-all and `scan --fix`\); some findings get a suggestion instead/);
  assert.match(factsTable({ ...meta, fixable: undefined }), /\| Fix \| none \|/);
});
