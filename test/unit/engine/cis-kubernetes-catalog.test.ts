// The CIS Kubernetes Benchmark catalog and the rules agree: every item the catalog calls checkable from
// files is named by a rule's references.cis, and every id a rule names is an item of the catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { lintYaml } from '../../../server/src/engine/lint';
import { normalizeSettings } from '../../../server/src/engine/config/settings';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { diskHost } from '../../helpers/kustomize-host';
import { CIS_KUBERNETES } from '../../../server/src/engine/benchmarks/cis-kubernetes';
import { RULES, RULE_IDS } from '../../../server/src/engine/rules';

const items = CIS_KUBERNETES.sections.flatMap((s) => s.items);
const named = new Map<string, string[]>();
for (const { meta } of RULES) for (const id of meta.references.cis ?? []) named.set(id, [...(named.get(id) ?? []), meta.id]);

test('CIS Kubernetes catalog: names the benchmark and version, ids are unique and in their section', () => {
  assert.equal(CIS_KUBERNETES.id, 'cis-kubernetes');
  assert.equal(CIS_KUBERNETES.version, 'v1.10.0');
  assert.equal(CIS_KUBERNETES.referenceField, 'cis');
  const ids = items.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate item ids');
  for (const section of CIS_KUBERNETES.sections) {
    for (const item of section.items) assert.ok(item.id.startsWith(`${section.id}.`), `${item.id} is not in section ${section.id}`);
  }
  // Sections 1 to 5 of v1.10: 1.1-1.4, 2, 3.1-3.2, 4.1-4.3, 5.1-5.5 and 5.7 (no 5.6).
  assert.deepEqual(
    CIS_KUBERNETES.sections.map((s) => s.id),
    ['1.1', '1.2', '1.3', '1.4', '2', '3.1', '3.2', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '5.4', '5.5', '5.7'],
  );
  assert.equal(items.length, 130);
});

test('CIS Kubernetes catalog: every files item is named by a rule, and has subjects', () => {
  for (const item of items.filter((i) => i.check === 'files')) {
    assert.ok(named.has(item.id), `${item.id} (${item.title}) is 'files' but no rule names it in references.cis`);
    assert.ok(item.subjects && item.subjects.length > 0, `${item.id}: a files item needs subjects`);
  }
});

test('CIS Kubernetes catalog: manual and host items say why, and no rule names them', () => {
  for (const item of items.filter((i) => i.check !== 'files')) {
    assert.ok(item.note && item.note.length > 10, `${item.id}: a ${item.check} item needs a note`);
    assert.equal(named.get(item.id), undefined, `${item.id} is '${item.check}' but rules name it: ${named.get(item.id)?.join(', ')}`);
  }
});

test('CIS Kubernetes catalog: every references.cis id of every rule is an item of the catalog', () => {
  const known = new Set(items.map((i) => i.id));
  for (const [id, rules] of named) assert.ok(known.has(id), `${rules.join(', ')} name CIS ${id}, which is not in the v1.10 catalog`);
});

test('CIS Kubernetes catalog: every files item is backed by a rule that fires on an insecure example or fixture', () => {
  const roots = [join(__dirname, '..', '..', '..', 'examples'), join(__dirname, '..', '..', 'fixtures', 'cluster-config', 'insecure')];
  // Rules that are off by default (default-namespace ...) are turned on: the report can use them.
  const { settings } = normalizeSettings({ rules: Object.fromEntries(RULES.filter((r) => r.meta.enabledByDefault === false).map((r) => [r.meta.id, r.meta.defaultSeverity])) }, RULE_IDS);
  const fired = new Set<string>();
  const files = roots
    .flatMap((r) => walk(r))
    .map((p) => p.split(sep).join('/'))
    .filter((p) => /\/insecure[^/]*\//.test(p) && /\.ya?ml$/.test(p));
  for (const path of files) for (const f of lintYaml(readFileSync(path, 'utf8'), { fileName: path, settings })) fired.add(f.ruleId);
  // Relation rules (network-policy-missing ...) judge the files as one project.
  const project = lintProject(diskHost(), files, { settingsFor: () => settings });
  for (const f of [...project.files.values()].flat()) fired.add(f.ruleId);
  for (const item of items.filter((i) => i.check === 'files')) {
    const rules = named.get(item.id) ?? [];
    assert.ok(rules.some((r) => fired.has(r)), `${item.id}: none of ${rules.join(', ')} fires on an insecure example or fixture`);
  }
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
