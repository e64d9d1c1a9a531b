/**
 * Property test of setIn over generated block documents in every style the
 * builders must follow (2 or 4 spaces, indented or flat sequences, LF or
 * CRLF, trailing comments): the output parses, holds exactly the original
 * data with the one value set, keeps every comment, and the builder refuses
 * only where the path runs through a value that is not a map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument, type YAMLMap } from 'yaml';
import { removeIn, setIn } from '../../../server/src/engine/fixes/yaml-edit';
import { applyTestEdits } from '../../helpers/fix-tester';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

type Scalar = number | string | boolean;
type Value = Scalar | Value[] | { [k: string]: Value };

const KEYS = ['a', 'b', 'c'];
const scalar = fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constantFrom('x', 'y z', 'RuntimeDefault'), fc.boolean());
const { value: valueArb } = fc.letrec<{ value: Value; map: { [k: string]: Value } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(scalar, { maxLength: 3 }), tie('map')),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3 }),
}));
const rootArb = fc.dictionary(fc.constantFrom(...KEYS), valueArb, { minKeys: 1, maxKeys: 3 });

const fmt = (v: Scalar): string => (typeof v === 'string' && v.includes(' ') ? JSON.stringify(v) : String(v));
const isMap = (v: unknown): v is { [k: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);

function render(obj: { [k: string]: Value }, col: number, unit: number, indentSeq: boolean, comment: () => string): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pad}${k}: []`);
      else out.push(`${pad}${k}:`, ...v.map((i) => `${' '.repeat(indentSeq ? col + unit : col)}- ${fmt(i as Scalar)}${comment()}`));
    } else if (isMap(v)) {
      if (Object.keys(v).length === 0) out.push(`${pad}${k}: {}`);
      else out.push(`${pad}${k}:${comment()}`, ...render(v, col + unit, unit, indentSeq, comment));
    } else out.push(`${pad}${k}: ${fmt(v)}${comment()}`);
  }
  return out;
}

/** The expected data after setting `path` to `value`, or undefined when the path runs through a non-map value. */
function expectedSet(obj: { [k: string]: Value }, path: string[], value: Scalar): { [k: string]: Value } | undefined {
  const copy = structuredClone(obj);
  let cur: { [k: string]: Value } = copy;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      if (key in cur && !(typeof cur[key] !== 'object')) return undefined; // a collection where the scalar goes
      cur[key] = value;
      return copy;
    }
    if (!(key in cur)) cur[key] = {};
    const next = cur[key];
    if (!isMap(next)) return undefined;
    cur = next;
  }
  return copy;
}

test('setIn on generated documents: parses, sets exactly the value, keeps comments', () => {
  fc.assert(
    fc.property(
      rootArb,
      fc.constantFrom(2, 4),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.array(fc.constantFrom(...KEYS, 'n'), { minLength: 1, maxLength: 3 }),
      scalar,
      (obj, unit, indentSeq, crlf, comments, path, value) => {
        let n = 0;
        const comment = () => (comments ? `  # c${n++}` : '');
        const eol = crlf ? '\r\n' : '\n';
        const text = render(obj, 0, unit, indentSeq, comment).join(eol) + eol;
        const doc = new YamlDocument(parseDocument(text));
        assert.deepEqual(doc.errors, [], text);
        const edits = setIn(doc, text, doc.contents as YAMLMap, path, value);
        const expected = expectedSet(obj, path, value);
        if (!edits) {
          const unchanged = expected !== undefined && JSON.stringify(expected) === JSON.stringify(obj);
          assert.ok(expected === undefined || unchanged, `refused a safe edit of ${path.join('.')} = ${value} in:\n${text}`);
          return;
        }
        assert.ok(expected, `edited through a non-map value: ${path.join('.')} in:\n${text}`);
        const out = applyTestEdits(text, edits);
        const after = parseDocument(out);
        assert.deepEqual(after.errors, [], out);
        assert.deepEqual(after.toJS(), expected, out);
        if (crlf) assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
        const commentsOf = (t: string) => t.match(/# c\d+/g) ?? [];
        assert.deepEqual(commentsOf(out), commentsOf(text), 'every comment kept, in order');
      },
    ),
    { numRuns: 400, seed: 6 },
  );
});

test('removeIn on generated documents: removes exactly the key, keeps the other comments', () => {
  fc.assert(
    fc.property(rootArb, fc.constantFrom(2, 4), fc.boolean(), fc.boolean(), fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }), (obj, unit, indentSeq, crlf, path) => {
      let n = 0;
      const comment = () => `  # c${n++}`;
      const eol = crlf ? '\r\n' : '\n';
      const text = render(obj, 0, unit, indentSeq, comment).join(eol) + eol;
      const doc = new YamlDocument(parseDocument(text));
      const edits = removeIn(doc, text, doc.contents as YAMLMap, path);
      // The expected data: the key deleted, when the whole path exists through maps.
      const copy = structuredClone(obj);
      let cur: { [k: string]: Value } | undefined = copy;
      for (const key of path.slice(0, -1)) {
        const next: Value | undefined = cur?.[key];
        cur = isMap(next) ? next : undefined;
      }
      const last = path[path.length - 1]!;
      const exists = cur !== undefined && last in cur;
      if (!edits) {
        // Refused only for a missing key or the document's only key (the root is not a value of a pair).
        assert.ok(!exists || (path.length === 1 && Object.keys(obj).length === 1), `refused removing ${path.join('.')} in:\n${text}`);
        return;
      }
      assert.ok(exists);
      delete cur![last];
      const out = applyTestEdits(text, edits);
      const after = parseDocument(out);
      assert.deepEqual(after.errors, [], out);
      assert.deepEqual(after.toJS() ?? {}, copy, out);
      if (crlf) assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
      const kept = (out.match(/# c\d+/g) ?? []).length;
      assert.ok(kept <= n && kept >= n - 1 - (text.split(eol).length - out.split(eol).length), 'only the removed lines\' comments go');
    }),
    { numRuns: 400, seed: 7 },
  );
});
