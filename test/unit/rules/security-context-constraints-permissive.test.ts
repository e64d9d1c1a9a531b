import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf, type ExpectedFinding } from '../../helpers/rule-tester';

const ID = 'security-context-constraints-permissive';

const scc = (fields: string, name = 'custom'): string =>
  `apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: ${name}\n${dedent(fields)}`;

/** Every field restrictive (OpenShift's restricted-v2 with readOnlyRootFilesystem and group ranges tightened): no finding. */
const TIGHT = `
allowHostDirVolumePlugin: false
allowHostIPC: false
allowHostNetwork: false
allowHostPID: false
allowHostPorts: false
allowPrivilegeEscalation: false
allowPrivilegedContainer: false
allowedCapabilities:
- NET_BIND_SERVICE
readOnlyRootFilesystem: true
requiredDropCapabilities:
- ALL
runAsUser:
  type: MustRunAsRange
  uidRangeMin: 1000
  uidRangeMax: 65535
seLinuxContext:
  type: MustRunAs
supplementalGroups:
  type: MustRunAs
  ranges: [{min: 1000, max: 65535}]
fsGroup:
  type: MustRunAs
  ranges:
  - min: 1000
    max: 65535
seccompProfiles:
- runtime/default
volumes:
- configMap
- csi
- downwardAPI
- emptyDir
- ephemeral
- persistentVolumeClaim
- projected
- secret
`;

const tight = (from: string, to: string): string => {
  const base = dedent(TIGHT);
  if (!base.includes(from)) throw new Error(`${from} not in the tight SCC`);
  return scc(base.replace(from, to));
};

const check = (text: string, expected: ExpectedFinding[]) => assertFindings(text, findingsOf(ID, text), expected);

test(`${ID} valid: every field restrictive; PSPs and other groups are not SCCs`, () => {
  check(scc(TIGHT), []);
  check(scc('allowPrivilegedContainer: true').replace('security.openshift.io/v1', 'example.com/v1'), []);
  check(scc('allowPrivilegedContainer: true').replace('kind: SecurityContextConstraints', 'kind: PodSecurityPolicy'), []);
});

test(`${ID} valid: OpenShift 3's legacy apiVersion v1 is judged too`, () => {
  check(tight('allowPrivilegedContainer: false', 'allowPrivilegedContainer: true').replace('security.openshift.io/v1', 'v1'), [
    { at: 'allowPrivilegedContainer: true' },
  ]);
});

/** The reproduction of issue 16: a privileged SCC passed without a finding. */
for (const [field, words] of [
  ['allowPrivilegedContainer', 'admits privileged containers'],
  ['allowHostPID', 'process ID namespace'],
  ['allowHostIPC', 'IPC namespace'],
  ['allowHostNetwork', 'network namespace'],
  ['allowHostPorts', 'bind any port of the node'],
  ['allowHostDirVolumePlugin', 'allows hostPath volumes'],
] as const) {
  test(`${ID} invalid: ${field}: true`, () => {
    check(tight(`${field}: false`, `${field}: true`), [{ at: `${field}: true`, message: ['SecurityContextConstraints "custom"', words, `(${field}: true)`] }]);
  });
}

test(`${ID} invalid: volumes '*' and hostPath, on the entries`, () => {
  // '*' admits flexVolume too, with no allowedFlexVolumes: reported as for a PSP.
  check(tight('- configMap\n', "- '*'\n"), [
    { at: 'kind: SecurityContextConstraints', message: 'sets no allowedFlexVolumes' },
    { at: "'*'", message: "(volumes: '*')" },
  ]);
  check(tight('- configMap\n', '- hostPath\n'), [{ at: 'hostPath', message: 'allows hostPath volumes' }]);
});

test(`${ID} invalid: allowedCapabilities '*'`, () => {
  check(tight('- NET_BIND_SERVICE', "- '*'"), [{ at: "'*'", message: "allowedCapabilities: '*'" }]);
});

