import { defineRule } from '../../rule';

/** Emitted by the engine, at most once per file, for Helm/Go templates. */
export default defineRule({
  meta: {
    id: 'helm-template',
    title: 'Helm template not checked',
    description:
      'The file contains Go template syntax (`{{ ... }}`) and is not YAML until rendered. Shipshape skips it instead of reporting a flood of parse errors; lint the output of `helm template` instead.',
    defaultSeverity: 'info',
    category: 'syntax',
    messages: {
      skipped: 'Helm/Go template syntax found; this file is not checked until rendered (lint the output of `helm template`).',
    },
    references: { urls: ['https://helm.sh/docs/helm/helm_template/'] },
  },
  create: () => ({}),
});
