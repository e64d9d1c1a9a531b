// Incremental YAML linting: after any edit, a lint through the per-document cache equals a lint from
// scratch (findings of unchanged documents reused with shifted offsets), only changed documents are
// linted again, a lint abandoned half-way keeps what it finished, and the cache stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentCache, type Finding } from '../../../server/src/engine';
import { lintYaml, lintYamlChunks, lintYamlSteps } from '../../../server/src/engine/lint';
import { yamlLintFindings } from '../../../server/src/engine/yaml-lint-result';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { findingFixes } from '../../../server/src/engine/types';
import { allResolved } from '../../helpers/resolved-fixes';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'insecure');

/** The documents of the insecure examples (each with findings, many with fixes), without their `---` lines. */
const DOCS: string[] = readdirSync(EXAMPLES)
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .flatMap((n) => readFileSync(join(EXAMPLES, n), 'utf8').split(/^---[ \t]*\r?\n/m))
  .map((d) => (d.endsWith('\n') ? d : d + '\n'))
  .filter((d) => /^kind:/m.test(d));

const join3 = (docs: readonly string[]): string => docs.join('---\n');

/** Lint `next` through `cache` (after whatever it saw before) and compare with a lint from scratch. */
function assertSameAsScratch(next: string, cache: DocumentCache, label: string): Finding[] {
  const cached = lintYaml(next, { cache });
  const scratch = lintYaml(next);
  assert.deepStrictEqual(allResolved(cached), allResolved(scratch), `${label}: the cached lint differs from a lint from scratch`);
  for (const f of cached) assert.ok(f.span.start >= 0 && f.span.end <= next.length && f.span.start <= f.span.end, `${label}: span inside the text`);
  return cached;
}

test('the examples give a multi-document file with findings in most documents', () => {
  assert.ok(DOCS.length >= 20, `only ${DOCS.length} documents`);
  const findings = lintYaml(join3(DOCS));
  assert.ok(findings.length > 100);
  assert.ok(findings.some((f) => findingFixes(f).length), 'some findings carry fixes (their edits are shifted too)');
});

test('after edits of every kind the cached lint equals a lint from scratch, and only changed documents are linted', () => {
  const cache = new DocumentCache();
  let docs = [...DOCS];
  assertSameAsScratch(join3(docs), cache, 'first lint');
  const n = docs.length;
  const mid = n >> 1;
  // A document's chunk starts with the `---` before it, so the first document (which has none) counts as
  // changed when it moves, and so does the one that becomes first.
  const steps: Array<{ label: string; edit: (d: string[]) => string[]; linted: number }> = [
    { label: 'a value in the middle document', edit: (d) => d.map((x, i) => (i === mid ? x.replace(/name: (\S+)/, 'name: $1-edited') : x)), linted: 1 },
    { label: 'lines inserted in the first document (everything after moves down)', edit: (d) => [d[0]!.replace('\n', '\n# one\n# two\n# three\n'), ...d.slice(1)], linted: 1 },
    { label: 'a document inserted', edit: (d) => [...d.slice(0, 2), DOCS[3]!.replace(/name: (\S+)/, 'name: inserted'), ...d.slice(2)], linted: 1 },
    { label: 'the last document removed', edit: (d) => d.slice(0, -1), linted: 0 },
    { label: 'a document removed from the middle', edit: (d) => [...d.slice(0, mid), ...d.slice(mid + 1)], linted: 0 },
    { label: 'two documents swapped', edit: (d) => [d[0]!, d[2]!, d[1]!, ...d.slice(3)], linted: 0 },
    { label: 'the order reversed (after the first document)', edit: (d) => [d[0]!, ...d.slice(1).reverse()], linted: 0 },
    { label: 'a document duplicated', edit: (d) => [...d.slice(0, 4), d[4]!, d[4]!, ...d.slice(5)], linted: 0 },
    { label: 'two documents merged (a --- removed)', edit: (d) => [...d.slice(0, 2), d[2]! + d[3]!, ...d.slice(4)], linted: 1 },
    { label: 'the previous text again (undo)', edit: (d) => d, linted: 0 },
    { label: 'a document moved to the front', edit: (d) => [d[5]!, ...d.slice(0, 5), ...d.slice(6)], linted: 2 },
  ];
  for (const step of steps) {
    const next = step.edit(docs);
    const misses = cache.misses;
    assertSameAsScratch(join3(next), cache, step.label);
    assert.equal(cache.misses - misses, step.linted, `${step.label}: documents linted again`);
    if (step.label !== 'the previous text again (undo)') docs = next;
  }
});

