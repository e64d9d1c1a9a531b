import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportSetting } from './shared';

/** `--token-auth-file` on the API server (the flag's line). */
export default defineRule({
  meta: {
    id: 'apiserver-token-auth-file',
    title: 'API server static token file',
    description:
      '--token-auth-file authenticates bearer tokens listed in a file: they never expire, cannot be revoked without restarting the API server, and sit in clear text on the control-plane host.',
    defaultSeverity: 'error',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      tokenFile:
        '{{component}} sets --token-auth-file: its static tokens never expire and cannot be revoked without a restart; use client certificates, OIDC or service account tokens instead.',
    },
    references: { cis: ['1.2.2'], urls: [APISERVER_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file', CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      const s = view.flag('token-auth-file');
      if (s?.span && s.value.trim() !== '') reportSetting(ctx, view, s, { messageId: 'tokenFile' }, {});
    });
  },
});
