import { defineRule } from '../../rule';
import { schemaProblems } from '../../schema/validate';

export default defineRule({
  meta: {
    id: 'schema-type',
    title: 'Field value of the wrong type',
    description:
      'A field whose value has the wrong type for the Kubernetes API, e.g. `privileged: "yes"` (a string where a boolean is expected) or `containerPort: "8080"`. The API server rejects the object. Int-or-string fields (ports, maxSurge) and quantities (`cpu: 1`, `memory: 512Mi`) accept both forms; `null` means unset and is accepted.',
    defaultSeverity: 'error',
    category: 'schema',
    messages: {
      type: '{{path}} must be {{expected}}, not {{actual}}.',
    },
    references: {
      urls: ['https://kubernetes.io/docs/reference/kubernetes-api/'],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        for (const p of schemaProblems(resource, ctx.text, ctx.views)) {
          if (p.type !== 'type') continue;
          ctx.report({ messageId: 'type', data: { path: p.path, expected: p.expected, actual: p.actual }, at: p.span });
        }
      },
    };
  },
});
