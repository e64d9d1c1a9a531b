import type { Rule } from '../../rule';

export const imagesRules: readonly Rule[] = [];
