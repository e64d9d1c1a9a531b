import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'pod-security-policy-removed';
const LABEL = 'pod-security.kubernetes.io/enforce:';

/** A PSP named `name` with `spec` (a dedented YAML map) and optional annotations. */
const psp = (spec: string, opts: { name?: string; annotations?: string; apiVersion?: string } = {}): string => {
  const ann = opts.annotations ? `  annotations:\n${dedent(opts.annotations).replace(/^/gm, '    ').trimEnd()}\n` : '';
  return `apiVersion: ${opts.apiVersion ?? 'policy/v1beta1'}\nkind: PodSecurityPolicy\nmetadata:\n  name: ${opts.name ?? 'legacy'}\n${ann}spec:\n${dedent(spec).replace(/^/gm, '  ').trimEnd()}\n`;
};

/** The strictest PSP there is: every restricted requirement written out. */
const RESTRICTED_SPEC = `
  privileged: false
  allowPrivilegeEscalation: false
  requiredDropCapabilities: [ALL]
  volumes: [configMap, emptyDir, projected, secret, downwardAPI, csi, persistentVolumeClaim, ephemeral]
  hostNetwork: false
  hostIPC: false
  hostPID: false
  runAsUser:
    rule: MustRunAsNonRoot
  seLinux:
    rule: RunAsAny
  supplementalGroups:
    rule: MustRunAs
    ranges: [{min: 1, max: 65535}]
  fsGroup:
    rule: MustRunAs
    ranges: [{min: 1, max: 65535}]
  readOnlyRootFilesystem: true
`;
const RESTRICTED_SECCOMP = `seccomp.security.alpha.kubernetes.io/allowedProfileNames: 'runtime/default'`;

const expectLevel = (text: string, level: string, reason?: string) =>
  assertFindings(text, findingsOf(ID, text), [
    {
      at: 'kind: PodSecurityPolicy',
      message: ['uses an API removed in Kubernetes 1.25', `Pod Security Standard`, `${LABEL} ${level}`, ...(reason ? [reason] : [])],
    },
  ]);

test(`${ID}: a PSP as restrictive as possible still fires, and maps to restricted`, () => {
  expectLevel(psp(RESTRICTED_SPEC, { annotations: RESTRICTED_SECCOMP }), 'restricted');
});

test(`${ID}: the message names the PSP; extensions/v1beta1 PSPs count too`, () => {
  const text = psp(RESTRICTED_SPEC, { name: 'tight', annotations: RESTRICTED_SECCOMP, apiVersion: 'extensions/v1beta1' });
  assertFindings(text, findingsOf(ID, text), [{ at: 'kind: PodSecurityPolicy', message: 'PodSecurityPolicy "tight"' }]);
});

test(`${ID}: localhost and docker/default seccomp profiles keep restricted`, () => {
  const ann = `seccomp.security.alpha.kubernetes.io/allowedProfileNames: 'docker/default,localhost/audit.json'`;
  expectLevel(psp(RESTRICTED_SPEC, { annotations: ann }), 'restricted');
});

for (const [name, change, reason] of [
  ['allowPrivilegeEscalation unset', (s: string) => s.replace('allowPrivilegeEscalation: false\n', ''), 'allowPrivilegeEscalation is not false'],
  ['no ALL in requiredDropCapabilities', (s: string) => s.replace('[ALL]', '[NET_RAW]'), 'requiredDropCapabilities does not include ALL'],
  ['runAsUser RunAsAny', (s: string) => s.replace('MustRunAsNonRoot', 'RunAsAny'), 'runAsUser.rule is not MustRunAsNonRoot'],
  ['an nfs volume', (s: string) => s.replace('[configMap,', '[nfs, configMap,'), 'volumes allows nfs'],
  ['a baseline capability', (s: string) => s.replace('privileged: false', 'privileged: false\nallowedCapabilities: [CHOWN]'), 'allowedCapabilities includes CHOWN'],
] as const) {
  test(`${ID}: baseline when restricted is ruled out by ${name}`, () => {
    expectLevel(psp(change(dedent(RESTRICTED_SPEC)), { annotations: RESTRICTED_SECCOMP }), 'baseline', `not restricted: ${reason}`);
  });
}

test(`${ID}: baseline without a seccomp annotation or with a trailing comma (unset allowed)`, () => {
  expectLevel(psp(RESTRICTED_SPEC), 'baseline', 'no seccomp allowedProfileNames annotation requires runtime/default');
  const ann = `seccomp.security.alpha.kubernetes.io/allowedProfileNames: 'runtime/default,'`;
  expectLevel(psp(RESTRICTED_SPEC, { annotations: ann }), 'baseline', 'seccomp profiles allow more than runtime/default');
});

