import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { addToSeq, removeIn, removeSeqItem, replacePair, setIn, setMapEntry } from '../../../server/src/engine/fixes/yaml-edit';
import fc from 'fast-check';
import { formatParsed, formatScalar } from '../../../server/src/engine/fixes/yaml-format';
import { yamlStyle } from '../../../server/src/engine/fixes/yaml-style';
import { applyTestEdits } from '../../helpers/fix-tester';
import type { TextEdit } from '../../../server/src/engine/types';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

const doc = (text: string) => new YamlDocument(parseDocument(text));
const root = (d: ReturnType<typeof doc>) => d.contents as YAMLMap;
/** The map at a path of keys and sequence indexes. */
function at(d: ReturnType<typeof doc>, ...path: Array<string | number>): YAMLMap {
  let cur: unknown = d.contents;
  for (const p of path) cur = (cur as YAMLMap | YAMLSeq).get(p as never, true);
  return cur as YAMLMap;
}

/** Apply, check the output parses and is the expected text. */
function expectEdit(text: string, edits: TextEdit[] | undefined, expected: string): void {
  assert.ok(edits, 'expected edits');
  const out = applyTestEdits(text, edits);
  assert.equal(out, expected);
  assert.deepEqual(parseDocument(out).errors, []);
}

test('setIn creates missing parents at the siblings indentation (2 spaces, indented sequences)', () => {
  const text = 'spec:\n  containers:\n    - name: web  # main\n      image: nginx\n    - name: side\n';
  const d = doc(text);
  expectEdit(
    text,
    setIn(d, text, at(d, 'spec', 'containers', 0), ['securityContext', 'capabilities', 'drop'], ['ALL']),
    'spec:\n  containers:\n    - name: web  # main\n      image: nginx\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n    - name: side\n',
  );
});

test('setIn follows a 4-space file with non-indented sequences', () => {
  const text = 'spec:\n    containers:\n    -   name: web\n        image: nginx\n';
  const d = doc(text);
  assert.deepEqual(yamlStyle(text), { unit: 4, indentSequences: false, eol: '\n' });
  expectEdit(
    text,
    setIn(d, text, at(d, 'spec', 'containers', 0), ['securityContext', 'capabilities', 'drop'], ['ALL']),
    'spec:\n    containers:\n    -   name: web\n        image: nginx\n        securityContext:\n            capabilities:\n                drop:\n                - ALL\n',
  );
});

test('setIn replaces an existing scalar and keeps its comment', () => {
  const text = 'securityContext:\n  privileged: true # why\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['securityContext', 'privileged'], false), 'securityContext:\n  privileged: false # why\n');
  assert.equal(setIn(d, text, root(d), ['securityContext', 'privileged'], true), undefined, 'no edit when already set');
  assert.equal(setIn(d, text, root(d), ['securityContext', 'privileged'], false, { keepExisting: true }), undefined);
});

test('setIn inserts after a chosen sibling and before trailing comment lines', () => {
  const text = 'a: 1\nb:\n  c: 2\n  # about d\nd: 3\n# end\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['x'], 'z', { after: ['b'] }), 'a: 1\nb:\n  c: 2\nx: z\n  # about d\nd: 3\n# end\n');
  expectEdit(text, setIn(d, text, root(d), ['x'], 'z'), 'a: 1\nb:\n  c: 2\n  # about d\nd: 3\nx: z\n# end\n');
  // A string kubectl would read as something else (YAML 1.1) is quoted.
  expectEdit(text, setIn(d, text, root(d), ['x'], 'y'), 'a: 1\nb:\n  c: 2\n  # about d\nd: 3\nx: "y"\n# end\n');
});

test('setIn keeps CRLF line endings', () => {
  const text = 'spec:\r\n  containers:\r\n  - name: web\r\n    image: nginx\r\n';
  const d = doc(text);
  expectEdit(
    text,
    setIn(d, text, at(d, 'spec', 'containers', 0), ['securityContext', 'allowPrivilegeEscalation'], false),
    'spec:\r\n  containers:\r\n  - name: web\r\n    image: nginx\r\n    securityContext:\r\n      allowPrivilegeEscalation: false\r\n',
  );
});

