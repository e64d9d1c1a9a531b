// Inline kustomize patches: every character of the scalar's value maps back to where it was
// written in the kustomization (issue 18: findings in an inline patch land on its line), and
// patch text is read with origins; target label selectors; previous ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { inlineText, readPatchDocuments } from '../../../server/src/engine/project/kustomize/patch-source';
import { applyPatches, setPreviousIds } from '../../../server/src/engine/project/kustomize/patches';
import { compileSelector, parseLabelSelector } from '../../../server/src/engine/project/kustomize/select';
import { fieldSchema, isAssociative, itemSchema, schemaForKind } from '../../../server/src/engine/project/kustomize/patch-schema';
import { Provenance, type BuiltObject, type ProjectProblem } from '../../../server/src/engine/project/types';
import { memoryHost } from '../../helpers/kustomize-host';

const KUST = '/k/kustomization.yaml';

function inlineOf(source: string): Scalar {
  const doc = parseDocument(source);
  return ((doc.get('patches') as YAMLSeq).items[0] as YAMLMap).get('patch', true) as Scalar;
}

/** Every value character maps to the same character in the source (or, folded, a line break for a space). */
function assertMapsExactly(source: string): void {
  const scalar = inlineOf(source);
  const t = inlineText(scalar, KUST, source);
  assert.ok(t.text.length > 0);
  for (let i = 0; i < t.text.length; i++) {
    const span = t.span(i, i + 1);
    const written = source.slice(span.start, span.end);
    const ok = written === t.text[i] || (t.text[i] === ' ' && written === '\n') || (t.text[i] === '\n' && written === '\n');
    assert.ok(ok, `value[${i}] ${JSON.stringify(t.text[i])} maps to ${JSON.stringify(written)}`);
  }
}

test('a literal block scalar maps line by line, indentation removed (blank lines, deeper lines, CRLF)', () => {
  assertMapsExactly('patches:\n  - patch: |-\n      kind: Deployment\n      metadata:\n        name: web\n\n      spec: {}\n');
  assertMapsExactly('patches:\n  - patch: |\r\n      kind: A\r\n      spec:\r\n        x: 1\r\n');
  assertMapsExactly('patches:\n  - patch: |2-\n        kind: A\n      spec: 1\n');
  const item = 'patchesStrategicMerge:\n  - |2\n      kind: A\n    x: 1\n';
  const scalar = (parseDocument(item).get('patchesStrategicMerge') as YAMLSeq).items[0] as Scalar;
  const t = inlineText(scalar, KUST, item);
  const all = t.span(0, t.text.length);
  assert.equal(item.slice(all.start, all.end), '  kind: A\n    x: 1\n', 'a list item\'s indicator counts from its dash');
});

test('folded block scalars and plain or quoted single-line scalars map exactly', () => {
  assertMapsExactly('patches:\n  - patch: >-\n      [{"op": "remove",\n      "path": "/spec"}]\n');
  assertMapsExactly(`patches:\n  - patch: '[{"op": "remove", "path": "/spec"}]'\n`);
  assertMapsExactly('patches:\n  - patch: "[]"\n');
  assertMapsExactly('patches:\n  - patch: kind\n');
});

test('a scalar that cannot be matched character by character (escapes) maps every range to the whole scalar', () => {
  const source = 'patches:\n  - patch: "kind: A\\nmetadata: {name: x}"\n';
  const scalar = inlineOf(source);
  const t = inlineText(scalar, KUST, source);
  assert.equal(t.text, 'kind: A\nmetadata: {name: x}');
  assert.deepEqual(t.span(0, 4), { start: scalar.range![0], end: scalar.range![1] });
  assert.deepEqual(inlineText(scalar, KUST, undefined).span(2, 3), { start: scalar.range![0], end: scalar.range![1] });
});

test('patch documents: empty documents are skipped, every node has an origin with its key, YAML errors carry their range', () => {
  const text = '---\n# nothing\n---\nkind: A\nmetadata:\n  name: x\n';
  const docs = readPatchDocuments({ text, file: '/p.yaml', span: (start, end) => ({ start, end }) }, 'patches');
  assert.equal(docs.nodes.length, 1);
  const name = ((docs.nodes[0] as YAMLMap).get('metadata') as YAMLMap).get('name', true) as Scalar;
  const o = docs.provenance.get(name)!;
  assert.equal(text.slice(o.span.start, o.span.end), 'x');
  assert.equal(text.slice(o.keySpan!.start, o.keySpan!.end), 'name');
  const bad = readPatchDocuments({ text: 'a: [1, 2\n', file: '/p.yaml', span: (start, end) => ({ start, end }) }, 'patches');
  assert.ok(bad.error && bad.error.span.start >= 0);
});

