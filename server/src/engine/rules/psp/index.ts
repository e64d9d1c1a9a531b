import type { Rule } from '../../rule';
import podSecurityPolicyRemoved from './pod-security-policy-removed';
import podSecurityPolicyPermissive from './pod-security-policy-permissive';
import securityContextConstraintsPermissive from './security-context-constraints-permissive';
import podSecurityAdmission from './pod-security-admission';

/** Pod admission policies: PodSecurityPolicy (removed in Kubernetes 1.25), OpenShift SecurityContextConstraints, and Pod Security admission of the project's namespaces. */
export const pspRules: readonly Rule[] = [podSecurityPolicyRemoved, podSecurityPolicyPermissive, securityContextConstraintsPermissive, podSecurityAdmission];
