import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-escalation-verbs';
const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: rbac-manager\nrules:\n${dedent(rules)}`;

test(`${ID}: ordinary verbs on RBAC objects`, () => {
  const text = role(`
    - apiGroups: ["rbac.authorization.k8s.io"]
      resources: ["roles", "rolebindings"]
      verbs: ["get", "list", "create", "update"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: escalate, bind and impersonate are each underlined`, () => {
  const text = role(`
    - apiGroups: ["rbac.authorization.k8s.io"]
      resources: ["clusterroles"]
      verbs: ["escalate", "bind"]
    - apiGroups: [""]
      resources: ["users", "groups", "serviceaccounts"]
      verbs:
      - impersonate
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: '"escalate"', message: ['ClusterRole "rbac-manager"', '"escalate"', 'CIS 5.1.8'] },
    { at: '"bind"', message: ['"bind"', 'cluster-admin', 'CIS 5.1.8'] },
    { at: 'impersonate', occurrence: 0, message: ['"impersonate"', 'system:masters', 'CIS 5.1.8'] },
  ]);
});

test(`${ID}: resourceNames narrows the grant but it is still reported; "*" is left to rbac-wildcard`, () => {
  const text = role(`
    - apiGroups: ["rbac.authorization.k8s.io"]
      resources: ["clusterroles"]
      resourceNames: ["view"]
      verbs: ["bind"]
    - apiGroups: ["*"]
      resources: ["*"]
      verbs: ["*"]
  `);
  assertFindings(text, findingsOf(ID, text), [{ at: '"bind"' }]);
});

test(`${ID}: verbs are case-sensitive, as in the API server`, () => {
  const text = role(`
    - apiGroups: [""]
      resources: ["users"]
      verbs: ["Impersonate", "BIND"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});