test('label selectors: =, ==, !=, in, notin, exists, !key, and numeric comparisons; bad syntax throws', () => {
  assert.deepEqual(parseLabelSelector('a=1, b==2,c!=3'), [
    { key: 'a', op: 'in', values: ['1'] },
    { key: 'b', op: 'in', values: ['2'] },
    { key: 'c', op: 'notin', values: ['3'] },
  ]);
  assert.deepEqual(parseLabelSelector('env in (prod, staging),tier notin (x),app.kubernetes.io/name,!legacy'), [
    { key: 'env', op: 'in', values: ['prod', 'staging'] },
    { key: 'tier', op: 'notin', values: ['x'] },
    { key: 'app.kubernetes.io/name', op: 'exists', values: [] },
    { key: 'legacy', op: '!', values: [] },
  ]);
  assert.deepEqual(parseLabelSelector('replicas>2'), [{ key: 'replicas', op: 'gt', values: ['2'] }]);
  assert.throws(() => parseLabelSelector('a=1,,b=2'));
  assert.throws(() => parseLabelSelector('=x'));
});

test('a patch finds an object by a name (and namespace) it had before a transformer renamed it', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: prod-cfg\n  namespace: shop\ndata: {a: "1"}\n';
  const node = parseAllDocuments(text)[0]!.contents as YAMLMap;
  const obj: BuiltObject = { node, provenance: new Provenance(), source: { file: '/b.yaml', span: { start: 0, end: text.length } } };
  const patch = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata: {b: "2"}\n';
  const out = { problems: [] as ProjectProblem[], inputs: new Set<string>(), patches: new Set<string>() };
  const spec = { field: 'patches' as const, path: '/k/p.yaml', kustomization: KUST, entry: { start: 0, end: 1 } };
  applyPatches([obj], [spec], memoryHost({ '/k/p.yaml': patch }), out);
  assert.equal(out.problems.length, 1, 'unknown old name: not found');
  out.problems.length = 0;
  setPreviousIds(obj, { names: ['cfg'], namespaces: [''] });
  const [patched] = applyPatches([obj], [spec], memoryHost({ '/k/p.yaml': patch }), out);
  assert.deepEqual(out.problems, []);
  assert.deepEqual(patched!.node.toJSON(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'prod-cfg', namespace: 'shop' }, data: { a: '1', b: '2' } });
  assert.equal(patched, obj, 'the same BuiltObject comes back (callers keep their side data)');
});

test('aliases in a patch are read as the nodes they name (origin: the anchor); an alias bomb is an invalid patch, not a hang', () => {
  const text = 'kind: A\nmetadata:\n  name: x\n  labels: &l {a: "1"}\n  annotations: *l\n';
  const docs = readPatchDocuments({ text, file: '/p.yaml', span: (start, end) => ({ start, end }) }, 'patches');
  const meta = (docs.nodes[0] as YAMLMap).get('metadata') as YAMLMap;
  const annotations = meta.get('annotations', true) as unknown as YAMLMap;
  assert.deepEqual(annotations.toJSON(), { a: '1' });
  const o = docs.provenance.get(annotations)!;
  assert.equal(text.slice(o.span.start, o.span.end), '{a: "1"}', 'the anchored node');
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  const started = Date.now();
  const bad = readPatchDocuments({ text: `${bomb.join('\n')}\n`, file: '/p.yaml', span: (start, end) => ({ start, end }) }, 'patches');
  assert.ok(bad.error, 'reported');
  assert.ok(Date.now() - started < 2000);
});

test('the list strategies kustomize reads from its OpenAPI (patch-strategies.json): keyed lists, primitive merge lists, replaced lists, unknown kinds', () => {
  const pod = fieldSchema(fieldSchema(fieldSchema(schemaForKind('apps/v1', 'Deployment'), 'spec'), 'template'), 'spec');
  assert.deepEqual(fieldSchema(pod, 'containers'), { s: 'merge', k: ['name'], t: 'core.v1.Container' });
  assert.deepEqual(fieldSchema(itemSchema(fieldSchema(pod, 'containers')), 'ports'), { s: 'merge', k: ['containerPort', 'protocol'] });
  assert.equal(fieldSchema(pod, 'volumes')?.s, 'merge,retainKeys');
  assert.equal(isAssociative(fieldSchema(pod, 'tolerations')), false, 'tolerations have no merge strategy: replaced');
  const finalizers = fieldSchema(fieldSchema(schemaForKind('v1', 'ConfigMap'), 'metadata'), 'finalizers');
  assert.ok(isAssociative(finalizers) && finalizers?.k === undefined, 'finalizers merge as a set of strings');
  assert.equal(schemaForKind('example.com/v1', 'Widget'), undefined);
});

test('target name patterns use Go regexp syntax in linear time: a catastrophic pattern does not hang, Perl-only syntax is refused as kustomize refuses it', () => {
  const name = `${'a'.repeat(30_000)}b`;
  const obj: BuiltObject = { node: parseDocument(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`).contents as YAMLMap, provenance: new Provenance(), source: { file: '/k/cm.yaml', span: { start: 0, end: 0 } } };
  const started = Date.now();
  assert.equal(compileSelector({ name: '(a+)+' })(obj), false);
  assert.equal(compileSelector({ name: '(a|aa)*b' })(obj), true);
  assert.ok(Date.now() - started < 5_000, 'linear-time matching');
  assert.throws(() => compileSelector({ name: '(?=a)a' }), /error parsing regexp: invalid or unsupported Perl syntax/);
});
