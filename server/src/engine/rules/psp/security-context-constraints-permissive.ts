import { defineRule } from '../../rule';
import { POLICY_MESSAGES, judgePolicy } from './policy-permissive';

/**
 * OpenShift SecurityContextConstraints, judged field by field as
 * `pod-security-policy-permissive` judges PodSecurityPolicies (one judge,
 * rules/psp/policy-permissive.ts, reads both through their dialects).
 */
export default defineRule({
  meta: {
    id: 'security-context-constraints-permissive',
    title: 'Permissive SecurityContextConstraints',
    description:
      'An OpenShift SecurityContextConstraints field that admits privileged, host-namespace, host-path, root or otherwise unconfined pods. Every pod whose service account, user or group may use the SCC can claim those permissions.',
    defaultSeverity: 'warning',
    category: 'pod-security-policy',
    messages: POLICY_MESSAGES,
    references: {
      cis: ['5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.7', '5.2.9', '5.2.10', '5.2.12', '5.2.13'],
      kubeLinter: ['scc-deny-privileged-container'],
      urls: [
        'https://docs.openshift.com/container-platform/4.16/authentication/managing-security-context-constraints.html',
        'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/api_reference/security-apis/securitycontextconstraints-security-openshift-io-v1',
      ],
    },
  },
  create(ctx) {
    return {
      scc(scc) {
        judgePolicy(ctx, scc);
      },
    };
  },
});
