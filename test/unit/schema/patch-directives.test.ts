import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertFindings, dedent, findingsOf, workload } from '../../helpers/rule-tester';
import { takeDirectives } from '../../../server/src/engine/schema/patch-directives';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'schema', 'patch-directives.yaml');
const SCHEMA_RULES = ['schema-unknown-field', 'schema-type', 'schema-required'];

function schemaFindings(text: string) {
  return SCHEMA_RULES.flatMap((r) => findingsOf(r, text));
}

test('strategic-merge directives in any map are not unknown fields (every form, in the issue 16 fixture)', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8');
  for (const directive of ['$setElementOrder/containers:', '$retainKeys:', '$deleteFromPrimitiveList/args:', '$patch: replace', '$patch: merge', '$patch: delete']) {
    assert.ok(text.includes(directive), `the fixture uses ${directive}`);
  }
  assertFindings(text, schemaFindings(text), []);
});

test('without the directive support the same keys would be reported (the fixture is really checked)', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8').replace('$retainKeys:', '$retainKey:');
  assertFindings(text, findingsOf('schema-unknown-field', text), [{ at: '$retainKey', message: 'Did you mean "$retainKeys"?' }]);
});

test('directive values are checked: $patch is replace, merge or delete; the others are lists', () => {
  const text = workload(
    'Deployment',
    `
      $patch: repalce
      $retainKeys: [containers, 3]
      $setElementOrder/containers: web
      containers:
        - name: web
          image: nginx:1.27
          args: [--verbose]
          $deleteFromPrimitiveList/args: [--debug, {flag: x}]
          $patch: true
    `,
  );
  assertFindings(text, findingsOf('schema-type', text), [
    { at: 'repalce', message: 'spec.template.spec.$patch must be one of "replace", "merge" or "delete", not "repalce".' },
    { at: '3', message: 'spec.template.spec.$retainKeys[1] must be a string (a field name), not an integer.' },
    { at: 'web', message: 'spec.template.spec.$setElementOrder/containers must be a list, not a string.' },
    { at: '{flag: x}', message: 'spec.template.spec.containers[0].$deleteFromPrimitiveList/args[1] must be a string, number or boolean, not a map.' },
    { at: 'true', message: 'spec.template.spec.containers[0].$patch must be one of "replace", "merge" or "delete", not a boolean.' },
  ]);
  assertFindings(text, findingsOf('schema-unknown-field', text), []);
});

test('a $patch value is shown only when it misspells a valid one (the data of a Secret may hold a $patch key)', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Secret
    metadata: {name: s}
    stringData:
      $patch: hunter2-correct-horse
  `);
  assertFindings(text, findingsOf('schema-type', text), [
    { at: 'hunter2-correct-horse', message: 'stringData.$patch must be one of "replace", "merge" or "delete", not another string.' },
  ]);
});

test('a misspelt or incomplete directive stays an unknown field', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      $ptach: delete
      $setElementOrder/: [a]
      ports: [{port: 80}]
  `);
  assertFindings(text, findingsOf('schema-unknown-field', text), [
    { at: '$ptach', message: 'Did you mean "$patch"?' },
    { at: '$setElementOrder/', message: 'Unknown field "$setElementOrder/" in spec' },
  ]);
});

test('a $patch: delete document or map gets no schema-required finding; the same without it does', () => {
  const deleted = dedent(`
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    $patch: delete
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      $patch: delete
      replicas: "3"
  `);
  // Required fields are not reported; a wrong type still is.
  assertFindings(deleted, findingsOf('schema-required', deleted), []);
  assertFindings(deleted, findingsOf('schema-type', deleted), [{ at: '"3"', message: 'spec.replicas must be a number, not a string.' }]);
  const kept = deleted.replace('$patch: delete\n---', '---').replace('  $patch: delete\n', '');
  assertFindings(kept, findingsOf('schema-required', kept), [
    { at: 'apiVersion', message: 'Missing required field "spec" in (object).' },
    { at: 'spec', message: 'Missing required field "selector" in spec.' },
    { at: 'spec', message: 'Missing required field "template" in spec.' },
  ]);
});

test('a list item holding $patch is a directive, not an element missing its required fields', () => {
  const text = workload(
    'Pod',
    `
      containers:
        - $patch: replace
        - name: app
          image: nginx:1.27
          env:
            - {$patch: delete, name: DEBUG}
            - {value: "1"}
    `,
  );
  assertFindings(text, findingsOf('schema-required', text), [{ at: 'value', message: 'Missing required field "name" in spec.containers[1].env[1].' }]);
});

test('a map shared through a YAML alias keeps its directive at every place it is used', () => {
  const text = workload(
    'Deployment',
    `
      containers:
        - &gone {$patch: delete, image: old}
        - *gone
    `,
  );
  assertFindings(text, schemaFindings(text), []);
});

test('takeDirectives copies only the maps and lists that hold a directive', () => {
  const untouched = { name: 'web', ports: [{ port: 80 }] };
  const value = { spec: { $retainKeys: ['a'], a: untouched }, other: untouched };
  const { value: out, directives } = takeDirectives(value);
  assert.deepEqual(out, { spec: { a: untouched }, other: untouched });
  assert.equal((out as typeof value).other, untouched);
  assert.deepEqual(value.spec.$retainKeys, ['a'], 'the input is not changed');
  assert.deepEqual(directives, { issues: [], exempt: [] });
  const proto = JSON.parse('{"__proto__": {"$patch": "delete"}}') as Record<string, unknown>;
  const { value: p, directives: d } = takeDirectives(proto);
  assert.ok(Object.prototype.hasOwnProperty.call(p, '__proto__'));
  assert.deepEqual(d.exempt, ['/__proto__']);
});
