/**
 * The fast YAML path (server/src/engine/parse/yaml-fast.ts) against the `yaml` library, for its tests: the first
 * difference between two parse results, a check that fails when the two disagree, and the shapes the fast path
 * must read itself.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { FAST_OPTIONS, parseFastDocument } from '../../server/src/engine/parse/yaml-fast';

/** The first difference between two parse results (own enumerable fields, prototypes), or undefined. */
export function difference(a: unknown, b: unknown, path = '$', seen = new Set<unknown>()): string | undefined {
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
export function agrees(text: string): boolean {
  const fast = parseFastDocument(text);
  if (!fast) return false;
  const ref = library(text);
  assert.ok(ref, `the fast path read text the library reports problems in: ${JSON.stringify(text)}`);
  const d = difference(fast, ref);
  assert.equal(d, undefined, `${d} in ${JSON.stringify(text)}`);
  return true;
}

/** Shapes the fast path must read itself (and exactly as the library). */
export const FAST_SHAPES = [
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
