import type { Rule } from '../../rule';
import privilegedContainer from './privileged-container';

export const baselineRules: readonly Rule[] = [privilegedContainer];
