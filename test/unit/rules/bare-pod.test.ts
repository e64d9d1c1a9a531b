import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';

const on = settingsWith({ rules: { 'bare-pod': 'info' } });

const pod = (metadataExtra = ''): string =>
  dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: debug
    ${metadataExtra}
    spec:
      containers:
      - name: shell
  `);

test('bare-pod is off by default', () => {
  const text = pod();
  assertFindings(text, findingsOf('bare-pod', text), []);
});

test('bare-pod: a Pod without ownerReferences is reported at its kind when the rule is on', () => {
  const text = pod();
  const findings = findingsOf('bare-pod', text, on);
  assertFindings(text, findings, [{ at: 'kind: Pod', message: 'Pod "debug" has no owner: it is not recreated if it fails or its node goes away.' }]);
  assert.equal(findings[0]!.severity, 'info');
});

test('bare-pod: an empty ownerReferences list is no owner', () => {
  const text = pod('  ownerReferences: []');
  assertFindings(text, findingsOf('bare-pod', text, on), [{ at: 'kind: Pod' }]);
});

test('bare-pod: a Pod with an owner, workloads and custom Pod kinds are not reported', () => {
  const owned = pod(`  ownerReferences:
      - apiVersion: apps/v1
        kind: ReplicaSet
        name: web-5d9c7b
        uid: 9b2f6c1e-2a4d-4c8b-9f1e-3d5a7c9e1b2f
        controller: true`);
  const deployment = dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: web}]
  `);
  const custom = dedent(`
    apiVersion: example.com/v1
    kind: Pod
    metadata: {name: not-core}
  `);
  for (const text of [owned, deployment, custom]) assertFindings(text, findingsOf('bare-pod', text, on), []);
});
