// The engine reads Kubernetes manifests as kubectl does. test/fixtures/kubectl/scalars.json is
// kubectl's own reading (regenerate by hand with `node scripts/kubectl-scalars.mjs`); these tests
// compare the engine's reading of every case with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, isMap, type Document } from 'yaml';
import { kubectlKey, kubectlScalar, readAsKubectl } from '../../../server/src/engine/parse/kubectl-scalars';
import { expandMerges } from '../../../server/src/engine/parse/yaml-merge';
import { plainValue } from '../../../server/src/engine/schema/validate';
import { getNode, getPair } from '../../../server/src/engine/views/yaml-node';
import { lintText } from '../../../server/src/engine';
import { findingFixes } from '../../../server/src/engine/types';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

interface Golden {
  kubectl: string;
  values: Array<{ source: string; json?: unknown; error?: string }>;
  keys: Array<{ source: string; key?: string; error?: string }>;
  merges: { yaml: string; json?: Record<string, unknown>; error?: string };
}

const golden = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'kubectl', 'scalars.json'), 'utf8')) as Golden;

function parsed(text: string): YamlDocument {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  return new YamlDocument(docs[0]!);
}

/** The value of `v` in `data`, read as the engine reads a Kubernetes document. */
function engineValue(source: string): { value?: unknown; parseError?: boolean } {
  const doc = parsed(`data:\n  v: ${source}\n`);
  if (doc.errors.length > 0) return { parseError: true };
  readAsKubectl(doc);
  const data = getNode(doc.contents as never, 'data');
  return { value: plainValue(getNode(data as never, 'v') ?? null, doc).value ?? null };
}

test('the golden file covers the cases the rules depend on', () => {
  assert.ok(golden.values.length >= 200, `${golden.values.length} values`);
  const sources = new Set(golden.values.map((v) => v.source));
  for (const s of ['yes', 'on', 'y', 'True', 'off', '0755', '0x1F', '1_000', '+12', '.inf', '~', 'NULL', '"on"']) assert.ok(sources.has(s), s);
});

test('every scalar reads as kubectl reads it (test/fixtures/kubectl/scalars.json)', () => {
  const wrong: string[] = [];
  for (const c of golden.values) {
    const got = engineValue(c.source);
    if (c.error !== undefined) {
      if (/unsupported value: ([-+]Inf|NaN)/.test(c.error)) {
        // kubectl refuses the file (JSON has no infinity): the engine reads the float, which no schema field accepts.
        const want = c.error.includes('-Inf') ? -Infinity : c.error.includes('+Inf') ? Infinity : NaN;
        if (!Object.is(got.value, want)) wrong.push(`${c.source}: got ${String(got.value)}, want ${want}`);
      } else if (!got.parseError) wrong.push(`${c.source}: kubectl failed (${c.error}), the engine parsed it`);
      continue;
    }
    if (JSON.stringify(got.value) !== JSON.stringify(c.json)) wrong.push(`${c.source}: got ${JSON.stringify(got.value)}, kubectl ${JSON.stringify(c.json)}`);
  }
  assert.deepEqual(wrong, []);
});

test('quoted scalars stay strings', () => {
  const quoted = golden.values.filter((v) => v.source.startsWith('"'));
  assert.ok(quoted.length > 90);
  for (const c of quoted) assert.equal(c.json, JSON.parse(c.source), `kubectl: ${c.source}`);
});

test('every map key reads as the key kubectl writes', () => {
  for (const c of golden.keys) {
    const doc = parsed(`data:\n  ${c.source}: k\n`);
    readAsKubectl(doc);
    const data = getNode(doc.contents as never, 'data');
    assert.ok(isMap(data));
    const key = (data.items[0]!.key as { value: unknown }).value;
    if (c.error !== undefined) assert.equal(key, null, c.source);
    else {
      assert.equal(key, c.key, c.source);
      assert.equal(kubectlKey(c.source), c.key, c.source);
      assert.ok(getPair(data, c.key!), `${c.source}: found by its kubectl key`);
    }
  }
});

