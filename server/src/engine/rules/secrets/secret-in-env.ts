import { defineRule } from '../../rule';
import { valueEvidence } from '../../secrets';
import { describeEvidence } from './shared';
import { fixOf, secretKeyFor, secretNameFor } from '../../fixes/rule-fixes';
import { replacePair } from '../../fixes/yaml-edit';
import type { EnvVarView } from '../../views/values';
import { asMap, getNode, nodeSpan, seqItems } from '../../views/yaml-node';
import type { RuleContext } from '../../rule';

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
    fixable: 'suggestion',
    messages: {
      literal: 'Env var "{{name}}" of {{owner}} {{evidence}}; read it from a Secret mounted as a file.',
    },
    references: {
      cis: ['5.4.1'],
      cisDocker: ['4.10'],
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
          fixes: () => secretRefFix(ctx, env),
        });
      },
    };
  },
});

/**
 * Kubernetes containers: `value: <literal>` becomes `valueFrom.secretKeyRef`
 * of Secret `<workload>-secrets`, key `<var-name>` (the Secret must then be
 * created: a suggestion). The title never holds the value.
 */
function secretRefFix(ctx: RuleContext, env: EnvVarView) {
  const c = env.container;
  if (!c || !env.valueSpan) return undefined;
  const item = seqItems(c.get(['env']), c.doc)
    .map((n) => asMap(n, c.doc))
    .find((m) => m && nodeSpan(getNode(m, 'value'))?.start === env.valueSpan!.start);
  if (!item) return undefined;
  const name = secretNameFor(c.pod.resource.name);
  const key = secretKeyFor(env.name);
  return fixOf(
    `Read ${env.name} from Secret "${name}" (key "${key}")`,
    'suggestion',
    replacePair(c.doc, ctx.text, item, ['value'], 'valueFrom', { secretKeyRef: { name, key } }),
  );
}
