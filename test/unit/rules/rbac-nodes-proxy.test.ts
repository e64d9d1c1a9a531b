import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-nodes-proxy';
const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\nrules:\n${dedent(rules)}`;

test(`${ID}: the metrics and stats subresources are fine`, () => {
  const text = role(`
    - apiGroups: [""]
      resources: ["nodes", "nodes/metrics", "nodes/stats", "services/proxy"]
      verbs: ["get", "list", "watch"]
    - apiGroups: ["metrics.k8s.io"]
      resources: ["nodes/proxy"]
      verbs: ["get"]
    - apiGroups: [""]
      resources: ["nodes/proxy"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: any verb on nodes/proxy, get included`, () => {
  const text = role(`
    - apiGroups: [""]
      resources: ["nodes", "nodes/proxy"]
      verbs: ["get", "list", "get"]
    - apiGroups: ["*"]
      resources:
      - nodes/proxy
      verbs: ["create"]
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: '"nodes/proxy"', message: ['ClusterRole "monitoring"', 'grants get, list on nodes/proxy', 'CIS 5.1.10'] },
    { at: 'nodes/proxy', occurrence: 1, message: 'grants create on nodes/proxy' },
  ]);
});
