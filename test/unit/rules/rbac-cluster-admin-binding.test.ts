import { test } from 'node:test';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-cluster-admin-binding';
const binding = (kind: string, roleRef: string, meta = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ops\n${meta}roleRef:\n${roleRef}subjects:\n- kind: ServiceAccount\n  name: deployer\n  namespace: ops\n`;
const ref = (kind: string, name: string) => `  apiGroup: rbac.authorization.k8s.io\n  kind: ${kind}\n  name: ${name}\n`;

test(`${ID}: other roles, and a Role that happens to be called cluster-admin`, () => {
  for (const text of [
    binding('ClusterRoleBinding', ref('ClusterRole', 'view')),
    binding('RoleBinding', ref('ClusterRole', 'admin')),
    binding('RoleBinding', ref('Role', 'cluster-admin')),
    binding('ClusterRoleBinding', ref('ClusterRole', 'cluster-admin')).replace('rbac.authorization.k8s.io/v1', 'example.com/v1'),
  ]) {
    assertFindings(text, findingsOf(ID, text), []);
  }
});

test(`${ID}: a ClusterRoleBinding to cluster-admin is reported at the role name`, () => {
  const text = binding('ClusterRoleBinding', ref('ClusterRole', 'cluster-admin'));
  assertFindings(text, findingsOf(ID, text), [{ at: 'cluster-admin', message: ['ClusterRoleBinding "ops"', 'cluster-wide', 'CIS 5.1.1'] }]);
});

test(`${ID}: a RoleBinding to cluster-admin (flow style) grants the whole namespace`, () => {
  const text = binding('RoleBinding', '  {kind: ClusterRole, name: "cluster-admin", apiGroup: rbac.authorization.k8s.io}\n'.replace('  {', '{').replace(/^/, '  '));
  assertFindings(text, findingsOf(ID, text), [{ at: '"cluster-admin"', message: ['RoleBinding "ops"', 'in its namespace', 'CIS 5.1.1'] }]);
});

test(`${ID}: the API server's bootstrap binding is not reported, a lookalike is`, () => {
  const bootstrap = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: cluster-admin\n  labels:\n    kubernetes.io/bootstrapping: rbac-defaults\nroleRef:\n${ref('ClusterRole', 'cluster-admin')}subjects:\n- kind: Group\n  name: system:masters\n`;
  assertFindings(bootstrap, findingsOf(ID, bootstrap), []);
  const lookalike = bootstrap.replace('    kubernetes.io/bootstrapping: rbac-defaults\n', '    app: mine\n');
  assertFindings(lookalike, findingsOf(ID, lookalike), [{ at: 'cluster-admin', occurrence: 1 }]);
});
