import type { Rule } from '../../rule';
import privilegedContainer from './privileged-container';
import hostNetwork from './host-network';
import hostPid from './host-pid';
import hostIpc from './host-ipc';
import hostPorts from './host-ports';
import hostPathVolume from './host-path-volume';
import dangerousCapabilities from './dangerous-capabilities';
import seccompUnconfined from './seccomp-unconfined';
import selinuxOptions from './selinux-options';
import apparmorUnconfined from './apparmor-unconfined';
import unmaskedProcMount from './unmasked-proc-mount';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';
import hostProbe from './host-probe';

/** The Pod Security Standards baseline controls, in the order of the standard. */
export const baselineRules: readonly Rule[] = [
  privilegedContainer,
  hostNetwork,
  hostPid,
  hostIpc,
  hostPorts,
  hostPathVolume,
  dangerousCapabilities,
  seccompUnconfined,
  selinuxOptions,
  apparmorUnconfined,
  unmaskedProcMount,
  unsafeSysctls,
  windowsHostProcess,
  hostProbe,
];
