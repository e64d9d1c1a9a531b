// The README and docs/rules/ stay in sync with the rule registry and the contributed settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS, ruleDocPath, ruleMetas } from '../../server/src/engine';
import { generatedConfigurationDoc, generatedReadme, replaceRulesSection, rulesTable, RULES_END, RULES_START } from '../../scripts/gen-docs';

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
