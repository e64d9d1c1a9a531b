import { test } from 'node:test';
import { assertFindings, dedent, findingsOf, type ExpectedFinding } from '../../helpers/rule-tester';

const ID = 'pod-security-policy-permissive';

const psp = (spec: string, name = 'legacy'): string =>
  `apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: ${name}\nspec:\n${dedent(spec).replace(/^/gm, '  ').trimEnd()}\n`;

/** Every field set to its restrictive value: no finding. */
const TIGHT = `
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

/** TIGHT with `from` replaced by `to` (both dedented lines). */
const tight = (from: string, to: string): string => {
  const base = dedent(TIGHT);
  if (!base.includes(from)) throw new Error(`${from} not in the tight spec`);
  return psp(base.replace(from, to));
};

const check = (text: string, expected: ExpectedFinding[]) => assertFindings(text, findingsOf(ID, text), expected);

test(`${ID} valid: every field restrictive`, () => check(psp(TIGHT), []));

test(`${ID} valid: runAsUser MustRunAs from UID 1, other kinds and non-Kubernetes PSPs`, () => {
  check(tight('rule: MustRunAsNonRoot', 'rule: MustRunAs\n  ranges: [{min: 1, max: 65535}]'), []);
  check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostPID: true\n  containers: []\n', []);
  check(psp('privileged: true').replace('policy/v1beta1', 'example.com/v1'), []);
});

test(`${ID} valid: hostPath with read-only allowedHostPaths; flexVolume with drivers listed`, () => {
  const spec = dedent(TIGHT).replace('volumes: [', 'volumes: [hostPath, flexVolume, ') +
    'allowedHostPaths:\n- pathPrefix: /var/log\n  readOnly: true\nallowedFlexVolumes:\n- driver: example/lvm\n';
  check(psp(spec), [{ at: 'hostPath', occurrence: 0, message: 'allows hostPath volumes' }]);
});

for (const field of ['privileged', 'hostPID', 'hostIPC', 'hostNetwork'] as const) {
  test(`${ID} invalid: ${field}: true`, () => {
    check(tight(`${field}: false`, `${field}: true`), [{ at: `${field}: true`, message: ['PodSecurityPolicy "legacy"', `(${field}: true)`] }]);
  });
}

test(`${ID} invalid: hostPorts ranges, underlined at the key`, () => {
  check(tight('hostPorts: []', 'hostPorts:\n- min: 0\n  max: 65535\n- {min: 8080, max: 8080}'), [
    { at: 'hostPorts', message: 'hostPorts 0-65535, 8080-8080' },
  ]);
});

test(`${ID} invalid: volumes '*' also needs allowedHostPaths and allowedFlexVolumes`, () => {
  check(tight('volumes: [configMap, emptyDir, projected, secret, downwardAPI, persistentVolumeClaim]', "volumes:\n- '*'"), [
    { at: 'spec', message: 'it sets no allowedHostPaths' },
    { at: 'spec', message: 'it sets no allowedFlexVolumes' },
    { at: "'*'", message: "(volumes: '*')" },
  ]);
});

test(`${ID} invalid: hostPath volumes without allowedHostPaths, with an empty list, with writable entries`, () => {
  const withHostPath = (extra: string) => psp(dedent(TIGHT).replace('volumes: [', 'volumes: [hostPath, ') + extra);
  check(withHostPath(''), [
    { at: 'spec', message: 'it sets no allowedHostPaths' },
    { at: 'hostPath', message: 'allows hostPath volumes, which mount' },
  ]);
  check(withHostPath('allowedHostPaths: []\n'), [
    { at: 'hostPath', message: 'allows hostPath volumes' },
    { at: 'allowedHostPaths', message: 'allowedHostPaths is empty' },
  ]);
  check(withHostPath('allowedHostPaths:\n- pathPrefix: /var/lib/app\n- pathPrefix: /var/log\n  readOnly: true\n- pathPrefix: /srv\n  readOnly: false\n'), [
    { at: 'hostPath', message: 'allows hostPath volumes' },
    { at: 'pathPrefix: /var/lib/app', message: 'writable hostPath volumes under "/var/lib/app"' },
    { at: 'readOnly: false', message: '"/srv"' },
  ]);
});

test(`${ID} invalid: flexVolume without drivers`, () => {
  const withFlex = (extra: string) => psp(dedent(TIGHT).replace('volumes: [', 'volumes: [flexVolume, ') + extra);
  check(withFlex(''), [{ at: 'spec', message: 'it sets no allowedFlexVolumes' }]);
  check(withFlex('allowedFlexVolumes: []\n'), [{ at: 'allowedFlexVolumes', message: 'allowedFlexVolumes is empty' }]);
});

test(`${ID} invalid: RunAsAny user and group rules, one message each`, () => {
  const spec = `
    privileged: false
    allowPrivilegeEscalation: false
    requiredDropCapabilities: [ALL]
    readOnlyRootFilesystem: true
    runAsUser:
      rule: RunAsAny
    runAsGroup:
      rule: 'RunAsAny'
    supplementalGroups:
      rule: RunAsAny
    fsGroup:
      rule: "RunAsAny"
    seLinux:
      rule: MustRunAs
  `;
  check(psp(spec), [
    { at: 'rule: RunAsAny', message: 'lets pods run as root (runAsUser.rule: RunAsAny); use MustRunAsNonRoot' },
    { at: "rule: 'RunAsAny'", message: '(runAsGroup.rule: RunAsAny)' },
    { at: 'rule: RunAsAny', occurrence: 1, message: '(supplementalGroups.rule: RunAsAny)' },
    { at: 'rule: "RunAsAny"', message: '(fsGroup.rule: RunAsAny)' },
  ]);
});

test(`${ID} invalid: ranges that include ID 0, underlined at min`, () => {
  const spec = dedent(TIGHT)
    .replace('rule: MustRunAsNonRoot', 'rule: MustRunAs\n  ranges:\n  - {min: 0, max: 0}\n  - {min: -1, max: 5}')
    .replace('ranges: [{min: 1, max: 65535}]', 'ranges: [{min: 100, max: 200}, {min: 0, max: 10}]')
    .replace('- min: 1\n', '- min: 0\n')
    .replace('- min: 1000', '- min: 0');
  check(psp(spec), [
    { at: 'min: 0', occurrence: 0, message: 'a runAsUser range includes UID 0' },
    { at: 'min: 0', occurrence: 1, message: 'a runAsGroup range includes GID 0' },
    { at: 'min: 0', occurrence: 2, message: 'a supplementalGroups range includes GID 0' },
    { at: 'min: 0', occurrence: 3, message: 'an fsGroup range includes GID 0' },
  ]);
});

test(`${ID} invalid: readOnlyRootFilesystem false or unset`, () => {
  check(tight('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'), [
    { at: 'readOnlyRootFilesystem: false', message: '(readOnlyRootFilesystem: false)' },
  ]);
  check(tight('readOnlyRootFilesystem: true\n', ''), [{ at: 'spec', message: 'does not set readOnlyRootFilesystem: true' }]);
});

test(`${ID} invalid: allowPrivilegeEscalation true or unset (defaults to true)`, () => {
  check(tight('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'), [
    { at: 'allowPrivilegeEscalation: true', message: '(allowPrivilegeEscalation: true)' },
  ]);
  check(tight('allowPrivilegeEscalation: false\n', ''), [{ at: 'spec', message: 'allowPrivilegeEscalation defaults to true' }]);
});

test(`${ID} invalid: allowedCapabilities '*' (other capabilities are not this rule's business)`, () => {
  check(tight('privileged: false', "privileged: false\nallowedCapabilities: [NET_ADMIN, '*']"), [
    { at: "'*'", message: "(allowedCapabilities: '*')" },
  ]);
  check(tight('privileged: false', 'privileged: false\nallowedCapabilities: [NET_BIND_SERVICE]'), []);
});

