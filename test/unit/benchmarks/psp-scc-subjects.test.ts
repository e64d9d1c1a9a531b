// The CIS Kubernetes 5.2.x items that the PodSecurityPolicy and SecurityContextConstraints rules check apply to a
// repository holding only such policies (the 'pod-security-policy' subject): FAIL for a permissive policy, PASS for
// a restrictive one, not N/A (issue 22 follow-up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CIS_KUBERNETES } from '../../../server/src/engine/benchmarks/cis-kubernetes';
import { benchmarkReport, type BenchmarkReport, type ItemResult } from '../../../server/src/engine/benchmarks/report';
import { fileSubjects } from '../../../server/src/engine/benchmarks/subjects';
import { benchmarkFile } from '../../helpers/benchmark-file';

const item = (r: BenchmarkReport, id: string): ItemResult => r.sections.flatMap((s) => s.items).find((i) => i.id === id)!;

/** The 5.2.x items the PSP and SCC rules name (the pod admission items a policy can show). */
const POLICY_ITEMS = ['5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.7', '5.2.9', '5.2.10', '5.2.12', '5.2.13'];

const PERMISSIVE_PSP = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: anything-goes
spec:
  privileged: true
  allowPrivilegeEscalation: true
  allowedCapabilities:
  - '*'
  volumes:
  - '*'
  hostNetwork: true
  hostPorts:
  - min: 0
    max: 65535
  hostIPC: true
  hostPID: true
  runAsUser:
    rule: RunAsAny
  seLinux:
    rule: RunAsAny
  supplementalGroups:
    rule: RunAsAny
  fsGroup:
    rule: RunAsAny
`;

const RESTRICTIVE_PSP = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: restricted
spec:
  privileged: false
  allowPrivilegeEscalation: false
  requiredDropCapabilities: [ALL]
  volumes: [configMap, emptyDir, projected, secret, downwardAPI, persistentVolumeClaim]
  hostNetwork: false
  hostIPC: false
  hostPID: false
  hostPorts: []
  runAsUser:
    rule: MustRunAsNonRoot
  runAsGroup:
    rule: MustRunAs
    ranges: [{min: 1, max: 65535}]
  seLinux:
    rule: MustRunAs
    seLinuxOptions:
      type: container_t
  supplementalGroups:
    rule: MustRunAs
    ranges:
    - min: 1
      max: 65535
  fsGroup:
    rule: MayRunAs
    ranges:
    - min: 1000
      max: 2000
  readOnlyRootFilesystem: true
`;

const PERMISSIVE_SCC = `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: anything-goes
allowHostDirVolumePlugin: true
allowHostIPC: true
allowHostNetwork: true
allowHostPID: true
allowHostPorts: true
allowPrivilegeEscalation: true
allowPrivilegedContainer: true
allowedCapabilities:
- '*'
runAsUser:
  type: RunAsAny
seLinuxContext:
  type: RunAsAny
fsGroup:
  type: RunAsAny
supplementalGroups:
  type: RunAsAny
volumes:
- '*'
`;

test('a PodSecurityPolicy and a SecurityContextConstraints hold the pod-security-policy subject', () => {
  assert.deepEqual(fileSubjects(PERMISSIVE_PSP, 'yaml', 'psp.yaml'), ['pod-security-policy']);
  assert.deepEqual(fileSubjects(PERMISSIVE_SCC, 'yaml', 'scc.yaml'), ['pod-security-policy']);
  // The items the policy rules name list the subject in the catalog.
  const items = CIS_KUBERNETES.sections.flatMap((s) => s.items);
  for (const id of [...POLICY_ITEMS, '5.2.1']) {
    assert.ok(items.find((i) => i.id === id)!.subjects!.includes('pod-security-policy'), `${id} applies to pod admission policies`);
  }
});

test('a folder with only a permissive PodSecurityPolicy fails the 5.2.x items its rules check (not N/A)', () => {
  const r = benchmarkReport(CIS_KUBERNETES, [benchmarkFile('psp.yaml', PERMISSIVE_PSP, 'yaml')]);
  for (const id of POLICY_ITEMS) {
    const got = item(r, id);
    assert.equal(got.status, 'fail', `${id}: ${got.status} ${got.reason ?? ''}`);
    assert.ok(got.findings.every((f) => f.file === 'psp.yaml'));
    assert.ok(got.findings.some((f) => f.ruleId === 'pod-security-policy-permissive'), id);
  }
  // The PodSecurityPolicy API itself is gone: 5.2.1 (an active policy control mechanism) fails too.
  assert.equal(item(r, '5.2.1').status, 'fail');
  // Items no policy rule checks stay N/A for a folder of policies only.
  assert.equal(item(r, '5.2.8').status, 'n/a');
  assert.equal(item(r, '5.2.11').status, 'n/a');
});

test('a folder with only a restrictive PodSecurityPolicy passes the 5.2.x items its rules check', () => {
  const r = benchmarkReport(CIS_KUBERNETES, [benchmarkFile('psp.yaml', RESTRICTIVE_PSP, 'yaml')]);
  for (const id of POLICY_ITEMS) {
    const got = item(r, id);
    assert.equal(got.status, 'pass', `${id}: ${got.status} ${got.findings.map((f) => f.message).join('; ')}`);
  }
});

test('a folder with only a permissive SecurityContextConstraints fails the same items', () => {
  const r = benchmarkReport(CIS_KUBERNETES, [benchmarkFile('scc.yaml', PERMISSIVE_SCC, 'yaml')]);
  for (const id of POLICY_ITEMS) {
    const got = item(r, id);
    assert.equal(got.status, 'fail', `${id}: ${got.status} ${got.reason ?? ''}`);
    assert.ok(got.findings.some((f) => f.ruleId === 'security-context-constraints-permissive'), id);
  }
});
