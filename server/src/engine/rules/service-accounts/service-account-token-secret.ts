import type { Secret } from 'kubernetes-types/core/v1';
import { defineRule } from '../../rule';
import { getPair, pairSpan, stringValue } from '../../views/yaml-node';
import { isCoreObject } from './kinds';

const SECRET_KIND: NonNullable<Secret['kind']> = 'Secret';
const TOKEN_TYPE = 'kubernetes.io/service-account-token';
/** The annotation naming the ServiceAccount the token is for (a name, never secret). */
const ACCOUNT_ANNOTATION = 'kubernetes.io/service-account.name';

/**
 * A Secret of type kubernetes.io/service-account-token: a token that never
 * expires. The finding names the Secret and its ServiceAccount only; the
 * Secret's data is never read.
 */
export default defineRule({
  meta: {
    id: 'service-account-token-secret',
    title: 'Long-lived service account token Secret',
    description:
      'A Secret of type kubernetes.io/service-account-token makes the control plane issue a ServiceAccount token that never expires and is valid until the Secret is deleted; anyone who reads the Secret holds the account. Pods get short-lived, rotated tokens through projected volumes, and other clients through the TokenRequest API (kubectl create token).',
    defaultSeverity: 'warning',
    category: 'service-accounts',
    messages: {
      token: 'Secret "{{name}}" holds a long-lived token{{account}} (type: {{type}}): it never expires. Use projected serviceAccountToken volumes or the TokenRequest API instead.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
        'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner',
        'https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        if (!isCoreObject(resource, SECRET_KIND)) return;
        const typePair = getPair(resource.root, 'type');
        if (stringValue(typePair?.value, resource.doc) !== TOKEN_TYPE) return;
        const account = resource.annotations().get(ACCOUNT_ANNOTATION)?.value;
        ctx.report({
          messageId: 'token',
          data: {
            name: resource.name ?? '(unnamed)',
            account: typeof account === 'string' && account ? ` for ServiceAccount "${account}"` : '',
            type: TOKEN_TYPE,
          },
          at: pairSpan(typePair)!,
        });
      },
    };
  },
});
