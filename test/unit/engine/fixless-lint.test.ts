// Linting without fixes (the language server's diagnostics pass) finds exactly what a lint with fixes
// finds, minus the fixes; the cache keeps the two kinds of result apart; and lintYamlDocumentsAt gives a
// code action the findings, fixes included, of just the documents it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkIndexAt, DocumentCache, lintText, lintYamlDocumentsAt, type FileKind, type Finding } from '../../../server/src/engine';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/** Every example file (YAML manifests, compose files, Dockerfiles) with its kind. */
const FILES: Array<{ name: string; kind: FileKind; text: string }> = readdirSync(EXAMPLES, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .sort()
  .flatMap((path) => {
    const kind: FileKind | undefined = /\.ya?ml$/.test(path) ? 'yaml' : /Dockerfile/.test(path) ? 'dockerfile' : undefined;
    return kind ? [{ name: path.slice(EXAMPLES.length + 1), kind, text: readFileSync(path, 'utf8') }] : [];
  });

function withoutFixes(findings: readonly Finding[]): Finding[] {
  return findings.map(({ fixes: _fixes, ...rest }) => rest);
}

const fixCount = (findings: readonly Finding[]) => findings.reduce((n, f) => n + (f.fixes?.length ?? 0), 0);

test('a lint without fixes finds what a lint with fixes finds, minus the fixes, in every example', () => {
  let fixes = 0;
  let findings = 0;
  assert.ok(FILES.some((f) => f.kind === 'dockerfile') && FILES.some((f) => f.kind === 'yaml'));
  for (const { name, kind, text } of FILES) {
    const full = lintText(text, kind);
    const fixless = lintText(text, kind, { fixes: false });
    assert.deepEqual(fixless, withoutFixes(full), name);
    assert.equal(fixCount(fixless), 0, name);
    fixes += fixCount(full);
    findings += full.length;
  }
  // Not vacuous: the examples have fixes to leave out.
  assert.ok(fixes > 100, `${fixes} fixes in ${findings} findings`);
});

test('one cache holds lints with and without fixes apart', () => {
  const text = readFileSync(join(EXAMPLES, 'insecure', 'deployment.yaml'), 'utf8');
  const cache = new DocumentCache();
  const fixless = lintText(text, 'yaml', { cache, fixes: false });
  assert.equal(fixCount(fixless), 0);
  const full = lintText(text, 'yaml', { cache });
  assert.ok(fixCount(full) > 0, 'the lint with fixes reused the entries without');
  assert.deepEqual(full, lintText(text, 'yaml'));
  const misses = cache.misses;
  assert.deepEqual(lintText(text, 'yaml', { cache, fixes: false }), fixless);
  assert.deepEqual(lintText(text, 'yaml', { cache }), full);
  assert.equal(cache.misses, misses, 'both kinds were cached');
});

test('lintYamlDocumentsAt: the findings, with fixes, of the documents holding the offsets', () => {
  const text = FILES.filter((f) => f.kind === 'yaml' && f.name.startsWith('insecure'))
    .map((f) => f.text.replace(/\n*$/, '\n'))
    .join('---\n');
  const chunks = splitYamlDocuments(text);
  assert.ok(chunks.length > 20, `${chunks.length}`);
  const full = lintText(text, 'yaml');
  const inChunk = (i: number) => (f: Finding) => f.span.start >= chunks[i]!.offset && (i + 1 === chunks.length || f.span.start < chunks[i + 1]!.offset);
  let checked = 0;
  for (let i = 0; i < chunks.length; i++) {
    const expected = full.filter(inChunk(i));
    if (expected.length === 0) continue;
    checked++;
    // Any offset inside the document selects it: its first finding's, and its last character's.
    const last = (i + 1 === chunks.length ? text.length : chunks[i + 1]!.offset) - 1;
    assert.deepEqual(lintYamlDocumentsAt(text, [expected[0]!.span.start]), expected, `document ${i}`);
    assert.deepEqual(lintYamlDocumentsAt(text, [last, last]), expected, `document ${i} (its last character)`);
    assert.deepEqual(lintYamlDocumentsAt(text, [expected[0]!.span.start], { fixes: false }), withoutFixes(expected), `document ${i} without fixes`);
    assert.equal(chunkIndexAt(chunks, last), i);
  }
  assert.ok(checked > 20, `${checked}`);
  assert.ok(fixCount(full) > 0);
  // Several documents at once, in file order whatever the order of the offsets.
  const picks = [chunks.length - 1, 0, Math.floor(chunks.length / 2)];
  const expected = full.filter((f) => picks.some((i) => inChunk(i)(f)));
  assert.deepEqual(
    lintYamlDocumentsAt(
      text,
      picks.map((i) => chunks[i]!.offset),
    ),
    expected,
  );
  assert.deepEqual(lintYamlDocumentsAt(text, []), []);
  assert.deepEqual(lintYamlDocumentsAt('\u0000\u0001\u0002binary\u0000', [0]), []);
});

test('chunkIndexAt: the chunk whose range holds the offset', () => {
  const chunks = [{ offset: 0 }, { offset: 10 }, { offset: 25 }];
  const at = (n: number) => chunkIndexAt(chunks, n);
  assert.deepEqual([0, 9, 10, 24, 25, 1000, -1].map(at), [0, 0, 1, 1, 2, 2, 0]);
  assert.equal(chunkIndexAt([{ offset: 0 }], 5), 0);
});
