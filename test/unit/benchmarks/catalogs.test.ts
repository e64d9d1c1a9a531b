// The benchmark catalogs (engine/benchmarks): well formed, joined both ways with the rules' metadata, and every item
// the report can judge from files backed by a rule and by a fixture (a rule test with a positive case for the item's subject).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../server/src/engine/rules';
import { BENCHMARKS, benchmarkItems } from '../../../server/src/engine/benchmarks';
import { checkableItems, rulesByItem } from '../../../server/src/engine/benchmarks/report';
import type { Benchmark, BenchmarkSubject } from '../../../server/src/engine/benchmarks/types';

const RULE_TESTS = join(__dirname, '..', 'rules');
const testFiles = readdirSync(RULE_TESTS).filter((f) => f.endsWith('.test.ts'));

test('the CIS Docker catalog is there; the CIS Kubernetes one once its branch is merged', () => {
  assert.ok(BENCHMARKS.some((b) => b.id === 'cis-docker'));
  assert.deepEqual(BENCHMARKS.map((b) => b.referenceField).sort(), [...new Set(BENCHMARKS.map((b) => b.referenceField))].sort(), 'one catalog per reference field');
});

for (const benchmark of BENCHMARKS) {
  const items = benchmarkItems(benchmark);
  const byItem = rulesByItem(benchmark);

  test(`${benchmark.id}: ids are unique, in their section, and every item says how it is judged`, () => {
    assert.equal(new Set(items.map((i) => i.id)).size, items.length);
    for (const section of benchmark.sections) {
      for (const item of section.items) {
        assert.ok(item.id === section.id || item.id.startsWith(`${section.id}.`), `${item.id} in section ${section.id}`);
        assert.match(item.title, /^Ensure |^Run |^Enable |^Minimize |^Prefer |^Consider |^Apply |^Create |^Avoid |^Limit |^Verify |^Restrict /, `${item.id} title`);
        if (item.check === 'files') assert.ok((item.subjects ?? []).length > 0, `${item.id}: a files item names its subjects`);
        else assert.ok((item.note ?? '').length > 10, `${item.id}: a ${item.check} item says why in a note`);
      }
    }
  });

  test(`${benchmark.id}: every files item is named by a rule, and every id a rule names is a files item of the catalog`, () => {
    const files = new Set(checkableItems(benchmark));
    assert.deepEqual([...files].filter((id) => !byItem.has(id)), [], 'files items no rule names');
    const unknown: string[] = [];
    for (const r of RULES) for (const id of r.meta.references[benchmark.referenceField] ?? []) if (!files.has(id)) unknown.push(`${r.meta.id}: ${id}`);
    assert.deepEqual(unknown, [], `rule references that are not files items of ${benchmark.name} ${benchmark.version}`);
  });

  test(`${benchmark.id}: every item the report lists as checkable is backed by a rule and a fixture`, () => {
    const missing: string[] = [];
    for (const item of items.filter((i) => i.check === 'files')) {
      const rules = byItem.get(item.id) ?? [];
      for (const subject of item.subjects ?? []) {
        if (!rules.some((ruleId) => hasFixture(benchmark, ruleId, subject))) missing.push(`${item.id} (${subject}): none of ${rules.join(', ') || 'no rule'} has a positive test case for a ${subject} file`);
      }
    }
    assert.deepEqual(missing, []);
  });
}

/** The tester (test/helpers) whose cases are files holding `subject`, and its extra arguments; undefined: Kubernetes objects (any tester). */
function testerFor(subject: BenchmarkSubject): RegExp | undefined {
  switch (subject) {
    case 'compose':
      return /composeRuleTests\('(?<id>[a-z0-9-]+)'/g;
    case 'dockerfile':
      return /dockerfileRuleTests\('(?<id>[a-z0-9-]+)'/g;
    case 'docker-daemon':
      return /jsonConfigRuleTests\('(?<id>[a-z0-9-]+)', 'docker-daemon'/g;
    case 'abac-policy':
      return /jsonConfigRuleTests\('(?<id>[a-z0-9-]+)', 'abac'/g;
    default:
      return undefined;
  }
}

/** A test file of the rule (`<id>.test.ts`, `<id>.<variant>.test.ts`) with a non-empty `invalid` list, through the subject's tester. */
function hasFixture(_benchmark: Benchmark, ruleId: string, subject: BenchmarkSubject): boolean {
  const tester = testerFor(subject);
  return testFiles
    .filter((f) => f === `${ruleId}.test.ts` || (f.startsWith(`${ruleId}.`) && f.split('.').length === 4))
    .some((f) => {
      const text = readFileSync(join(RULE_TESTS, f), 'utf8');
      if (!/invalid:\s*\[\s*[^\]\s]/.test(text)) return false;
      if (!tester) return text.includes(`'${ruleId}'`);
      return [...text.matchAll(tester)].some((m) => m.groups?.id === ruleId);
    });
}