test('setIn with a quoted key finds the existing pair', () => {
  const text = '"securityContext":\n  \'privileged\': true\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['securityContext', 'privileged'], false), '"securityContext":\n  \'privileged\': false\n');
  expectEdit(text, setIn(d, text, root(d), ['securityContext', 'runAsNonRoot'], true), '"securityContext":\n  \'privileged\': true\n  runAsNonRoot: true\n');
});

test('setIn edits inside a one-line flow map, and refuses a multi-line one', () => {
  const text = 'securityContext: {privileged: true}\nother: {}\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['securityContext', 'privileged'], false), 'securityContext: {privileged: false}\nother: {}\n');
  expectEdit(
    text,
    setIn(d, text, root(d), ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }),
    'securityContext: {privileged: true, seccompProfile: {type: RuntimeDefault}}\nother: {}\n',
  );
  expectEdit(text, setIn(d, text, root(d), ['other', 'a'], 1), 'securityContext: {privileged: true}\nother: {a: 1}\n');
  const multi = 'securityContext: {\n  privileged: true}\n';
  const dm = doc(multi);
  assert.equal(setIn(dm, multi, root(dm), ['securityContext', 'runAsNonRoot'], true), undefined);
});

test('setIn fills a key with a null value', () => {
  const text = 'securityContext:\nnext: 1\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['securityContext', 'runAsNonRoot'], true), 'securityContext:\n  runAsNonRoot: true\nnext: 1\n');
  const tilde = 'securityContext: ~ # none\n';
  const dt = doc(tilde);
  expectEdit(tilde, setIn(dt, tilde, root(dt), ['securityContext', 'runAsNonRoot'], true), 'securityContext: # none\n  runAsNonRoot: true\n');
});

test('setIn merges an object into an existing map without duplicating keys', () => {
  const text = 'resources:\n  limits:\n    cpu: 500m\n';
  const d = doc(text);
  expectEdit(
    text,
    setIn(d, text, root(d), ['resources'], { limits: { memory: '256Mi' }, requests: { cpu: '100m' } }, { keepExisting: true }),
    'resources:\n  limits:\n    cpu: 500m\n    memory: 256Mi\n  requests:\n    cpu: 100m\n',
  );
});

test('anchors, aliases and merge keys on the path: no edit', () => {
  const anchored = 'sc: &sc\n  privileged: true\nspec:\n  securityContext: *sc\n';
  const da = doc(anchored);
  assert.equal(setIn(da, anchored, root(da), ['sc', 'privileged'], false), undefined);
  assert.equal(setIn(da, anchored, root(da), ['spec', 'securityContext', 'privileged'], false), undefined);
  const merged = 'base: &b {image: x}\nweb:\n  <<: *b\n  privileged: true\n';
  const dm = doc(merged);
  assert.equal(setIn(dm, merged, root(dm), ['web', 'privileged'], false), undefined);
  const anchoredValue = 'a:\n  b: &v 1\nc: *v\n';
  const dv = doc(anchoredValue);
  assert.equal(removeIn(dv, anchoredValue, root(dv), ['a', 'b']), undefined);
});

test('removeIn removes whole lines, a trailing comment with them', () => {
  const text = 'spec:\n  hostNetwork: true  # needed?\n  # keep me\n  containers: []\n';
  const d = doc(text);
  expectEdit(text, removeIn(d, text, root(d), ['spec', 'hostNetwork']), 'spec:\n  # keep me\n  containers: []\n');
  assert.equal(removeIn(d, text, root(d), ['spec', 'missing']), undefined);
});

test('removeIn of the only entry leaves an empty map', () => {
  const text = 'securityContext:  # sc\n  procMount: Unmasked\nnext: 1\n';
  const d = doc(text);
  expectEdit(text, removeIn(d, text, root(d), ['securityContext', 'procMount']), 'securityContext: {}  # sc\nnext: 1\n');
  const flow = 'securityContext: {procMount: Unmasked}\n';
  const df = doc(flow);
  expectEdit(flow, removeIn(df, flow, root(df), ['securityContext', 'procMount']), 'securityContext: {}\n');
});