test('merge keys are read with kubectl precedence (go-yaml v2): entries in order, the earlier source of a list wins', () => {
  assert.ok(golden.merges.json, golden.merges.error);
  const doc = parsed(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n${golden.merges.yaml}`);
  assert.deepEqual(doc.errors, []);
  readAsKubectl(doc);
  expandMerges(doc, String(doc.yaml), 'kubectl');
  const data = getNode(doc.contents as never, 'data');
  assert.deepEqual(JSON.parse(JSON.stringify(plainValue(data, doc).value)), golden.merges.json);
});

test('merge keys in compose files: the map’s own keys win wherever they are written (go-yaml v4, the YAML 1.1 merge type)', () => {
  const doc = parsed(golden.merges.yaml);
  const text = golden.merges.yaml;
  expandMerges(doc, text, 'yaml11');
  const data = plainValue(getNode(doc.contents as never, 'data'), doc).value as Record<string, Record<string, string>>;
  assert.deepEqual(data['local-before'], { p: 'local', q: 'from-a', r: 'from-a' });
  assert.deepEqual(data['local-after'], { p: 'local', q: 'from-a', r: 'from-a' });
  assert.deepEqual(data['list-a-b'], { p: 'from-a', q: 'from-a', r: 'from-a', s: 'from-b' });
  assert.deepEqual(data['list-b-a'], { p: 'from-b', s: 'from-b', q: 'from-a', r: 'from-a' });
  assert.deepEqual(data['nested'], { q: 'from-n', p: 'from-a', r: 'from-a' });
  assert.deepEqual(data['quoted-key'], { '<<': { p: 'from-a', q: 'from-a', r: 'from-a' } });
});

test('kubectlScalar: quick table', () => {
  const table: Array<[string, unknown]> = [
    ['yes', true], ['On', true], ['Y', true], ['OFF', false], ['n', false], ['yEs', 'yEs'], ['0755', 493], ['0x1F', 31], ['1_000', 1000],
    ['+12', 12], ['-0', 0], ['08', 8], ['.5', 0.5], ['~', null], ['Null', null], ['', null], ['2001-12-14', '2001-12-14'], ['nginx', 'nginx'],
  ];
  for (const [source, want] of table) assert.deepEqual(kubectlScalar(source), want, source);
});

const POD = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

test('issue 16: hostNetwork: yes and privileged: on are true, as kubectl reads them, in rules and schema alike', () => {
  const text = POD('  hostNetwork: yes\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: on\n        allowPrivilegeEscalation: Off\n');
  const fs = lintText(text, 'yaml');
  const ids = fs.map((f) => f.ruleId);
  assert.ok(ids.includes('privileged-container'), ids.join());
  assert.ok(ids.includes('host-network'), ids.join());
  assert.ok(!ids.includes('schema-type'), ids.join());
  assert.ok(!ids.includes('privilege-escalation-allowed'), 'allowPrivilegeEscalation: Off is false');
  const priv = fs.find((f) => f.ruleId === 'privileged-container')!;
  assert.equal(text.slice(priv.span.start, priv.span.end), 'privileged: on');
  // The fix writes valid YAML in place of `on`.
  const edit = findingFixes(priv)[0]!.edits[0]!;
  assert.equal(text.slice(0, edit.start) + edit.text + text.slice(edit.end), text.replace('privileged: on', 'privileged: false'));
});

test('quoted "yes" stays a string: a type error for a boolean field, no privileged finding', () => {
  const fs = lintText(POD('  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: "on"\n'), 'yaml');
  assert.ok(fs.some((f) => f.ruleId === 'schema-type' && f.message.includes('privileged')));
  assert.ok(!fs.some((f) => f.ruleId === 'privileged-container'));
});

test('YAML 1.1 numbers: runAsUser: 00 is root, an env value yes is a boolean (kubectl sends one)', () => {
  const fs = lintText(POD('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 00\n      env:\n        - name: DEBUG\n          value: yes\n'), 'yaml');
  assert.ok(fs.some((f) => f.ruleId === 'run-as-root' && f.message.includes('0')), fs.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
  assert.ok(fs.some((f) => f.ruleId === 'schema-type' && /env\[0\]\.value must be a string, not a boolean/.test(f.message)));
});

test('defaultMode: 0755 is 493, .inf is a type error kubectl refuses', () => {
  const fs = lintText(POD('  containers:\n    - name: c\n      image: nginx:1.27\n  volumes:\n    - name: v\n      configMap:\n        name: x\n        defaultMode: 0755\n  terminationGracePeriodSeconds: .inf\n'), 'yaml');
  const types = fs.filter((f) => f.ruleId === 'schema-type');
  assert.equal(types.length, 1, types.map((f) => f.message).join('\n'));
  assert.match(types[0]!.message, /terminationGracePeriodSeconds must be (?:a number|an integer), not \.inf \(kubectl refuses it\)/);
});

test('kubeconfig files are read the same way: insecure-skip-tls-verify: yes skips TLS verification', () => {
  const text = 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://k.example:6443\n    insecure-skip-tls-verify: yes\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\nusers:\n- name: u\n  user: {}\n';
  const fs = lintText(text, 'yaml', { fileName: 'kubeconfig' });
  const f = fs.find((x) => x.ruleId === 'kubeconfig-insecure-tls');
  assert.ok(f, fs.map((x) => x.ruleId).join());
  assert.equal(text.slice(f.span.start, f.span.end).startsWith('insecure-skip-tls-verify'), true);
});

test('the items of a List are read as kubectl reads them, merge keys included', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    hostPID: yes\n    containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: &sc\n        privileged: on\n    - name: d\n      image: nginx:1.27\n      securityContext:\n        <<: *sc\n';
  const fs = lintText(text, 'yaml');
  assert.ok(fs.some((f) => f.ruleId === 'host-pid'), fs.map((f) => f.ruleId).join());
  const priv = fs.filter((f) => f.ruleId === 'privileged-container').map((f) => text.slice(f.span.start, f.span.end));
  assert.deepEqual(priv, ['privileged: on', '<<: *sc']);
});
