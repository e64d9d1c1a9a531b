import type { Rule } from '../../rule';

export const pspRules: readonly Rule[] = [];