test(`${ID} invalid: requiredDropCapabilities missing, empty or without ALL`, () => {
  check(tight('requiredDropCapabilities: [ALL]\n', ''), [{ at: 'spec', message: 'it sets no requiredDropCapabilities' }]);
  check(tight('requiredDropCapabilities: [ALL]', 'requiredDropCapabilities: []'), [
    { at: 'requiredDropCapabilities', message: 'it sets no requiredDropCapabilities' },
  ]);
  check(tight('requiredDropCapabilities: [ALL]', 'requiredDropCapabilities: [NET_RAW, SYS_ADMIN]'), [
    { at: 'requiredDropCapabilities', message: '(requiredDropCapabilities: NET_RAW, SYS_ADMIN)' },
  ]);
});

test(`${ID} invalid: seLinux RunAsAny`, () => {
  check(tight('rule: MustRunAs\n  seLinuxOptions:\n    type: container_t', 'rule: RunAsAny'), [
    { at: 'rule: RunAsAny', message: '(seLinux.rule: RunAsAny)' },
  ]);
});

test(`${ID}: strict comparisons: quoted "true" is not true, null is unset`, () => {
  check(tight('privileged: false', 'privileged: "true"'), []);
  check(tight('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation:'), [{ at: 'spec', message: 'defaults to true' }]);
  check(tight('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: "true"'), [
    { at: 'readOnlyRootFilesystem: "true"', message: '(readOnlyRootFilesystem: "true")' },
  ]);
});

test(`${ID}: a PSP without a spec map yields nothing from this rule`, () => {
  check('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: empty\n', []);
});