test(`${ID} invalid: runAsUser RunAsAny, MustRunAs uid 0, MustRunAsRange from 0`, () => {
  check(tight('type: MustRunAsRange\n  uidRangeMin: 1000\n  uidRangeMax: 65535', 'type: RunAsAny'), [
    { at: 'type: RunAsAny', message: '(runAsUser.type: RunAsAny)' },
  ]);
  check(tight('type: MustRunAsRange\n  uidRangeMin: 1000\n  uidRangeMax: 65535', 'type: MustRunAs\n  uid: 0'), [{ at: 'uid: 0', message: 'includes UID 0' }]);
  check(tight('uidRangeMin: 1000', 'uidRangeMin: 0'), [{ at: 'uidRangeMin: 0', message: 'includes UID 0' }]);
});

test(`${ID} invalid: group strategies RunAsAny or from 0; SELinux RunAsAny`, () => {
  check(tight('type: MustRunAs\n  ranges: [{min: 1000, max: 65535}]', 'type: RunAsAny'), [{ at: 'type: RunAsAny', message: '(supplementalGroups.type: RunAsAny)' }]);
  check(tight('  - min: 1000', '  - min: 0'), [{ at: 'min: 0', message: 'fsGroup range includes GID 0' }]);
  check(tight('seLinuxContext:\n  type: MustRunAs', 'seLinuxContext:\n  type: RunAsAny'), [{ at: 'type: RunAsAny', message: '(seLinuxContext.type: RunAsAny)' }]);
});

test(`${ID} invalid: readOnlyRootFilesystem, allowPrivilegeEscalation and requiredDropCapabilities unset are reported on kind`, () => {
  const text = scc(dedent(TIGHT).replace('readOnlyRootFilesystem: true\n', '').replace('allowPrivilegeEscalation: false\n', '').replace('requiredDropCapabilities:\n- ALL\n', ''));
  check(text, [
    { at: 'kind: SecurityContextConstraints', message: 'does not set readOnlyRootFilesystem: true' },
    { at: 'kind: SecurityContextConstraints', message: 'allowPrivilegeEscalation defaults to true' },
    { at: 'kind: SecurityContextConstraints', message: 'sets no requiredDropCapabilities' },
  ]);
});

/** OpenShift's built-in `privileged` SCC, as `oc get scc privileged -o yaml` shows it. */
const OPENSHIFT_PRIVILEGED = `
allowHostDirVolumePlugin: true
allowHostIPC: true
allowHostNetwork: true
allowHostPID: true
allowHostPorts: true
allowPrivilegeEscalation: true
allowPrivilegedContainer: true
allowedCapabilities:
- '*'
allowedUnsafeSysctls:
- '*'
defaultAddCapabilities: null
fsGroup:
  type: RunAsAny
groups:
- system:cluster-admins
priority: null
readOnlyRootFilesystem: false
requiredDropCapabilities: null
runAsUser:
  type: RunAsAny
seLinuxContext:
  type: RunAsAny
seccompProfiles:
- '*'
supplementalGroups:
  type: RunAsAny
users:
- system:admin
volumes:
- '*'
`;

test(`${ID} invalid: OpenShift's privileged SCC, one finding per field, judged as the PSP rule judges the same PSP`, () => {
  const findings = findingsOf(ID, scc(OPENSHIFT_PRIVILEGED, 'privileged'));
  const fields = findings.map((f) => f.message.replace(/^SecurityContextConstraints "privileged" /, ''));
  assert.equal(findings.length, 16, fields.join('\n'));
  // The PodSecurityPolicy with the same permissions gets the same judgement, field for field.
  const psp = dedent(`
    apiVersion: policy/v1beta1
    kind: PodSecurityPolicy
    metadata:
      name: privileged
    spec:
      privileged: true
      hostIPC: true
      hostNetwork: true
      hostPID: true
      hostPorts: [{min: 0, max: 65535}]
      allowPrivilegeEscalation: true
      allowedCapabilities: ['*']
      fsGroup: {rule: RunAsAny}
      readOnlyRootFilesystem: false
      runAsUser: {rule: RunAsAny}
      seLinux: {rule: RunAsAny}
      supplementalGroups: {rule: RunAsAny}
      volumes: ['*']
      allowedHostPaths: [{pathPrefix: /, readOnly: true}]
  `);
  const pspFindings = findingsOf('pod-security-policy-permissive', psp);
  // The SCC has one more: allowHostDirVolumePlugin, a switch PSPs do not have.
  assert.equal(pspFindings.length, findings.length - 1, pspFindings.map((f) => f.message).join('\n'));
});
