import { defineRule } from '../../rule';
import { asMap, getNode, getPair, keySpan, seqItems, stringValue } from '../../views/yaml-node';

/**
 * CIS 5.4.1: prefer Secrets as files over Secrets as environment variables.
 * Environment variables leak into crash dumps, debug endpoints, child
 * processes and logs; files can be re-read after rotation and narrowed with
 * file modes.
 */
export default defineRule({
  meta: {
    id: 'secret-via-env-var',
    title: 'Secret exposed through environment variables',
    description:
      'A Secret read into environment variables (valueFrom.secretKeyRef or envFrom.secretRef) is inherited by child processes and easily leaks through logs, crash reports and debug endpoints; mounting the Secret as a file is preferred (CIS 5.4.1).',
    defaultSeverity: 'info',
    category: 'secrets',
    messages: {
      secretKeyRef: 'Env var "{{name}}" of {{owner}} reads {{secret}} through the environment (valueFrom.secretKeyRef); prefer mounting the Secret as a file (CIS 5.4.1).',
      envFrom: '{{label}} "{{container}}" loads every key of Secret "{{secret}}" into its environment (envFrom[].secretRef); prefer mounting the Secret as a file (CIS 5.4.1).',
    },
    references: {
      cis: ['5.4.1'],
      kubeLinter: ['read-secret-from-env-var'],
      checkov: ['CKV_K8S_35'],
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  create(ctx) {
    return {
      envVar(env) {
        const ref = env.secretKeyRef;
        if (!ref) return;
        const secret =
          ref.name !== undefined && ref.key !== undefined ? `key "${ref.key}" of Secret "${ref.name}"` : ref.name !== undefined ? `Secret "${ref.name}"` : 'a Secret';
        ctx.report({
          messageId: 'secretKeyRef',
          data: { name: env.name, owner: env.owner, secret },
          at: ref.span,
          ...(env.container ? { container: env.container.name } : {}),
        });
      },
      container(c) {
        for (const item of seqItems(c.get(['envFrom']), c.doc)) {
          const pair = getPair(asMap(item, c.doc), 'secretRef');
          const span = keySpan(pair);
          if (!pair || !span || !asMap(pair.value, c.doc)) continue;
          const name = stringValue(getNode(asMap(pair.value, c.doc), 'name'), c.doc) ?? '(unnamed)';
          ctx.report({ messageId: 'envFrom', data: { label: c.label, container: c.name, secret: name }, at: span, container: c.name });
        }
      },
    };
  },
});
