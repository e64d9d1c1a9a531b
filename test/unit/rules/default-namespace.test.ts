import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';

const RULE = 'default-namespace';
const on = settingsWith({ rules: { [RULE]: 'warning' } });

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): string =>
  dedent(`
    apiVersion: ${apiVersion}
    kind: ${kind}
    metadata:
      name: ${name}
    ${namespace === undefined ? '' : `  namespace: ${namespace}`}
  `);

test(`${RULE} is off by default`, () => {
  const text = obj('v1', 'ConfigMap', 'settings', 'default');
  assertFindings(text, findingsOf(RULE, text), []);
});

test(`${RULE}: namespace: default is reported on the pair`, () => {
  const text = obj('apps/v1', 'Deployment', 'web', 'default');
  const findings = findingsOf(RULE, text, on);
  assertFindings(text, findings, [{ at: 'namespace: default', message: 'Deployment "web" is in the default namespace. Use a dedicated namespace.' }]);
  assert.equal(findings[0]!.severity, 'warning');
});

test(`${RULE}: no namespace is reported at the name; an empty one on its pair`, () => {
  const missing = obj('v1', 'Service', 'web');
  assertFindings(missing, findingsOf(RULE, missing, on), [
    { at: 'web', message: 'Service "web" sets no metadata.namespace: it lands in the current namespace, usually default.' },
  ]);
  const empty = obj('v1', 'Secret', 'tls', '""');
  assertFindings(empty, findingsOf(RULE, empty, on), [{ at: 'namespace: ""', message: 'Secret "tls"' }]);
});

test(`${RULE}: objects in another namespace are fine`, () => {
  const text = obj('networking.k8s.io/v1', 'NetworkPolicy', 'deny-all', 'shop');
  assertFindings(text, findingsOf(RULE, text, on), []);
});

test(`${RULE}: cluster-scoped kinds, lists and tool configuration files are exempt`, () => {
  const exempt: Array<[string, string]> = [
    ['v1', 'Namespace'],
    ['v1', 'Node'],
    ['v1', 'PersistentVolume'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
    ['policy/v1beta1', 'PodSecurityPolicy'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
    ['storage.k8s.io/v1', 'StorageClass'],
    ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
    ['scheduling.k8s.io/v1', 'PriorityClass'],
    ['networking.k8s.io/v1', 'IngressClass'],
    ['apiregistration.k8s.io/v1', 'APIService'],
    ['cert-manager.io/v1', 'ClusterIssuer'],
    ['kyverno.io/v1', 'ClusterPolicy'],
    ['gateway.networking.k8s.io/v1', 'GatewayClass'],
    ['constraints.gatekeeper.sh/v1beta1', 'K8sRequiredLabels'],
    ['pkg.crossplane.io/v1', 'Provider'],
    ['v1', 'List'],
    ['v1', 'ConfigMapList'],
    ['v1', 'Config'],
    ['kustomize.config.k8s.io/v1beta1', 'Kustomization'],
    ['kubeadm.k8s.io/v1beta3', 'ClusterConfiguration'],
    ['kind.x-k8s.io/v1alpha4', 'Cluster'],
  ];
  for (const [apiVersion, kind] of exempt) {
    const text = obj(apiVersion, kind, 'x');
    assertFindings(text, findingsOf(RULE, text, on), []);
  }
});

test(`${RULE}: namespaced lookalikes of exempt kinds are reported`, () => {
  for (const [apiVersion, kind] of [
    ['operators.coreos.com/v1alpha1', 'ClusterServiceVersion'],
    ['notification.toolkit.fluxcd.io/v1beta3', 'Provider'],
    ['cluster.x-k8s.io/v1beta1', 'Cluster'],
    ['v1', 'ServiceAccount'],
  ]) {
    const text = obj(apiVersion!, kind!, 'x', 'default');
    assertFindings(text, findingsOf(RULE, text, on), [{ at: 'namespace: default', message: `${kind} "x"` }]);
  }
});

test(`${RULE}: the default ServiceAccount and the kubernetes Service live in default by design`, () => {
  for (const text of [obj('v1', 'ServiceAccount', 'default', 'default'), obj('v1', 'Service', 'kubernetes', 'default'), obj('v1', 'ServiceAccount', 'default')]) {
    assertFindings(text, findingsOf(RULE, text, on), []);
  }
});
