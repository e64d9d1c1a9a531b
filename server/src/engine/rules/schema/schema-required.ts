import { defineRule } from '../../rule';
import { schemaProblems } from '../../schema/validate';

/**
 * Warning, not error: a missing required field is never silent (the API server
 * rejects the object on apply, unlike an unknown field), and the required
 * markers come from the Kubernetes OpenAPI documents, which in a few
 * places require fields the server defaults. An error would block CI on those.
 */
export default defineRule({
  meta: {
    id: 'schema-required',
    title: 'Required field missing',
    description:
      'A field the Kubernetes API marks as required is missing, e.g. a container without `name` or `image`, or a Deployment without `spec.selector`. The API server rejects the object when it is applied.',
    defaultSeverity: 'warning',
    category: 'schema',
    messages: {
      required: 'Missing required field "{{field}}" in {{path}}.',
    },
    references: {
      urls: ['https://kubernetes.io/docs/reference/kubernetes-api/'],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        for (const p of schemaProblems(resource, ctx.text, ctx.views)) {
          if (p.type !== 'required') continue;
          ctx.report({ messageId: 'required', data: { field: p.field, path: p.path }, at: p.span });
        }
      },
    };
  },
});
