import type { Rule } from '../../rule';

export const secretsRules: readonly Rule[] = [];
