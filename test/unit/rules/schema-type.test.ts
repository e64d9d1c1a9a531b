import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

test('schema-type: a string where a boolean or integer is expected, on the value', () => {
  const text = dedent(`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: d}
    spec:
      selector: {matchLabels: {app: d}}
      template:
        metadata: {labels: {app: d}}
        spec:
          containers:
            - name: d
              image: busybox:1.36
              ports: [{containerPort: "8080"}]
              securityContext:
                privileged: "yes"
  `);
  assertFindings(text, findingsOf('schema-type', text), [
    { at: '"8080"', message: 'spec.template.spec.containers[0].ports[0].containerPort must be a number, not a string.' },
    { at: '"yes"', message: 'securityContext.privileged must be a boolean (true or false), not a string.' },
  ]);
});

test('schema-type: int-or-string fields, quantities and null are accepted', () => {
  const text = dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, creationTimestamp: null}
    spec:
      selector: {matchLabels: {app: web}}
      strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
      template:
        metadata: {labels: {app: web}}
        spec:
          securityContext:
          containers:
            - name: web
              image: nginx:1.27
              resources: {limits: {cpu: 1, memory: 512Mi}, requests: {cpu: 250m, memory: 1e8}}
              readinessProbe: {httpGet: {port: http}}
              livenessProbe: {tcpSocket: {port: 8080}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec:
      ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: https}]
  `);
  assertFindings(text, findingsOf('schema-type', text), []);
});

test('schema-type: a list where a map is expected', () => {
  const text = dedent(`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: c
      labels: [a, b]
    data: {k: v}
  `);
  assertFindings(text, findingsOf('schema-type', text), [{ at: '[a, b]', message: 'metadata.labels must be a map, not a list.' }]);
});
