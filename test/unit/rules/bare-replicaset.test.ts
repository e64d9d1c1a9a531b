import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const replicaSet = (apiVersion: string, metadataExtra = ''): string =>
  dedent(`
    apiVersion: ${apiVersion}
    kind: ReplicaSet
    metadata:
      name: frontend
    ${metadataExtra}
    spec:
      replicas: 2
      selector:
        matchLabels: {app: frontend}
      template:
        metadata:
          labels: {app: frontend}
        spec:
          containers:
          - name: web
  `);

test('bare-replicaset: a hand-written ReplicaSet is reported at its kind', () => {
  for (const apiVersion of ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1']) {
    const text = replicaSet(apiVersion);
    assertFindings(text, findingsOf('bare-replicaset', text), [
      { at: 'kind: ReplicaSet', message: 'ReplicaSet "frontend" is not owned by a Deployment: pod template changes are not rolled out. Use a Deployment instead.' },
    ]);
  }
});

test('bare-replicaset: owned by a Deployment, or controlled by another controller', () => {
  const byDeployment = `  ownerReferences:
      - apiVersion: apps/v1
        kind: Deployment
        name: frontend
        uid: 4f0c1c8e-5d1a-4a55-9d0e-8f1b2c3d4e5f`;
  const byRollout = `  ownerReferences:
      - apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        name: frontend
        uid: 0d7f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b
        controller: true`;
  for (const extra of [byDeployment, byRollout]) {
    const text = replicaSet('apps/v1', extra);
    assertFindings(text, findingsOf('bare-replicaset', text), []);
  }
});

test('bare-replicaset: an owner that is neither a Deployment nor the controller does not count', () => {
  const text = replicaSet(
    'apps/v1',
    `  ownerReferences:
      - apiVersion: v1
        kind: ConfigMap
        name: frontend-owner
        uid: 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
        controller: "true"`,
  );
  assertFindings(text, findingsOf('bare-replicaset', text), [{ at: 'kind: ReplicaSet' }]);
});

test('bare-replicaset: other kinds and custom ReplicaSet kinds are ignored', () => {
  const texts = [
    dedent(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: frontend}
      spec:
        template:
          spec:
            containers: [{name: web}]
    `),
    dedent(`
      apiVersion: example.com/v1
      kind: ReplicaSet
      metadata: {name: custom}
      spec: {}
    `),
  ];
  for (const text of texts) assertFindings(text, findingsOf('bare-replicaset', text), []);
});
