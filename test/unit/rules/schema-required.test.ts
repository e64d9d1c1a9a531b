import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

test('schema-required: a container without name is reported at its first key, as a warning', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: ok
          image: busybox:1.36
        - image: busybox:1.36
  `);
  const findings = findingsOf('schema-required', text);
  assertFindings(text, findings, [{ at: 'image', occurrence: 1, message: 'Missing required field "name" in spec.containers[1].' }]);
  assert.equal(findings[0]!.severity, 'warning');
});

test('schema-required: a Deployment without selector and a pod spec without containers', () => {
  const text = dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          restartPolicy: Always
  `);
  assertFindings(text, findingsOf('schema-required', text), [
    { at: 'spec', message: 'Missing required field "selector" in spec.' },
    { at: 'spec', occurrence: 1, message: 'Missing required field "containers" in spec.template.spec.' },
  ]);
});
