import type { Rule } from '../../rule';
import abacAnonymousAccess from './abac-anonymous-access';
import abacWildcardGrant from './abac-wildcard-grant';
import abacNotReadonly from './abac-not-readonly';
import abacRestartRequired from './abac-restart-required';

/** ABAC policy files (the API server's --authorization-policy-file), read line by line. */
export const abacRules: readonly Rule[] = [abacAnonymousAccess, abacWildcardGrant, abacNotReadonly, abacRestartRequired];
