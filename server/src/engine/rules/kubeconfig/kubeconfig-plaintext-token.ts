import { defineRule } from '../../rule';
import { AUTHENTICATION_DOCS } from './shared';

/**
 * A bearer token written into the kubeconfig: `token`, and the tokens an
 * auth-provider (oidc, gcp, azure) caches in its `config` (`id-token`,
 * `refresh-token`, `access-token`). Underlined at the key, never the value.
 */
export default defineRule({
  meta: {
    id: 'kubeconfig-plaintext-token',
    title: 'Kubeconfig user with a token in the file',
    description:
      'A bearer token written into a kubeconfig is a credential in plain text: whoever reads the file, a backup or a copy of it can act as the user until the token is revoked. tokenFile, exec credential plugins and client certificates keep or mint the credential elsewhere.',
    defaultSeverity: 'warning',
    category: 'kubeconfig',
    messages: {
      token:
        '{{user}} stores a bearer token in this file (token): anyone who can read the file can act as this user; use tokenFile or an exec credential plugin.',
      authProvider:
        '{{user}} keeps the {{key}} of auth-provider "{{provider}}" in this file: anyone who can read the file can act as this user; use an exec credential plugin (such as kubelogin) instead.',
    },
    references: {
      urls: [AUTHENTICATION_DOCS, 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins'],
    },
  },
  create(ctx) {
    return {
      kubeconfig(config) {
        for (const user of config.users) {
          if (user.token) ctx.report({ messageId: 'token', data: { user: user.label }, at: user.token.keySpan });
          for (const token of user.authProvider?.tokens ?? []) {
            ctx.report({
              messageId: 'authProvider',
              data: { user: user.label, key: token.key, provider: user.authProvider?.name ?? '(unnamed)' },
              at: token.keySpan,
            });
          }
        }
      },
    };
  },
});
