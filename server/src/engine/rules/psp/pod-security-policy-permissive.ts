import { defineRule } from '../../rule';
import { POLICY_MESSAGES, judgePolicy } from './policy-permissive';

export default defineRule({
  meta: {
    id: 'pod-security-policy-permissive',
    title: 'Permissive PodSecurityPolicy',
    description:
      'A PodSecurityPolicy field that admits privileged, host-namespace, root or otherwise unconfined pods. The settings are worth fixing while the PSP is migrated: they show which workloads need exemptions.',
    defaultSeverity: 'warning',
    category: 'pod-security-policy',
    messages: POLICY_MESSAGES,
    references: {
      cis: ['5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.7', '5.2.9', '5.2.10', '5.2.12', '5.2.13'],
      checkov: ['CKV_K8S_1', 'CKV_K8S_2', 'CKV_K8S_3', 'CKV_K8S_4', 'CKV_K8S_5', 'CKV_K8S_6', 'CKV_K8S_7', 'CKV_K8S_36'],
      urls: [
        'https://kubernetes.io/docs/reference/access-authn-authz/psp-to-pod-security-standards/',
        'https://v1-24.docs.kubernetes.io/docs/concepts/security/pod-security-policy/',
      ],
    },
  },
  create(ctx) {
    return {
      psp(psp) {
        if (psp.spec) judgePolicy(ctx, psp);
      },
    };
  },
});
