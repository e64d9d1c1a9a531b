import { defineRule } from '../../rule';
import { getNode, nodeSpan, scalarValue } from '../../views/yaml-node';
import { EncryptionConfigView } from '../../views/node-config';
import { CIS_KUBERNETES_URL } from './shared';

const ENCRYPT_URL = 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/';

/** Resource names of an entry that cover Secrets. */
const COVERS_SECRETS = new Set(['secrets', '*.', '*.*']);

/**
 * EncryptionConfiguration: for Secrets, `identity` as the first (writing)
 * provider stores them unencrypted; `aescbc` first is weaker than kms v2 or
 * secretbox; `kms` without apiVersion v2 is the deprecated v1. Reported on
 * the provider's key; key material is never read nor shown.
 */
export default defineRule({
  meta: {
    id: 'encryption-config-weak-provider',
    title: 'Secrets not encrypted at rest, or with a weak provider',
    description:
      'The first provider of an EncryptionConfiguration entry encrypts what the API server writes: identity there stores Secrets unencrypted; aescbc is open to padding-oracle attacks and kms v1 is deprecated; kms v2 or secretbox serve better.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    messages: {
      identityFirst:
        'EncryptionConfiguration writes {{resources}} with the identity provider first: they are stored in etcd unencrypted; put kms (apiVersion v2) or secretbox first and keep identity last, for reading old data.',
      aescbc: 'EncryptionConfiguration encrypts {{resources}} with aescbc, which the Kubernetes docs no longer recommend (padding-oracle attacks); prefer kms (apiVersion v2) or secretbox.',
      kmsV1: 'EncryptionConfiguration encrypts {{resources}} with kms v1 (deprecated, slow: one KMS call per write); set apiVersion: v2.',
    },
    references: { cis: ['1.2.28'], urls: [ENCRYPT_URL, CIS_KUBERNETES_URL] },
  },
  create(ctx) {
    return {
      resource(resource) {
        const config = EncryptionConfigView.from(resource);
        if (!config) return;
        for (const entry of config.entries) {
          if (!entry.resources.some((r) => COVERS_SECRETS.has(r))) continue;
          const first = entry.providers[0];
          const at = first ? nodeSpan(first.node) : undefined;
          if (!first || !at) continue;
          const data = { resources: entry.resources.join(', ') };
          if (first.name === 'identity') ctx.report({ messageId: 'identityFirst', data, at, severity: 'error' });
          else if (first.name === 'aescbc') ctx.report({ messageId: 'aescbc', data, at });
          else if (first.name === 'kms' && scalarValue(getNode(first.body, 'apiVersion'), resource.doc) !== 'v2') ctx.report({ messageId: 'kmsV1', data, at, severity: 'info' });
        }
      },
    };
  },
});
