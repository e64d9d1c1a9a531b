import type { Rule } from '../../rule';
import missingMemoryLimit from './missing-memory-limit';
import missingCpuLimit from './missing-cpu-limit';
import missingMemoryRequest from './missing-memory-request';
import missingCpuRequest from './missing-cpu-request';
import limitBelowRequest from './limit-below-request';
import missingPidsLimit from './missing-pids-limit';

export const resourcesRules: readonly Rule[] = [missingMemoryLimit, missingCpuLimit, missingMemoryRequest, missingCpuRequest, limitBelowRequest, missingPidsLimit];
