import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-pod-exec';
const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debugger\n  namespace: dev\nrules:\n${dedent(rules)}`;

test(`${ID}: reading pods and logs is fine`, () => {
  const text = role(`
    - apiGroups: [""]
      resources: ["pods", "pods/log", "pods/status"]
      verbs: ["get", "list", "create"]
    - apiGroups: ["apps"]
      resources: ["pods/exec"]
      verbs: ["create"]
    - apiGroups: [""]
      resources: ["pods/exec"]
      verbs: ["list", "watch"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: create on pods/exec and pods/attach`, () => {
  const text = role(`
    - apiGroups: [""]
      resources: ["pods/exec", "pods/attach", "pods/portforward"]
      verbs: ["create", "get"]
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: '"pods/exec"', message: ['Role "debugger"', 'create, get on pods/exec'] },
    { at: '"pods/attach"', message: 'on pods/attach' },
  ]);
});

test(`${ID}: get alone is enough over WebSocket before Kubernetes 1.35; "*" counts as create`, () => {
  const text = role(`
    - apiGroups: [""]
      resources: [pods/exec]
      verbs: [get]
    - apiGroups: ["*"]
      resources: [pods/attach]
      verbs: ["*"]
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: 'pods/exec', message: ['grants get on pods/exec', '1.35', 'WebSocket'] },
    { at: 'pods/attach', message: ['"*" (every verb) on pods/attach', 'run commands'] },
  ]);
});
