import type { Rule } from '../../rule';
import writableRootFilesystem from './writable-root-filesystem';
import rootGroup from './root-group';
import sensitiveHostPath from './sensitive-host-path';
import writableHostPathMount from './writable-host-path-mount';

/** Hardening beyond the Pod Security Standards: no level, so they run under both profiles. */
export const hardeningRules: readonly Rule[] = [writableRootFilesystem, rootGroup, sensitiveHostPath, writableHostPathMount];
