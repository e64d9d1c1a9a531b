import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'rbac-workload-create';
const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: deployer\nrules:\n${dedent(rules)}`;

test(`${ID}: read access and other resources`, () => {
  const text = role(`
    - apiGroups: ["", "apps", "batch"]
      resources: ["pods", "deployments", "jobs"]
      verbs: ["get", "list", "watch", "delete"]
    - apiGroups: [""]
      resources: ["configmaps", "pods/eviction"]
      verbs: ["create"]
    - apiGroups: ["apps"]
      resources: ["pods", "jobs"]
      verbs: ["create"]
  `);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: create on pods and each workload controller in its API group`, () => {
  const text = role(`
    - apiGroups: ["", "apps", "batch"]
      resources: ["pods", "replicationcontrollers", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs"]
      verbs: ["create", "get"]
    - apiGroups: ["extensions"]
      resources: [deployments, statefulsets]
      verbs: ["*"]
  `);
  const items = ['"pods"', '"replicationcontrollers"', '"deployments"', '"replicasets"', '"statefulsets"', '"daemonsets"', '"jobs"', '"cronjobs"'];
  assertFindings(text, findingsOf(ID, text), [
    ...items.map((at) => ({ at, message: ['ClusterRole "deployer"', `create on ${JSON.parse(at)}`, 'CIS 5.1.4'] })),
    { at: 'deployments', occurrence: 1, message: '"*" (every verb) on deployments' },
  ]);
});

test(`${ID}: create on the other projects' workload kinds Shipshape lints (DeploymentConfig, Rollout)`, () => {
  const text = role(`
    - apiGroups: ["apps.openshift.io", "argoproj.io"]
      resources: ["deploymentconfigs", "rollouts", "deploymentconfigs/instantiate"]
      verbs: ["create"]
    - apiGroups: ["apps"]
      resources: ["rollouts", "deploymentconfigs"]
      verbs: ["create"]
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: '"deploymentconfigs"', message: 'create on deploymentconfigs' },
    { at: '"rollouts"', message: 'create on rollouts' },
  ]);
});
