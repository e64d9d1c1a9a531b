import type { Rule } from '../../rule';

export const hardeningRules: readonly Rule[] = [];
