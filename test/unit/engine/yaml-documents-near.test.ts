// Issue 21, visible first: the documents around the shown lines are found without splitting the whole file
// (yamlDocumentsNear), and they are exactly the whole file's chunks (splitYamlDocuments) that the range touches:
// prolog-only documents (directives, `# shipshape-disable` comments) joining the next one, `...` end markers, CRLF,
// a lone CR, markers with trailing blanks, `---` inside a value, empty ranges and ranges at the ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitYamlDocuments, yamlDocumentsNear } from '../../../server/src/engine/parse/yaml';

const PIECES = [
  'kind: Pod\nmetadata:\n  name: a\n',
  '---\n',
  '--- \n',
  '---\r\n',
  '---\r',
  '...\n',
  '# shipshape-disable no-root\n',
  '%YAML 1.2\n',
  '# just a comment\n',
  'a: "---"\n',
  'b: |\n  ---x\n',
  '\n',
  'x: 1\r\n',
  '----\n',
];

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const touches = (offset: number, end: number, from: number, to: number) => from < end && to > offset - (from === to ? 1 : 0);

test('yamlDocumentsNear gives the whole split\'s chunks that a range touches', () => {
  let compared = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const text = Array.from({ length: 5 + Math.floor(next() * 120) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
    const whole = splitYamlDocuments(text);
    for (let k = 0; k < 12; k++) {
      const from = Math.floor(next() * (text.length + 1));
      const to = k % 3 === 0 ? from : Math.min(text.length, from + Math.floor(next() * 200));
      const expected = whole.filter((c) => touches(c.offset, c.offset + c.text.length, from, to));
      assert.deepEqual(yamlDocumentsNear(text, from, to), expected, `seed ${seed}, [${from}, ${to}) of ${JSON.stringify(text)}`);
      compared++;
    }
  }
  assert.ok(compared === 3600);
});

test('a long file: the documents around the middle, found without the whole split', () => {
  // Each document ends with `...`: the comment after it is a prolog of its own, which joins the next document.
  const doc = (i: number) => `# shipshape-disable rule-${i}\n---\nkind: Pod\nmetadata:\n  name: p${i}\n...\n`;
  const text = Array.from({ length: 2000 }, (_, i) => doc(i)).join('');
  const at = text.indexOf('name: p1000');
  const near = yamlDocumentsNear(text, at, at + 5);
  assert.equal(near.length, 1);
  assert.match(near[0]!.text, /^# shipshape-disable rule-1000\n---\nkind: Pod\n/);
  assert.deepEqual(near, splitYamlDocuments(text).filter((c) => c.offset <= at && at < c.offset + c.text.length));
});
