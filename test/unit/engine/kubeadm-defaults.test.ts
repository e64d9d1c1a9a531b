// kubeadm v1.31's generated control plane (test/fixtures/cluster-config/kubeadm-v1.31: the four static pod
// manifests, the kubelet config, and the ClusterConfiguration that generates them) is clean under the
// cluster-config rules where kubeadm's defaults are safe. What remains is what kube-bench also fails on a fresh
// kubeadm cluster (1.2.5 kubelet CA, 1.2.15/1.3.2/1.4.1 profiling, 1.2.16-19 audit log, 1.2.27 encryption) and
// protectKernelDefaults (info).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';
import { RULES } from '../../../server/src/engine/rules';
import { KUBEADM_FIXTURES, fixtureFiles } from '../../helpers/cluster-config';

const CLUSTER_CONFIG = new Set(RULES.filter((r) => r.meta.category === 'cluster-config').map((r) => r.meta.id));

function clusterFindings(text: string): string[] {
  return lintYaml(text)
    .filter((f) => CLUSTER_CONFIG.has(f.ruleId))
    .map((f) => `${f.ruleId}: ${f.message.slice(0, f.message.indexOf(':'))}`)
    .sort();
}

const files = new Map(fixtureFiles(KUBEADM_FIXTURES).map((f) => [f.name, f.text]));

test('kubeadm v1.31 static pod manifests: only the findings kube-bench also fails on a fresh kubeadm cluster', () => {
  assert.deepEqual(clusterFindings(files.get('kube-apiserver.yaml')!), [
    'apiserver-audit-log: kube-apiserver (container "kube-apiserver") has no --audit-log-path',
    'apiserver-encryption-provider: kube-apiserver (container "kube-apiserver") has no --encryption-provider-config',
    'apiserver-kubelet-tls: kube-apiserver (container "kube-apiserver") has no --kubelet-certificate-authority',
    'control-plane-profiling: kube-apiserver (container "kube-apiserver") has no --profiling=false',
  ]);
  assert.deepEqual(clusterFindings(files.get('kube-controller-manager.yaml')!), ['control-plane-profiling: kube-controller-manager (container "kube-controller-manager") has no --profiling=false']);
  assert.deepEqual(clusterFindings(files.get('kube-scheduler.yaml')!), ['control-plane-profiling: kube-scheduler (container "kube-scheduler") has no --profiling=false']);
  assert.deepEqual(clusterFindings(files.get('etcd.yaml')!), []);
});

test("kubeadm v1.31 kubelet config: only protectKernelDefaults (info); its `streamingConnectionIdleTimeout: 0s` is the 4h default", () => {
  const findings = lintYaml(files.get('kubelet-config.yaml')!).filter((f) => CLUSTER_CONFIG.has(f.ruleId));
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['kubelet-hardening', 'info']]);
});

test('a ClusterConfiguration without extraArgs gets the findings of the manifests kubeadm generates from it', () => {
  const fromConfig = clusterFindings(files.get('kubeadm-config.yaml')!).map((f) => f.replace(/ \(kubeadm [^)]*\)/, ''));
  const fromManifests = ['kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml', 'etcd.yaml']
    .flatMap((name) => clusterFindings(files.get(name)!))
    .map((f) => f.replace(/ \(container "[^"]*"\)/, ''))
    .sort();
  assert.deepEqual(fromConfig, fromManifests);
});
