import { test } from 'node:test';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-system-group-binding';
const binding = (kind: string, role: string, subjects: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: open\n  namespace: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n${subjects}`;

test(`${ID}: ordinary users, groups and service accounts`, () => {
  const text = binding('RoleBinding', 'view', `- kind: Group\n  name: developers\n- kind: User\n  name: jane@example.com\n- kind: ServiceAccount\n  name: default\n  namespace: web\n- kind: Group\n  name: system:serviceaccounts:web\n`);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: anonymous, unauthenticated, authenticated and masters, each at the subject name`, () => {
  const text = binding(
    'ClusterRoleBinding',
    'view',
    `- kind: User\n  name: system:anonymous\n- kind: Group\n  name: system:unauthenticated\n- kind: Group\n  name: "system:authenticated"\n- kind: Group\n  name: system:masters\n`,
  );
  assertFindings(text, findingsOf(ID, text), [
    { at: 'system:anonymous', message: ['ClusterRoleBinding "open"', 'ClusterRole "view"', 'without credentials'] },
    { at: 'system:unauthenticated', message: ['system:unauthenticated', 'without credentials'] },
    { at: '"system:authenticated"', message: ['ClusterRole "view" to system:authenticated', 'can log in'] },
    { at: 'system:masters', message: ['system:masters', 'bypass RBAC', 'CIS 5.1.7'] },
  ]);
});

test(`${ID}: the discovery roles the API server binds to these groups are not reported`, () => {
  for (const role of ['system:discovery', 'system:basic-user', 'system:public-info-viewer']) {
    const text = binding('ClusterRoleBinding', role, `- kind: Group\n  name: system:authenticated\n- kind: Group\n  name: system:unauthenticated\n`);
    assertFindings(text, findingsOf(ID, text), []);
  }
  const masters = binding('ClusterRoleBinding', 'system:discovery', `- kind: Group\n  name: system:masters\n`);
  assertFindings(masters, findingsOf(ID, masters), [{ at: 'system:masters' }]);
});

test(`${ID}: subjects without a string name and non-RBAC objects are skipped`, () => {
  const text = binding('RoleBinding', 'edit', `- kind: Group\n- kind: Group\n  name: [system:authenticated]\n`);
  assertFindings(text, findingsOf(ID, text), []);
  const other = binding('RoleBinding', 'edit', `- kind: Group\n  name: system:authenticated\n`).replace('rbac.authorization.k8s.io/v1', 'v1');
  assertFindings(other, findingsOf(ID, other), []);
});
