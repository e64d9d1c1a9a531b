import { defineRule } from '../../rule';
import { CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting, unset } from './shared';

/** Controller manager: shared credentials for all controllers, no service account signing key, no root CA for tokens. */
export default defineRule({
  meta: {
    id: 'controller-manager-credentials',
    title: 'Controller manager credentials',
    description:
      'Without --use-service-account-credentials every controller acts with the controller manager\'s own, broad credentials; without --service-account-private-key-file it cannot sign service account tokens; without --root-ca-file pods do not get the CA to verify the API server.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'fix',
    suggestions: true,
    messages: {
      sharedCredentials:
        '{{component}} does not set --use-service-account-credentials=true: every controller runs with the controller manager\'s own credentials instead of its own service account\'s narrow role.',
      noSigningKey: '{{component}} has no --service-account-private-key-file: it cannot sign service account tokens, and keys cannot be rotated.',
      noRootCa: '{{component}} has no --root-ca-file: service account token volumes carry no CA, so pods cannot verify the API server\'s certificate.',
    },
    references: {
      cis: ['1.3.3', '1.3.4', '1.3.5'],
      urls: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-controller-manager'], (view) => {
      const s = view.flag('use-service-account-credentials');
      if (!view.bool('use-service-account-credentials', false)) {
        if (s?.span) reportSetting(ctx, view, s, { messageId: 'sharedCredentials' }, { value: 'true' });
        else reportMissing(ctx, view, { messageId: 'sharedCredentials' }, { name: 'use-service-account-credentials', value: 'true', kind: 'fix' });
      }
      if (unset(view, 'service-account-private-key-file')) reportMissing(ctx, view, { messageId: 'noSigningKey' });
      if (unset(view, 'root-ca-file')) reportMissing(ctx, view, { messageId: 'noRootCa' });
    });
  },
});
