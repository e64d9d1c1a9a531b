import type { Rule } from '../../rule';

export const resourcesRules: readonly Rule[] = [];
