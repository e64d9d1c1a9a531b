import type { Rule } from '../../rule';

export const restrictedRules: readonly Rule[] = [];
