import type { Rule } from '../../rule';
import podSecurityPolicyRemoved from './pod-security-policy-removed';
import podSecurityPolicyPermissive from './pod-security-policy-permissive';

/** PodSecurityPolicy (removed in Kubernetes 1.25): migration hint and permissive settings. */
export const pspRules: readonly Rule[] = [podSecurityPolicyRemoved, podSecurityPolicyPermissive];
