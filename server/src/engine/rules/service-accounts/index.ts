import type { Rule } from '../../rule';

export const serviceAccountsRules: readonly Rule[] = [];
