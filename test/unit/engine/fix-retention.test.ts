// Which parsed documents a file's cache keeps for its findings' fixes (DocumentCache, FixRetention).
// A lint of every document of a file (a first lint, or after a settings change) lets each parsed
// document go as soon as it is linted, but those of the last `fixSources` documents: held while the
// next ones were linted, every parsed document of a large file reached the old generation of the
// heap, which doubled the garbage collector's time of the language server's first lint (issue 17's
// bench). A lint of the documents an edit changed keeps theirs, the most recent first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentCache, findingFixes, type Finding, type Fix } from '../../../server/src/engine';
import { FixScope } from '../../../server/src/engine/fixes/fix-scope';

const FIX = { title: 'add it', kind: 'fix', edits: [] } as unknown as Fix;

/** A document's result: one finding with a fix, through a scope that counts the lints of the document again. */
function linted(): { finding: Finding; scope: FixScope; relints: () => number } {
  const findings = (): Finding[] => [{ ruleId: 'some-rule', fixes: () => [FIX] } as unknown as Finding];
  let relints = 0;
  const scope = new FixScope(() => {
    relints++;
    return findings();
  });
  const [finding] = findings();
  scope.adopt([finding!]);
  return { finding: finding!, scope, relints: () => relints };
}

/** Store `docs` as the current lint's documents at `from`, `from + 1`, ... */
function store(cache: DocumentCache, docs: ReturnType<typeof linted>[], from = 0, tag = ''): void {
  docs.forEach((d, i) => cache.store('k', `doc ${from + i}${tag}`, { findings: [d.finding], parseError: false, templated: false, fixes: d.scope }, from + i));
}

test('a first lint keeps the parsed documents of its last fixSources documents only, and lets the others go at once', () => {
  const cache = new DocumentCache(20000, 2);
  const docs = [0, 1, 2, 3, 4].map(linted);
  cache.begin('k', docs.length);
  store(cache, docs.slice(0, 2));
  // The second document is linted, the first's parsed document is no longer held (it was, until two more were linted).
  assert.deepEqual(findingFixes(docs[0]!.finding), [FIX]);
  assert.equal(docs[0]!.relints(), 1, 'the first document was linted again for its fix');
  store(cache, docs.slice(2), 2);
  cache.finish('k', docs.map((_, i) => `doc ${i}`), []);
  for (const i of [3, 4]) {
    assert.deepEqual(findingFixes(docs[i]!.finding), [FIX]);
    assert.equal(docs[i]!.relints(), 0, `document ${i} (among the last two) kept its parsed document`);
  }
  for (const i of [1, 2]) {
    assert.deepEqual(findingFixes(docs[i]!.finding), [FIX]);
    assert.equal(docs[i]!.relints(), 1, `document ${i} was linted again for its fix`);
  }

  // The next lint (an edit) keeps the parsed documents of what it linted, the most recent ones.
  const edited = [linted(), linted()];
  cache.begin('k', docs.length);
  store(cache, edited, 0, ' edited');
  for (const d of edited) {
    assert.deepEqual(findingFixes(d.finding), [FIX]);
    assert.equal(d.relints(), 0, 'an edited document kept its parsed document');
  }
});

test('a first lint of a file no larger than fixSources keeps every parsed document; one under other settings lets them go too', () => {
  const cache = new DocumentCache(20000, 3);
  const docs = [0, 1, 2].map(linted);
  cache.begin('k', docs.length);
  store(cache, docs);
  cache.finish('k', docs.map((_, i) => `doc ${i}`), []);
  for (const d of docs) assert.deepEqual(findingFixes(d.finding), [FIX]);
  assert.deepEqual(docs.map((d) => d.relints()), [0, 0, 0]);

  const other = [0, 1, 2, 3].map(linted);
  cache.begin('other settings', other.length);
  other.forEach((d, i) => cache.store('other settings', `doc ${i}`, { findings: [d.finding], parseError: false, templated: false, fixes: d.scope }, i));
  // The last three first (building a released document's fixes holds it again, as the most recent).
  for (const i of [3, 2, 1, 0]) assert.deepEqual(findingFixes(other[i]!.finding), [FIX]);
  assert.deepEqual(other.map((d) => d.relints()), [1, 0, 0, 0]);
});

test('while fix-all keeps every parsed document, a first lint keeps them all too', () => {
  const cache = new DocumentCache(20000, 1);
  cache.keepFixSources(true);
  const docs = [0, 1, 2].map(linted);
  cache.begin('k', docs.length);
  store(cache, docs);
  assert.deepEqual(docs.map((d) => (findingFixes(d.finding), d.relints())), [0, 0, 0]);
});
