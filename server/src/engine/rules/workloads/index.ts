import type { Rule } from '../../rule';

export const workloadsRules: readonly Rule[] = [];
