import { defineRule } from '../../rule';

/**
 * Emitted by the project layer (engine/project/lint-project.ts), once per
 * problem a kustomize build met, at the line that caused it: the build fails
 * there as `kubectl kustomize` would, or (info) skipped an input it does not
 * render in process (a remote base, `helmCharts`).
 */
export default defineRule({
  meta: {
    id: 'kustomize-build',
    title: 'Kustomization that does not build',
    description:
      'A kustomization that `kubectl kustomize` would refuse to build (a missing resource or patch file, a patch whose target is not found, an invalid patch, a cycle), reported at the line that causes it; and, as information, an input that is not built in process (a remote base, `helmCharts`), whose objects are then not checked.',
    defaultSeverity: 'error',
    category: 'syntax',
    messages: {
      problem: '{{message}}',
    },
    references: { urls: ['https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/'] },
  },
  create: () => ({}),
});
