import { defineRule } from '../../rule';
import { schemaProblems } from '../../schema/validate';

export default defineRule({
  meta: {
    id: 'schema-unknown-field',
    title: 'Unknown field',
    description:
      'A field the Kubernetes API does not define for this object. Unless a client asks for strict field validation, the API server drops unknown fields, so a typo such as `securityContex:` or `readOnlyRootFileSystem: true` silently disables the setting its author meant to apply.',
    defaultSeverity: 'error',
    category: 'schema',
    messages: {
      unknown: 'Unknown field "{{field}}" in {{path}}: Kubernetes drops it.{{hint}}',
      unknownSecurity:
        'Unknown field "{{field}}" in {{path}}: Kubernetes drops it, so the setting is ignored and the container is not protected.{{hint}}',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
        'https://kubernetes.io/docs/reference/kubernetes-api/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        for (const p of schemaProblems(resource, ctx.text, ctx.views)) {
          if (p.type !== 'unknown-field') continue;
          ctx.report({
            messageId: p.security ? 'unknownSecurity' : 'unknown',
            data: { field: p.field, path: p.path, hint: p.suggestion ? ` Did you mean "${p.suggestion}"?` : '' },
            at: p.span,
          });
        }
      },
    };
  },
});