test(`${ID}: NET_BIND_SERVICE alone keeps restricted`, () => {
  const spec = dedent(RESTRICTED_SPEC).replace('privileged: false', 'privileged: false\nallowedCapabilities: [NET_BIND_SERVICE]');
  expectLevel(psp(spec, { annotations: RESTRICTED_SECCOMP }), 'restricted');
});

for (const [name, spec, reason, annotations] of [
  ['privileged: true', 'privileged: true', 'privileged: true'],
  ['hostNetwork', 'hostNetwork: true', 'hostNetwork: true'],
  ['hostPID', 'hostPID: true', 'hostPID: true'],
  ['hostIPC', 'hostIPC: true', 'hostIPC: true'],
  ['host ports', 'hostPorts:\n- {min: 80, max: 80}', 'hostPorts allows ports of the node'],
  ['volumes *', "volumes: ['*']", "volumes allows '*'"],
  ['hostPath volumes', 'volumes: [emptyDir, hostPath]', 'volumes allows hostPath'],
  ['SYS_ADMIN', 'allowedCapabilities: [CHOWN, SYS_ADMIN]', 'allowedCapabilities includes SYS_ADMIN'],
  ['a default-added capability', 'defaultAddCapabilities: [NET_ADMIN]', 'defaultAddCapabilities includes NET_ADMIN'],
  ['unsafe sysctls', "allowedUnsafeSysctls: ['net.*']", 'allowedUnsafeSysctls is not empty'],
  ['unmasked /proc', 'allowedProcMountTypes: [Default, Unmasked]', 'allowedProcMountTypes includes Unmasked'],
  ['an SELinux type', 'seLinux:\n  rule: MustRunAs\n  seLinuxOptions:\n    type: spc_t', 'seLinux sets type spc_t'],
  ['an SELinux user', 'seLinux:\n  rule: MustRunAs\n  seLinuxOptions:\n    user: system_u', 'seLinux sets user system_u'],
  ['seccomp *', 'privileged: false', "seccomp profiles allow '*'", "seccomp.security.alpha.kubernetes.io/allowedProfileNames: '*'"],
  ['AppArmor unconfined', 'privileged: false', "AppArmor profiles allow 'unconfined'", "apparmor.security.beta.kubernetes.io/allowedProfileNames: 'runtime/default,unconfined'"],
] as const) {
  test(`${ID}: privileged because of ${name}`, () => {
    expectLevel(psp(spec, annotations ? { annotations } : {}), 'privileged', `(${reason})`);
  });
}

test(`${ID}: baseline capabilities, container_t and seLinux RunAsAny stay baseline`, () => {
  const spec = `
    allowedCapabilities: [CHOWN, NET_BIND_SERVICE, KILL]
    volumes: [configMap, nfs]
    seLinux:
      rule: MustRunAs
      seLinuxOptions:
        type: container_t
        level: "s0:c123,c456"
  `;
  expectLevel(psp(spec), 'baseline');
  expectLevel(psp('seLinux:\n  rule: RunAsAny\n'), 'baseline');
});

test(`${ID}: one finding per PSP in a multi-document file, none for other kinds`, () => {
  const text = `${psp('privileged: true', { name: 'a' })}---\n${psp(RESTRICTED_SPEC, { name: 'b' })}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n`;
  assertFindings(text, findingsOf(ID, text), [
    { at: 'kind: PodSecurityPolicy', message: ['"a"', `${LABEL} privileged`] },
    { at: 'kind: PodSecurityPolicy', occurrence: 1, message: ['"b"', `${LABEL} baseline`] },
  ]);
});

test(`${ID}: a PodSecurityPolicy kind outside the policy and extensions groups is not the Kubernetes API`, () => {
  const text = psp('privileged: true', { apiVersion: 'example.com/v1' });
  assertFindings(text, findingsOf(ID, text), []);
  const other = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n';
  assertFindings(other, findingsOf(ID, other), []);
});

test(`${ID}: a PSP without spec or name still gets the finding`, () => {
  const text = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {}\n';
  assertFindings(text, findingsOf(ID, text), [{ at: 'kind: PodSecurityPolicy', message: ['"(unnamed)"', `${LABEL} baseline`] }]);
});
