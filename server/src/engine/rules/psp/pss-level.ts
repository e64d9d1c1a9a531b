/**
 * Which Pod Security Standard a PodSecurityPolicy corresponds to, following
 * the Kubernetes mapping "Mapping PodSecurityPolicies to Pod Security
 * Standards": a PSP corresponds to the strictest level whose allowed values
 * contain every value it admits. The first field that rules a level out is
 * returned as the reason, for the message.
 *
 * One deliberate leniency: `seLinux.rule: RunAsAny` does not rule out baseline
 * or restricted. The PSP SELinux API cannot express the SELinux control of the
 * standards, SELinux options do nothing on nodes without SELinux, and nearly
 * every PSP (the upstream baseline and restricted examples included) uses
 * RunAsAny. `pod-security-policy-permissive` still reports it.
 */
import type { PspView } from '../../views/psp';
import { APPARMOR_ALLOWED_ANNOTATION, SECCOMP_ALLOWED_ANNOTATION, profileList } from '../../views/psp';
import { asMap, getNode, stringValue } from '../../views/yaml-node';
import { BASELINE_CAPABILITIES } from '../baseline/dangerous-capabilities';
import { ALLOWED_SELINUX_TYPES } from '../baseline/selinux-options';

export type PssProfileName = 'privileged' | 'baseline' | 'restricted';

export interface PssAssessment {
  level: PssProfileName;
  /** Why the next stricter level does not fit (absent for restricted). */
  reason?: string;
}

/** Volume types the restricted profile allows, as PSP `volumes` spells them. */
const RESTRICTED_PSP_VOLUMES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const CAPABILITY_FIELDS = ['allowedCapabilities', 'defaultAddCapabilities'] as const;

/** Seccomp profiles the restricted profile accepts (docker/default is the deprecated alias of runtime/default). */
const isRestrictedSeccomp = (p: string): boolean => p === 'runtime/default' || p === 'docker/default' || p.startsWith('localhost/');

/** Why the PSP admits pods that the baseline profile rejects, or undefined. */
function notBaseline(psp: PspView): string | undefined {
  if (psp.value('privileged') === true) return 'privileged: true';
  for (const field of ['hostPID', 'hostIPC', 'hostNetwork']) {
    if (psp.value(field) === true) return `${field}: true`;
  }
  if (psp.list('hostPorts').length > 0) return 'hostPorts allows ports of the node';
  const volumes = psp.strings('volumes');
  if (volumes.includes('*')) return "volumes allows '*'";
  if (volumes.includes('hostPath')) return 'volumes allows hostPath';
  for (const field of CAPABILITY_FIELDS) {
    const extra = psp.strings(field).find((c) => !BASELINE_CAPABILITIES.has(c));
    if (extra !== undefined) return `${field} includes ${extra}`;
  }
  if (psp.list('allowedUnsafeSysctls').length > 0) return 'allowedUnsafeSysctls is not empty';
  const procMount = psp.strings('allowedProcMountTypes').find((t) => t !== 'Default');
  if (procMount !== undefined) return `allowedProcMountTypes includes ${procMount}`;
  const seLinux = asMap(psp.pair('seLinux')?.value, psp.doc);
  if (stringValue(getNode(seLinux, 'rule'), psp.doc) === 'MustRunAs') {
    const options = asMap(getNode(seLinux, 'seLinuxOptions'), psp.doc);
    for (const key of ['user', 'role']) {
      const v = stringValue(getNode(options, key), psp.doc);
      if (v !== undefined && v !== '') return `seLinux sets ${key} ${v}`;
    }
    const type = stringValue(getNode(options, 'type'), psp.doc);
    if (type !== undefined && !ALLOWED_SELINUX_TYPES.has(type)) return `seLinux sets type ${type}`;
  }
  const seccomp = psp.annotation(SECCOMP_ALLOWED_ANNOTATION);
  if (seccomp !== undefined) {
    const open = profileList(seccomp).find((p) => p === '*' || p === 'unconfined');
    if (open !== undefined) return `seccomp profiles allow '${open}'`;
  }
  const apparmor = psp.annotation(APPARMOR_ALLOWED_ANNOTATION);
  if (apparmor !== undefined && profileList(apparmor).includes('unconfined')) return "AppArmor profiles allow 'unconfined'";
  return undefined;
}

/** Why the PSP admits pods that the restricted profile rejects, or undefined. */
function notRestricted(psp: PspView): string | undefined {
  const volume = psp.strings('volumes').find((v) => !RESTRICTED_PSP_VOLUMES.has(v));
  if (volume !== undefined) return `volumes allows ${volume}`;
  for (const field of CAPABILITY_FIELDS) {
    const extra = psp.strings(field).find((c) => c !== 'NET_BIND_SERVICE');
    if (extra !== undefined) return `${field} includes ${extra}`;
  }
  if (!psp.strings('requiredDropCapabilities').includes('ALL')) return 'requiredDropCapabilities does not include ALL';
  if (psp.value('allowPrivilegeEscalation') !== false) return 'allowPrivilegeEscalation is not false';
  if (psp.idStrategy('runAsUser')?.rule !== 'MustRunAsNonRoot') return 'runAsUser.rule is not MustRunAsNonRoot';
  const seccomp = psp.annotation(SECCOMP_ALLOWED_ANNOTATION);
  if (seccomp === undefined) return 'no seccomp allowedProfileNames annotation requires runtime/default';
  if (!profileList(seccomp).every(isRestrictedSeccomp)) return 'seccomp profiles allow more than runtime/default';
  return undefined;
}

export function pssLevelOf(psp: PspView): PssAssessment {
  const privileged = notBaseline(psp);
  if (privileged !== undefined) return { level: 'privileged', reason: privileged };
  const baseline = notRestricted(psp);
  if (baseline !== undefined) return { level: 'baseline', reason: baseline };
  return { level: 'restricted' };
}