test('findings of documents after an edit keep their text, at offsets shifted by the edit', () => {
  const cache = new DocumentCache();
  const before = join3(DOCS);
  const first = lintYaml(before, { cache });
  const insert = '# a comment\n# that moves everything after it\n';
  const after = join3([DOCS[0]! + insert, ...DOCS.slice(1)]);
  const second = lintYaml(after, { cache });
  assert.equal(cache.misses, DOCS.length + 1);
  const boundary = DOCS[0]!.length;
  const later = (fs: Finding[]) => fs.filter((f) => f.span.start > boundary);
  assert.equal(later(second).length, later(first).length);
  later(second).forEach((f, i) => {
    const old = later(first)[i]!;
    assert.equal(f.span.start, old.span.start + insert.length);
    assert.equal(after.slice(f.span.start, f.span.end), before.slice(old.span.start, old.span.end));
    for (const [j, fix] of findingFixes(f).entries()) {
      fix.edits.forEach((e, k) => assert.equal(e.start, findingFixes(old)[j]!.edits[k]!.start + insert.length, 'fix edits are shifted too'));
    }
  });
});

test('edits that change how the file splits: --- and ... markers, prolog comments, CRLF', () => {
  const cache = new DocumentCache();
  const docs = DOCS.slice(0, 6);
  const variants = [
    join3(docs),
    join3(docs).replace('---\n', '...\n'), // a document end marker instead of a start marker
    join3(docs).replace('---\n', '...\n---\n'),
    join3([docs[0]!, `# shipshape-disable -- legacy\n${docs[1]!}`, ...docs.slice(2)]), // prolog before a document
    join3(docs).replace(/---\n/g, '# before the marker\n---\n'),
    join3(docs.map((d, i) => (i === 2 ? d.replace(/\n/g, '\r\n') : d))),
    join3(docs.slice(1)),
    join3(docs),
  ];
  for (const [i, v] of variants.entries()) assertSameAsScratch(v, cache, `variant ${i}`);
});

test('a Go template in one document turns the whole file into one helm-template finding, and back', () => {
  const cache = new DocumentCache();
  const docs = DOCS.slice(0, 5);
  const plain = assertSameAsScratch(join3(docs), cache, 'plain');
  const templated = join3([...docs.slice(0, 4), docs[4]!.replace(/name: (\S+)/, 'name: {{ .Values.name }}')]);
  const helm = assertSameAsScratch(templated, cache, 'templated');
  assert.deepEqual(
    helm.map((f) => f.ruleId),
    ['helm-template'],
  );
  assert.deepStrictEqual(allResolved(assertSameAsScratch(join3(docs), cache, 'plain again')), allResolved(plain));
});

test('lintYamlSteps yields once per document it lints; an abandoned lint keeps the finished documents', () => {
  const cache = new DocumentCache();
  const text = join3(DOCS);
  const total = splitYamlDocuments(text).length;
  const steps = lintYamlSteps(text, { cache });
  for (let i = 0; i < 5; i++) assert.equal(steps.next().done, false);
  steps.return({ chunks: [] }); // abandoned after five documents
  assert.equal(cache.misses, 5);
  let yields = 0;
  const again = lintYamlSteps(text, { cache });
  let r = again.next();
  for (; !r.done; r = again.next()) yields++;
  assert.equal(yields, total - 5, 'only the documents the abandoned lint did not finish are linted');
  assert.deepStrictEqual(allResolved(yamlLintFindings(r.value)), allResolved(lintYaml(text)));
  // A lint with everything cached does not yield at all.
  const cachedRun = lintYamlSteps(text, { cache });
  assert.equal(cachedRun.next().done, true);
});

test('chunks cover the file in order and their findings are document-relative', () => {
  const text = join3(DOCS.slice(0, 8));
  const lint = lintYamlChunks(text);
  assert.equal(lint.chunks.map((c) => c.text).join(''), text);
  for (const c of lint.chunks) {
    assert.equal(text.slice(c.offset, c.offset + c.text.length), c.text);
    for (const f of c.result.findings) assert.ok(f.span.end <= c.text.length);
  }
});

test('the cache stays bounded while different documents are edited one after the other', () => {
  const cache = new DocumentCache();
  const docs = [...DOCS];
  lintYaml(join3(docs), { cache });
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < docs.length; i++) {
      docs[i] = docs[i]!.replace(/\n/, `\n# edit ${round}\n`);
      lintYaml(join3(docs), { cache });
      assert.ok(cache.size <= 2 * docs.length + 16, `cache size ${cache.size} after editing document ${i} in round ${round}`);
    }
  }
  // An explicit capacity is a hard bound.
  const small = new DocumentCache(8);
  lintYaml(join3(DOCS), { cache: small });
  assert.ok(small.size <= 8);
  assert.deepStrictEqual(allResolved(lintYaml(join3(DOCS), { cache: small })), allResolved(lintYaml(join3(DOCS))));
});
