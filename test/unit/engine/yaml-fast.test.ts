/**
 * The fast YAML path (server/src/engine/parse/yaml-fast.ts) against the `yaml` library: wherever it returns a
 * document, that document must be the library's, field for field (node classes, ranges, values, scalar types and
 * formats, spaceBefore, comments, the document's range and directives). Checked on every YAML file of the
 * repository, on a table of shapes it must read itself (test/helpers/yaml-fast-diff.ts) and on shapes it must
 * leave to the library; test/unit/fuzz/yaml-fast.test.ts checks seeded mutations of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { FAST_OPTIONS, parseFastDocument } from '../../../server/src/engine/parse/yaml-fast';
import { parseChunk, splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { lintableFiles } from '../../helpers/lintable-files';
import { manyDocuments } from '../../helpers/many-documents';
import { agrees, difference, FAST_SHAPES as FAST } from '../../helpers/yaml-fast-diff';

/** Shapes the fast path must leave to the library. */
const LIBRARY = [
  '',
  '# only a comment\n',
  'a: 1\n    # more indented than the next key\nb: 2\n',
  '- \n  # after a dash\n  a: 1\n',
  'a: "x"# no space before the comment\n',
  'a: 1 # trailing\n  more: 2\n',
  'a: # comment\nb: 1\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '? complex\n: key\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\r\nb: 2\r\n',
  'a:\t1\n',
  'a: {b: {c: 1}}\n',
  'a: {b: c:d}\n',
  '- "a\\\nb"\n',
  'a: 1\n...  b: 2\n',
  'a: [[1]]\n',
  'a: |+\n  keep\n\n',
  'a: |2\n   x\n',
  'a:\n\nb: 1\n',
  'just a scalar\n',
  '\ufeffa: 1\n',
  'a: 1\n...\n',
  'a: 1\n---\nb: 2\n',
  'a: "unterminated\n',
  'a: b: c\n',
  'a:\n  b: 1\n c: 2\n',
];

test('the fast path reads the shapes of Kubernetes manifests exactly as the library does', () => {
  for (const text of FAST) assert.ok(agrees(text), `not read by the fast path: ${JSON.stringify(text)}`);
  const many = manyDocuments(40);
  const chunks = splitYamlDocuments(many);
  assert.ok(chunks.length >= 40);
  for (const c of chunks) assert.ok(agrees(c.text), `a generated document is not on the fast path: ${JSON.stringify(c.text)}`);
});

test('the fast path leaves the shapes it does not read to the library', () => {
  for (const text of LIBRARY) assert.equal(parseFastDocument(text), undefined, JSON.stringify(text));
});

test('every YAML document of the repository: the fast path agrees with the library wherever it reads one', () => {
  let read = 0;
  let total = 0;
  for (const { text, kind } of lintableFiles(['test/fixtures', 'examples'])) {
    if (kind !== 'yaml') continue;
    for (const c of splitYamlDocuments(text)) {
      total++;
      if (agrees(c.text)) read++;
    }
  }
  // Many fixtures hold comments, which the fast path leaves to the library; still, most documents are read.
  assert.ok(total > 1000 && read > total / 2, `${read} of ${total} documents read by the fast path`);
});

test('parseChunk gives the same documents with or without the fast path', () => {
  for (const text of [...FAST, ...LIBRARY]) {
    const got = parseChunk(text);
    const ref = parseAllDocuments(text, FAST_OPTIONS);
    assert.equal(got.docs.length, ref.length, JSON.stringify(text));
    got.docs.forEach((d, i) => assert.equal(difference(d.yaml, ref[i]), undefined, JSON.stringify(text)));
  }
});
