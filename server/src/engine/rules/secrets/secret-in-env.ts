import { defineRule } from '../../rule';
import { valueEvidence } from '../../secrets';
import { describeEvidence } from './shared';

/**
 * An env var whose literal `value` is a credential: its name says so and the
 * value is not a placeholder, or the value has a known credential format,
 * or it is a long random string. Uses only the format-neutral EnvVarView,
 * so compose files and Dockerfiles get the same check.
 */
export default defineRule({
  meta: {
    id: 'secret-in-env',
    title: 'Credential in a literal env var value',
    description:
      'An environment variable with a literal value that is a credential (by its name, a known token or key format, or its randomness) puts the secret in the manifest, in the API object and in every process listing of the container.',
    defaultSeverity: 'error',
    category: 'secrets',
    messages: {
      literal: 'Env var "{{name}}" of {{owner}} {{evidence}}; read it from a Secret mounted as a file.',
    },
    references: {
      cis: ['5.4.1'],
      kubeLinter: ['env-var-secret'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  create(ctx) {
    return {
      envVar(env) {
        if (env.value === undefined) return;
        const evidence = valueEvidence(env.name, env.value);
        if (!evidence) return;
        ctx.report({
          messageId: 'literal',
          data: { name: env.name, owner: env.owner, evidence: describeEvidence(evidence) },
          at: env.nameSpan,
          ...(env.container ? { container: env.container.name } : {}),
        });
      },
    };
  },
});
