import type { Rule } from '../../rule';
import writableRootFilesystem from './writable-root-filesystem';
import rootGroup from './root-group';
import sensitiveHostPath from './sensitive-host-path';
import writableHostPathMount from './writable-host-path-mount';
import hostUts from './host-uts';
import hostUserns from './host-userns';
import hostDevices from './host-devices';
import sharedMountPropagation from './shared-mount-propagation';
import restartPolicyUnlimited from './restart-policy-unlimited';

/** Hardening beyond the Pod Security Standards: no level, so they run under both profiles. */
export const hardeningRules: readonly Rule[] = [writableRootFilesystem, rootGroup, sensitiveHostPath, writableHostPathMount, hostUts, hostUserns, hostDevices, sharedMountPropagation, restartPolicyUnlimited];
