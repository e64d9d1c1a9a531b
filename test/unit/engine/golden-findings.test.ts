// Golden findings: every file of examples/ and of test/fixtures/golden/corpus (real files, see its SOURCES.md) is
// linted with the default settings, quick fixes included, and the result (rule, severity, range, message, object,
// container, related locations, and each fix's title, kind and edits) must equal the committed golden file.
// It guards refactors of the engine that must not change what users see (issue 17). After an intended change of
// findings, regenerate with `SHIPSHAPE_UPDATE_GOLDEN=1 node scripts/test.mjs golden-findings` and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingFixes, lintText, LineIndex, type Finding } from '../../../server/src/engine';
import { lintableFiles } from '../../helpers/lintable-files';

const ROOT = join(__dirname, '..', '..', '..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden', 'findings.json');
const SOURCES = ['examples', 'test/fixtures/golden/corpus'];

type Where = string;

function render(text: string, f: Finding) {
  const lines = new LineIndex(text);
  const at = (offset: number): Where => {
    const p = lines.position(offset);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const range = (s: { start: number; end: number }) => `${at(s.start)}-${at(s.end)}`;
  return {
    rule: f.ruleId,
    severity: f.severity,
    range: range(f.span),
    message: f.message,
    ...(f.object ? { object: f.object } : {}),
    ...(f.container !== undefined ? { container: f.container } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ range: range(r.span), message: r.message })) } : {}),
    ...(findingFixes(f).length
      ? { fixes: findingFixes(f).map((x) => ({ title: x.title, kind: x.kind, edits: x.edits.map((e) => ({ range: range(e), text: e.text })) })) }
      : {}),
  };
}

function lintAll(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const { rel, text, kind } of lintableFiles(SOURCES)) {
    const findings = lintText(text, kind, { fileName: rel });
    out[rel] = [...findings]
      .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message))
      .map((f) => render(text, f));
  }
  // As JSON holds it (an absent namespace is no key).
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown[]>;
}

test('examples and the real-file fixtures give exactly the golden findings and fixes', () => {
  const actual = lintAll();
  if (process.env.SHIPSHAPE_UPDATE_GOLDEN === '1') {
    writeFileSync(GOLDEN, JSON.stringify(actual, null, 1) + '\n');
    return;
  }
  const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown[]>;
  assert.deepEqual(Object.keys(actual), Object.keys(expected), 'the set of linted files');
  for (const file of Object.keys(expected)) assert.deepEqual(actual[file], expected[file], file);
});

test('the golden file is not vacuous: findings with fixes and suggestions, from YAML, Dockerfiles and compose files', () => {
  const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Array<{ fixes?: Array<{ kind: string }> }>>;
  const all = Object.values(expected).flat();
  assert.ok(all.length > 500, `${all.length} findings`);
  const kinds = new Set(all.flatMap((f) => (f.fixes ?? []).map((x) => x.kind)));
  assert.deepEqual([...kinds].sort(), ['fix', 'suggestion']);
  for (const sample of ['golang/Dockerfile', 'pihole/compose.yaml', 'sysdig-daemonset.yaml', 'examples/insecure/list.yaml']) {
    const file = Object.keys(expected).find((f) => f.endsWith(sample));
    assert.ok(file && expected[file]!.length > 0, `${sample} has findings`);
  }
});
