// The benchmark catalogs (engine/benchmarks): well formed, joined both ways with the rules' metadata, and every item
// the report can judge from files backed by a rule and a fixture: the report of the insecure examples and fixtures fails it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileKindOf } from '../../../server/src/engine';
import { normalizeSettings } from '../../../server/src/engine/config/settings';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { fileSubjects } from '../../../server/src/engine/benchmarks/subjects';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost } from '../../helpers/kustomize-host';
import { RULES, RULE_IDS } from '../../../server/src/engine/rules';
import { BENCHMARKS, benchmarkItems } from '../../../server/src/engine/benchmarks';
import { benchmarkReport, checkableItems, rulesByItem, type BenchmarkFile } from '../../../server/src/engine/benchmarks/report';


test('both catalogs are there, one per reference field', () => {
  assert.deepEqual(BENCHMARKS.map((b) => b.id).sort(), ['cis-docker', 'cis-kubernetes']);
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
        assert.ok(item.title.length > 10, `${item.id} title`);
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
    // A fixture: an insecure example or test fixture holding one of the item's subjects, on which a rule naming
    // the item fires; so the report of those files fails every checkable item.
    const report = benchmarkReport(benchmark, insecureFiles());
    const notFailing = report.sections.flatMap((s) => s.items).filter((i) => benchmark.sections.flatMap((s) => s.items).find((x) => x.id === i.id)!.check === 'files' && i.status !== 'fail');
    assert.deepEqual(notFailing.map((i) => `${i.id} ${i.status}${i.reason ? ` (${i.reason})` : ''}: rules ${i.rules.join(', ')}`), []);
  });
}

const ROOT = join(__dirname, '..', '..', '..');
let insecure: BenchmarkFile[] | undefined;

/** The insecure examples and fixtures (a path segment starting with `insecure`), linted as a project with every rule on, as BenchmarkFiles. */
function insecureFiles(): BenchmarkFile[] {
  if (insecure) return insecure;
  const { settings } = normalizeSettings({ rules: Object.fromEntries(RULES.filter((r) => r.meta.enabledByDefault === false).map((r) => [r.meta.id, r.meta.defaultSeverity])) }, RULE_IDS);
  const paths = [join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures')]
    .flatMap((r) => walk(r))
    .filter((p) => p.split(sep).some((seg) => /^insecure/.test(seg)) && fileKindOf(p) !== undefined)
    .map((p) => p.split(sep).join('/'));
  const project = lintProject(diskHost(), paths, { settingsFor: () => settings });
  insecure = paths.map((path) => {
    const text = readFileSync(path, 'utf8');
    const kind = fileKindOf(path)!;
    const index = new LineIndex(text);
    return {
      file: path,
      subjects: fileSubjects(text, kind, path),
      findings: (project.files.get(path) ?? []).map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, line: index.position(f.span.start).line + 1, column: 1, ...(f.benchmarkItems ? { benchmarkItems: f.benchmarkItems } : {}) })),
    };
  });
  return insecure;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}
