/**
 * The fast YAML path (server/src/engine/parse/yaml-fast.ts) against the `yaml` library: wherever it returns a
 * document, that document must be the library's, field for field (node classes, ranges, values, scalar types and
 * formats, spaceBefore, comments, the document's range and directives). Checked on every YAML file of the
 * repository, on a table of shapes it must read itself, on shapes it must leave to the library, and on seeded
 * mutations of all of them (`npm run fuzz` runs many more).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { FAST_OPTIONS, parseFastDocument } from '../../../server/src/engine/parse/yaml-fast';
import { parseChunk, splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { lintableFiles } from '../../helpers/lintable-files';
import { manyDocuments } from '../../helpers/many-documents';
import { FUZZ_RUNS, FUZZ_SEED } from '../../helpers/fuzz-runner';

/** The first difference between two parse results (own enumerable fields, prototypes), or undefined. */
function difference(a: unknown, b: unknown, path = '$', seen = new Set<unknown>()): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${show(a)} !== ${show(b)}`;
  if (seen.has(a)) return undefined;
  seen.add(a);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: ${a.constructor?.name} !== ${b.constructor?.name}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, seen);
    if (d) return d;
  }
  return undefined;
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** What the library makes of `text`, when it is one document without errors or warnings. */
function library(text: string) {
  const docs = parseAllDocuments(text, FAST_OPTIONS);
  return Array.isArray(docs) && docs.length === 1 && docs[0]!.errors.length === 0 && docs[0]!.warnings.length === 0 ? docs[0] : undefined;
}

/** Fails when the fast path reads `text` differently from the library; true when it read it at all. */
function agrees(text: string): boolean {
  const fast = parseFastDocument(text);
  if (!fast) return false;
  const ref = library(text);
  assert.ok(ref, `the fast path read text the library reports problems in: ${JSON.stringify(text)}`);
  const d = difference(fast, ref);
  assert.equal(d, undefined, `${d} in ${JSON.stringify(text)}`);
  return true;
}

/** Shapes the fast path must read itself (and exactly as the library). */
const FAST = [
  'apiVersion: v1\nkind: Pod\n',
  '---\napiVersion: v1\nkind: Pod\n',
  '--- \n# leading comment\n# second line\nkind: Pod\n',
  '# header comment\nkind: Pod\nspec: {}\n',
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
  'a: 1\n\nb: 2\n\n\nc:\n  d: 1\n\n  e: 2\n\nf: 3\n\n',
  'containers:\n- name: a\n  image: x\n\n- name: b\n  args: ["--a", \'b\', c d, 1]\n',
  'containers:\n  - name: a\n    ports:\n      - containerPort: 80\n        protocol: TCP\nnext: x\n',
  '- a\n- b: 1\n  c: 2\n-\n  d: 3\n-\n  - x\n',
  'v: [ "a" , b ]\nw: []\nx: {}\ny: [  ]\n',
  'matchLabels: { app: web, "tier": \'front\' , n: 1 }\nl: {a: b}\n',
  'n: ~\nb: true\nB: FALSE\ni: -12\no: 0o17\nh: 0x1F\nf: 1.50\ne: 1e3\ninf: -.inf\nnan: .NaN\nz: 007\ns: 1.2.3\n',
  'url: http://example.com:8080/x?y=1#frag\nimage: nginx:1.27\nk:v: 1\n"quoted key": "v"\n\'single\': \'it\'\'s\'\n',
  'd: "tab\\there \\"q\\" \\\\ \\/ \\n \\0 \\x41 \\u00e9 \\U0001F600 \\_ \\N"\n',
  'a: "first\n  second\n\n  third"\nb: \'one\n   two\n\n\n   three\'\nc: "x \\\n   y"\n',
  'description: This is a long\n  description over\n  several lines\n\n  with a paragraph\nnext: 1\n',
  'script: |\n  #!/bin/sh\n  echo "a: b" # not a comment\n\n    indented\n  done\ntrimmed: |-\n  a\n  b\nfolded: >\n  a\n  b\n\n  c\n    more\n  d\nfs: >-\n  x\n  y\n',
  'a: |\n  text\n\n\nb: 1\n',
  'key:   value   \nother:\tx\n'.replace('\t', ' '),
  'a: b # not\n'.replace(' # not', ''),
  '- 1\n- "2"\n- x: [a]\n  y: {}\n',
  'a:\n- 1\n- 2\nb:\n- c: 1\n',
  'no-final-newline: true',
  'a: 1\n# comment inside\nb: 2\n',
  '# one\n#\n#   two  \na: 1\nb:\n  # before a nested key\n  c: 2\n\n  # after a blank\n\n  d: 3\n# at column 0 before a nested key\n  e: 4\n',
  'spec:\n  # before the block\n\n  # second\n  containers:\n\n  # before a sequence\n  - name: a\n    # inside an item\n    image: x\n  # between items\n\n  - name: b\na:\n- 1\n# at the sequence column 0\nb: 2\n',
  'a:\n  b:\n    c: 1\n  # dedented comment\n  d: 2\n# to the root\ne: 3\n',
  'a: 1\n# trailing\n\n#  comments\n\n',
  '# header\n\nkind: Pod\n',
  '# header\n\n# second\nkind: Pod\n',
  '---\n\n# after a blank\nkind: Pod\n',
  '---\n# c\n\nkind: Pod\n',
  'a: |\n  # not a comment\n  x\n# a comment\nb: 1\n',
  'a:\n  b: 1\n  # trailing at column 2\n',
  'spec:\n  containers:\n    - name: x\n      # resources:\n      #   limits: 1\n\n  volumes: []\nx:\n  - a\n  - b\n  # at the column of a sequence\ny: 1\n',
  'a: 1 # trailing\nb: "q"   #\nc: [x] # flow\nd: { k: v } # map\ne: # before a block\n  # and more\n\n  f: 1\n',
  'a:\nb:   \nc:\n  d:\ne: 1\nf:\n',
  'list:\n- a:\n  b: 1\n- c:\n',
  'x:\n  a:\n  - 1\n  # at the sequence column\n  b: 2\n',
];

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

/** A small seeded generator (xorshift), so a failure is reproducible from its seed. */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const FRAGMENTS = [' ', '  ', '\n', '\n\n', '#', ' #', ':', ': ', '- ', '-', '"', "'", '\\', '[', ']', '{', '}', ',', '|', '>', '|-', '>-', '&a ', '*a', '!x ', '?', '%', '@', '`', 'x', '0x1F', '1e3', '.5', 'null', '~', 'true', '---', '...', '\\n', '\\"', '\\x4', '\u00e9', '  - ', 'k: v\n', '\n  '];

test('mutated manifests: wherever the fast path reads one, it agrees with the library', () => {
  const rnd = random(FUZZ_SEED);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const bases = [...FAST, ...splitYamlDocuments(manyDocuments(5)).map((c) => c.text)];
  const runs = FUZZ_RUNS !== undefined ? FUZZ_RUNS * 25 : 2500;
  let read = 0;
  for (let n = 0; n < runs; n++) {
    let text = pick(bases);
    for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) {
      const at = Math.floor(rnd() * (text.length + 1));
      const op = rnd();
      if (op < 0.5) text = text.slice(0, at) + pick(FRAGMENTS) + text.slice(at);
      else if (op < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
      else {
        const lines = text.split('\n');
        lines.splice(Math.floor(rnd() * lines.length), 0, pick(lines));
        text = lines.join('\n');
      }
    }
    if (agrees(text)) read++;
  }
  // The mutations must leave many texts on the fast path, or this checks nothing.
  assert.ok(read > runs / 5, `only ${read} of ${runs} mutated texts were read by the fast path (seed ${FUZZ_SEED})`);
});
