import { defineRule } from '../../rule';
import { AUTHENTICATION_DOCS } from './shared';

/**
 * One finding per user, at the `password` key (the secret) or, without a
 * password, at `username`. Keys only: the value is never underlined.
 */
export default defineRule({
  meta: {
    id: 'kubeconfig-basic-auth',
    title: 'Kubeconfig user with a username and password',
    description:
      'Basic authentication keeps a reusable password in the kubeconfig in plain text, and the API server removed static password files in Kubernetes 1.19: the credentials are either dead or go to something that is not a current API server.',
    defaultSeverity: 'error',
    category: 'kubeconfig',
    messages: {
      password:
        '{{user}} authenticates with a username and password: the password sits in this file in plain text, and the API server has not accepted basic auth since 1.19; use client certificates or an exec credential plugin.',
      username:
        '{{user}} sets a username for basic auth, which the API server has not accepted since 1.19; use client certificates or an exec credential plugin.',
    },
    references: {
      urls: [AUTHENTICATION_DOCS, 'https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.19.md'],
    },
  },
  create(ctx) {
    return {
      kubeconfig(config) {
        for (const user of config.users) {
          if (user.password) ctx.report({ messageId: 'password', data: { user: user.label }, at: user.password.keySpan });
          else if (user.username) ctx.report({ messageId: 'username', data: { user: user.label }, at: user.username.keySpan });
        }
      },
    };
  },
});
