import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-wildcard';
const role = (kind: string, rules: string, extra = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: ns\n${extra}rules:\n${dedent(rules)}`;

test(`${ID}: specific rules are fine`, () => {
  const text = role('ClusterRole', `
    - apiGroups: ["", "apps"]
      resources: ["pods", "deployments", "pods/log"]
      verbs: ["get", "list", "watch"]
    - nonResourceURLs: ["/healthz", "*"]
      verbs: ["get"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: "*" in verbs, resources and apiGroups, each underlined (flow and block style)`, () => {
  const text = role('Role', `
    - apiGroups: ["*"]
      resources: ['*']
      verbs:
      - get
      - "*"
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: '"*"', message: ['Role "r"', 'apiGroups', 'CIS 5.1.3'] },
    { at: `'*'`, message: ['resources', 'CIS 5.1.3'] },
    { at: '"*"', occurrence: 1, message: ['verbs', 'CIS 5.1.3'] },
  ]);
});

test(`${ID}: "*/subresource" is a wildcard over resources`, () => {
  const text = role('ClusterRole', `
    - apiGroups: ["apps"]
      resources: ["*/scale", "deployments/scale"]
      verbs: ["get"]
  `);
  assertFindings(text, findingsOf(ID, text), [{ at: '"*/scale"', message: ['ClusterRole "r"', '"*/scale"', 'scale subresource of every resource'] }]);
});

test(`${ID}: every rule of the role is checked`, () => {
  const text = role('ClusterRole', `
    - apiGroups: [""]
      resources: [configmaps]
      verbs: [get]
    - apiGroups: [""]
      resources: [services]
      verbs: [*]
  `.replace('[*]', '["*"]'));
  assertFindings(text, findingsOf(ID, text), [{ at: '"*"', message: 'verbs' }]);
});

test(`${ID}: aggregated ClusterRoles and non-RBAC kinds are not checked`, () => {
  const aggregated = role('ClusterRole', `
    - apiGroups: ["*"]
      resources: ["*"]
      verbs: ["*"]
  `, 'aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      rbac.example.com/aggregate-to-monitoring: "true"\n');
  assertFindings(aggregated, findingsOf(ID, aggregated), []);
  const emptyAggregated = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      a: "true"\nrules: []\n`;
  assertFindings(emptyAggregated, findingsOf(ID, emptyAggregated), []);
  const otherGroup = role('Role', `
    - apiGroups: ["*"]
      resources: ["*"]
      verbs: ["*"]
  `).replace('rbac.authorization.k8s.io/v1', 'example.com/v1');
  assertFindings(otherGroup, findingsOf(ID, otherGroup), []);
  const binding = `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nrules:\n- verbs: ["*"]\n`;
  assertFindings(binding, findingsOf(ID, binding), []);
});

test(`${ID}: malformed rules do not crash and are read where possible`, () => {
  const text = role('Role', `
    - "not a map"
    - apiGroups: "*"
      resources: {a: b}
      verbs: [1, null, "*"]
  `);
  assertFindings(text, findingsOf(ID, text), [{ at: '"*"', occurrence: 1, message: 'verbs' }]);
});