test('removeIn in sequence item maps and flow maps', () => {
  const text = 'ports:\n- hostPort: 80\n  containerPort: 80\n- containerPort: 81\n  hostPort: 81\n';
  const d = doc(text);
  expectEdit(text, removeIn(d, text, at(d, 'ports', 0), ['hostPort']), 'ports:\n- containerPort: 80\n- containerPort: 81\n  hostPort: 81\n');
  expectEdit(text, removeIn(d, text, at(d, 'ports', 1), ['hostPort']), 'ports:\n- hostPort: 80\n  containerPort: 80\n- containerPort: 81\n');
  const flow = 'p: {a: 1, b: 2, c: 3}\n';
  const df = doc(flow);
  expectEdit(flow, removeIn(df, flow, root(df), ['p', 'a']), 'p: {b: 2, c: 3}\n');
  expectEdit(flow, removeIn(df, flow, root(df), ['p', 'c']), 'p: {a: 1, b: 2}\n');
});

test('addToSeq merges into block and flow sequences without duplicates', () => {
  const text = 'drop:\n  - NET_RAW # raw\nflow: [NET_RAW]\nempty: []\n';
  const d = doc(text);
  expectEdit(text, addToSeq(d, text, root(d), ['drop'], ['ALL']), 'drop:\n  - NET_RAW # raw\n  - ALL\nflow: [NET_RAW]\nempty: []\n');
  expectEdit(text, addToSeq(d, text, root(d), ['flow'], ['ALL']), 'drop:\n  - NET_RAW # raw\nflow: [NET_RAW, ALL]\nempty: []\n');
  expectEdit(text, addToSeq(d, text, root(d), ['empty'], ['ALL']), 'drop:\n  - NET_RAW # raw\nflow: [NET_RAW]\nempty: [ALL]\n');
  assert.equal(addToSeq(d, text, root(d), ['flow'], ['NET_RAW']), undefined);
  expectEdit(text, addToSeq(d, text, root(d), ['caps', 'drop'], ['ALL']), 'drop:\n  - NET_RAW # raw\nflow: [NET_RAW]\nempty: []\ncaps:\n  drop:\n    - ALL\n');
  const nul = 'drop:\nx: 1\n';
  const dn = doc(nul);
  expectEdit(nul, addToSeq(dn, nul, root(dn), ['drop'], ['ALL']), 'drop:\n  - ALL\nx: 1\n');
});

test('removeSeqItem removes an item; the last one leaves []', () => {
  const text = 'add:\n- SYS_ADMIN\n- NET_ADMIN\none:\n  - SYS_ADMIN  # x\nflow: [A, B]\n';
  const d = doc(text);
  const add = root(d).get('add', true) as unknown as YAMLSeq;
  expectEdit(text, removeSeqItem(d, text, add, add.items[0]), 'add:\n- NET_ADMIN\none:\n  - SYS_ADMIN  # x\nflow: [A, B]\n');
  const one = root(d).get('one', true) as unknown as YAMLSeq;
  expectEdit(text, removeSeqItem(d, text, one, one.items[0]), 'add:\n- SYS_ADMIN\n- NET_ADMIN\none: []\nflow: [A, B]\n');
  const flow = root(d).get('flow', true) as unknown as YAMLSeq;
  expectEdit(text, removeSeqItem(d, text, flow, flow.items[1]), 'add:\n- SYS_ADMIN\n- NET_ADMIN\none:\n  - SYS_ADMIN  # x\nflow: [A]\n');
});

test('replacePair writes a block in place of a pair', () => {
  const text = 'env:\n  - name: DB_PASSWORD\n    value: hunter2  # x\n';
  const d = doc(text);
  expectEdit(
    text,
    replacePair(d, text, at(d, 'env', 0), ['value'], 'valueFrom', { secretKeyRef: { name: 'app-secrets', key: 'db-password' } }),
    'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-secrets\n        key: db-password  # x\n',
  );
});

test('setMapEntry adds an annotation, creating annotations when missing', () => {
  const text = 'metadata:\n  name: web\nspec: {}\n';
  const d = doc(text);
  expectEdit(
    text,
    setMapEntry(d, text, root(d), ['metadata', 'annotations'], 'shipshape.io/ignore', 'host-network'),
    'metadata:\n  name: web\n  annotations:\n    shipshape.io/ignore: host-network\nspec: {}\n',
  );
  const withAnn = 'metadata:\n  annotations:\n    a: "1"\n';
  const dw = doc(withAnn);
  expectEdit(withAnn, setMapEntry(dw, withAnn, root(dw), ['metadata', 'annotations'], 'b', 'x: y'), 'metadata:\n  annotations:\n    a: "1"\n    b: "x: y"\n');
});

