import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing } from './shared';

/** No `--encryption-provider-config`: Secrets are stored in etcd unencrypted. */
export default defineRule({
  meta: {
    id: 'apiserver-encryption-provider',
    title: 'API server without encryption at rest',
    description:
      'Without --encryption-provider-config the API server stores Secrets in etcd as plain base64: anyone with an etcd backup or disk reads every credential of the cluster.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    messages: {
      missing:
        '{{component}} has no --encryption-provider-config: Secrets are stored in etcd unencrypted, readable from any etcd backup; give an EncryptionConfiguration (kms v2 or secretbox for secrets).',
    },
    references: {
      cis: ['1.2.27'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      if (!view.flag('encryption-provider-config')?.value.trim()) reportMissing(ctx, view, { messageId: 'missing' });
    });
  },
});
