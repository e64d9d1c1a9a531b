import type { Rule } from '../../rule';
import podSecurityPolicyRemoved from './pod-security-policy-removed';
import podSecurityPolicyPermissive from './pod-security-policy-permissive';
import securityContextConstraintsPermissive from './security-context-constraints-permissive';

/** Pod admission policies: PodSecurityPolicy (removed in Kubernetes 1.25) and OpenShift SecurityContextConstraints. */
export const pspRules: readonly Rule[] = [podSecurityPolicyRemoved, podSecurityPolicyPermissive, securityContextConstraintsPermissive];
