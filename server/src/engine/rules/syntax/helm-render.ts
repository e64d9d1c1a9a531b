import { defineRule } from '../../rule';

/**
 * Emitted by the project layer (engine/project/helm-lint.ts), once per problem
 * rendering a Helm chart met, at the line that caused it: a template syntax
 * error, a render error (`required`, `fail`, a nil pointer), a values file that
 * cannot be read; and, as information, a dependency that is not vendored.
 */
export default defineRule({
  meta: {
    id: 'helm-render',
    title: 'Helm chart that does not render',
    description:
      'A Helm chart that `helm template` would refuse to render (a template syntax error, a `required` or `fail` message, a nil pointer, unreadable values), reported at the template or values line that causes it; the other templates of the chart are still checked. As information: a dependency that is not vendored in `charts/` (an OCI or repository URL), which is then not rendered or checked.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      problem: '{{message}}',
    },
    references: { urls: ['https://helm.sh/docs/helm/helm_template/'] },
  },
  create: () => ({}),
});
