import type { Rule } from '../../rule';
import restrictedVolumeTypes from './restricted-volume-types';
import privilegeEscalationAllowed from './privilege-escalation-allowed';
import runAsRoot from './run-as-root';
import capabilitiesNotDropped from './capabilities-not-dropped';
import seccompProfileMissing from './seccomp-profile-missing';

/** Pod Security Standards, restricted level: off under `profile: baseline`. */
export const restrictedRules: readonly Rule[] = [
  restrictedVolumeTypes,
  privilegeEscalationAllowed,
  runAsRoot,
  capabilitiesNotDropped,
  seccompProfileMissing,
];
