import { defineRule } from '../../rule';
import { configMapView, looksRandom, valueEvidence } from '../../secrets';
import { describeEvidence } from './shared';

/**
 * ConfigMaps are not meant for confidential data: they are readable by more
 * roles, shown by `kubectl describe` and never encrypted at rest. Each key of
 * `data` is judged with the detectors of secret-in-env (its name, its value,
 * settings inside a file value); each key of `binaryData` is decoded and its
 * content judged the same way (a binary value that is random bytes counts as
 * key material). One finding per key, underlined at the key.
 */
export default defineRule({
  meta: {
    id: 'secret-in-configmap',
    title: 'Credential in a ConfigMap',
    description:
      'A ConfigMap key or file that holds a credential (a credential-like key with a literal value, a known token or key format, a password setting inside a config file, or a long random string) leaks it: ConfigMaps are not access-controlled or encrypted like Secrets.',
    defaultSeverity: 'error',
    category: 'secrets',
    messages: {
      credential: '{{object}} key "{{key}}" ({{field}}) {{evidence}}; move it to a Secret.',
    },
    references: {
      kubeLinter: ['configmap-with-credentials'],
      trivy: ['KSV0109'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/configmap/',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const configMap = configMapView(resource);
        if (!configMap) return;
        for (const entry of configMap.entries) {
          const evidence =
            entry.binary
              ? looksRandom(entry.raw.trim()) ? { kind: 'random' as const } : undefined
              : valueEvidence(entry.key, entry.text);
          if (!evidence) continue;
          ctx.report({
            messageId: 'credential',
            data: { object: configMap.label, key: entry.key, field: entry.field, evidence: describeEvidence(evidence) },
            at: entry.keySpan,
          });
        }
      },
    };
  },
});