test('formatScalar quotes what would not read back as the same string', () => {
  assert.equal(formatScalar('RuntimeDefault'), 'RuntimeDefault');
  assert.equal(formatScalar('100m'), '100m');
  assert.equal(formatScalar('true'), '"true"');
  assert.equal(formatScalar('10'), '"10"');
  assert.equal(formatScalar('a: b'), '"a: b"');
  assert.equal(formatScalar(''), '""');
  assert.equal(formatScalar(10001), '10001');
});

test('formatScalar: words written without asking the parser are formatted as the parser says (no memo needed)', () => {
  const words = ['RuntimeDefault', 'ALL', 'runAsNonRoot', 'a.b/c-d_e', 'x', 'y', 'Y', 'n', 'N', 'on', 'On', 'OFF', 'yes', 'No', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'e5', 'E', 'inf', 'nan', 'NaN', 'Infinity', 'x1e5', 'a0x1', 'o777'];
  for (const w of words) assert.equal(formatScalar(w), formatParsed(w), w);
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_./-]{0,12}$/), (w) => formatScalar(w) === formatParsed(w)),
    { numRuns: 2000 },
  );
});

test('a replaced scalar keeps an aligned trailing comment in its column', () => {
  const text = 'a:\n  privileged: true     # x\n  other: 1             # y\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['a', 'privileged'], false), 'a:\n  privileged: false    # x\n  other: 1             # y\n');
});

test('addToSeq quotes a new item like its siblings', () => {
  const text = 'drop: ["NET_RAW"]\nadd:\n  - \'CHOWN\'\n';
  const d = doc(text);
  expectEdit(text, addToSeq(d, text, root(d), ['drop'], ['ALL']), 'drop: ["NET_RAW", "ALL"]\nadd:\n  - \'CHOWN\'\n');
  expectEdit(text, addToSeq(d, text, root(d), ['add'], ['KILL']), 'drop: ["NET_RAW"]\nadd:\n  - \'CHOWN\'\n  - \'KILL\'\n');
});

test('a document without a trailing newline gets new lines at its end', () => {
  const text = 'spec:\n  containers:\n  - name: web';
  const d = doc(text);
  expectEdit(text, setIn(d, text, at(d, 'spec', 'containers', 0), ['securityContext', 'privileged'], false), 'spec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: false');
});

test('block scalars: inserting after a literal keeps its content, keep chomping refuses', () => {
  const text = 'c:\n  args: |\n    run\n    # not a comment\n\n  image: x\n';
  const d = doc(text);
  expectEdit(text, setIn(d, text, root(d), ['c', 'z'], 1, { after: ['args'] }), 'c:\n  args: |\n    run\n    # not a comment\n  z: 1\n\n  image: x\n');
  const keep = 'c:\n  args: |+\n    run\n\n';
  const dk = doc(keep);
  assert.equal(setIn(dk, keep, root(dk), ['c', 'z'], 1), undefined);
});

test('setIn merges a whole hardening object in one edit (lists merged, unsafe parts make it undefined)', () => {
  const text = 'c:\n  securityContext:\n    allowPrivilegeEscalation: true\n    capabilities:\n      drop: [NET_RAW]\n  image: x\n';
  const d = doc(text);
  const harden = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
  expectEdit(
    text,
    setIn(d, text, root(d), ['c', 'securityContext'], harden),
    'c:\n  securityContext:\n    allowPrivilegeEscalation: false\n    capabilities:\n      drop: [NET_RAW, ALL]\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  image: x\n',
  );
  const anchored = 'c:\n  securityContext:\n    capabilities: &caps\n      drop: [NET_RAW]\nd: *caps\n';
  const dm = doc(anchored);
  assert.equal(setIn(dm, anchored, root(dm), ['c', 'securityContext'], harden), undefined, 'one unsafe part: no edit at all');
  const done = 'c:\n  securityContext:\n    runAsNonRoot: true\n';
  const dd = doc(done);
  assert.equal(setIn(dd, done, root(dd), ['c', 'securityContext'], { runAsNonRoot: true }), undefined, 'nothing to change');
});
