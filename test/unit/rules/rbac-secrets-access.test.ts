import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-secrets-access';
const role = (kind: string, rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: reader\nrules:\n${dedent(rules)}`;

test(`${ID}: no read access to secrets`, () => {
  const text = role('ClusterRole', `
    - apiGroups: [""]
      resources: ["configmaps", "pods"]
      verbs: ["get", "list", "watch"]
    - apiGroups: [""]
      resources: ["secrets"]
      verbs: ["create", "delete"]
    - apiGroups: ["example.com"]
      resources: ["secrets"]
      verbs: ["get"]
    - resources: ["secrets"]
      verbs: ["get"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: get, list or watch on secrets is reported at the secrets item`, () => {
  const text = role('ClusterRole', `
    - apiGroups: [""]
      resources: ["configmaps", "secrets"]
      verbs: ["get", "list", "watch", "update"]
    - apiGroups: [""]
      resources:
      - secrets
      verbs: [watch, watch]
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: '"secrets"', message: ['ClusterRole "reader"', 'get, list, watch on secrets', 'CIS 5.1.2'] },
    { at: 'secrets', occurrence: 1, message: ['grants watch on secrets'] },
  ]);
});

test(`${ID}: the "*" verb and the "*" API group count; a "*" resource is left to rbac-wildcard`, () => {
  const text = role('Role', `
    - apiGroups: ["*"]
      resources: ["secrets"]
      verbs: ["*"]
    - apiGroups: [""]
      resources: ["*"]
      verbs: ["get"]
  `);
  assertFindings(text, findingsOf(ID, text), [{ at: '"secrets"', message: ['Role "reader"', '"*" (every verb) on secrets'] }]);
});

test(`${ID}: rules limited to named secrets pass`, () => {
  const text = role('Role', `
    - apiGroups: [""]
      resources: ["secrets"]
      resourceNames: ["app-tls"]
      verbs: ["get", "watch"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});
