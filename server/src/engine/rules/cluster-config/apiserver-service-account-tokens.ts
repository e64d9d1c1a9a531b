import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting, unset } from './shared';

/** `--service-account-lookup=false`, or no `--service-account-key-file`. */
export default defineRule({
  meta: {
    id: 'apiserver-service-account-tokens',
    title: 'API server service account token checks',
    description:
      '--service-account-lookup=false accepts tokens of deleted service accounts until they expire; without --service-account-key-file the API server verifies tokens with its TLS key, so the key cannot be rotated apart from the serving certificate.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      lookupOff: '{{component}} sets --service-account-lookup=false: tokens of deleted service accounts keep working until they expire; set it to true (the default).',
      noKeyFile: '{{component}} has no --service-account-key-file: service account tokens are verified with the TLS serving key; give the public key of the token signing key pair.',
    },
    references: {
      cis: ['1.2.21', '1.2.22'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      const lookup = view.flag('service-account-lookup');
      if (lookup?.span && !view.bool('service-account-lookup', true)) reportSetting(ctx, view, lookup, { messageId: 'lookupOff' }, { value: 'true' });
      if (unset(view, 'service-account-key-file')) reportMissing(ctx, view, { messageId: 'noKeyFile' });
    });
  },
});
