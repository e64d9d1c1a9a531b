import { defineRule } from '../../rule';
import { encryptionKeys, judgeSecretValue, secretView } from '../../secrets';
import { describeEvidence } from './shared';

/**
 * A Secret whose values are written in the manifest: whoever can read the
 * repository can read them (base64 is an encoding, not encryption). Also an
 * EncryptionConfiguration whose provider keys (`keys[].secret`) are written
 * in the file: a committed encryption key defeats encryption at rest. One
 * finding per key, underlined at the key so no editor range shows the value.
 */
export default defineRule({
  meta: {
    id: 'secret-in-manifest',
    title: 'Secret values committed in a manifest',
    description:
      'A Secret with data or stringData values in a committed file exposes them to everyone who can read the repository and its history; base64 is an encoding, not encryption. The same holds for the provider keys (keys[].secret) of an EncryptionConfiguration: a committed encryption key lets anyone who reads the repository decrypt the Secrets stored in etcd and its backups. Findings are errors when a value looks like a real credential or key.',
    defaultSeverity: 'warning',
    category: 'secrets',
    messages: {
      committed: '{{object}} has a committed value for key "{{key}}" ({{field}}); keep Secret values out of version control.',
      credential: '{{object}} key "{{key}}" ({{field}}) {{evidence}}; a real credential is committed with this file.',
      encryptionKey:
        'EncryptionConfiguration {{provider}} key "{{name}}" holds what looks like a real encryption key: anyone who reads the repository can decrypt the data stored in etcd; keep the key out of version control (or use a kms v2 provider) and rotate it.',
      encryptionKeyCommitted:
        'EncryptionConfiguration {{provider}} key "{{name}}" has a committed secret; an encryption key in version control defeats encryption at rest: keep it out of the repository.',
    },
    references: {
      cis: ['5.4.2'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        for (const key of encryptionKeys(resource)) {
          const data = { provider: key.provider, name: key.name ?? '(unnamed)' };
          if (key.level === 'key') ctx.report({ messageId: 'encryptionKey', data, at: key.keySpan, severity: 'error' });
          else if (key.level === 'committed') ctx.report({ messageId: 'encryptionKeyCommitted', data, at: key.keySpan });
        }
        const secret = secretView(resource);
        if (!secret) return;
        for (const entry of secret.entries) {
          const judgment = judgeSecretValue(entry.key, entry.text, entry.binary);
          const data = { object: secret.label, key: entry.key, field: entry.field };
          if (judgment.level === 'committed') {
            ctx.report({ messageId: 'committed', data, at: entry.keySpan });
          } else if (judgment.level === 'credential') {
            ctx.report({ messageId: 'credential', data: { ...data, evidence: describeEvidence(judgment.evidence) }, at: entry.keySpan, severity: 'error' });
          }
        }
      },
    };
  },
});
