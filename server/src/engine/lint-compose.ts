/**
 * Compose file linting: every active rule's `composeService` visitor on each
 * service, and the format-neutral `image` and `envVar` visitors on each
 * service's image and environment. Called by lint.ts for YAML documents that
 * are compose files rather than Kubernetes objects. A rule failure becomes a
 * finding; nothing throws out of here.
 */
import type { EngineSettings } from './config/settings';
import { runRule, type ActiveRule } from './run-rule';
import type { Finding } from './types';
import type { ComposeFileView } from './views/compose';
import type { MergedSpans } from './parse/yaml-merge';
import type { DocumentViews } from './views/view-set';

/**
 * `merged`: the merged copies of the document (see parse/yaml-merge.ts), when
 * it merges anything. `views`: what the rules of the document share.
 */
export function lintCompose(
  compose: ComposeFileView,
  text: string,
  settings: EngineSettings,
  rules: readonly ActiveRule[],
  out: Finding[],
  merged: MergedSpans | undefined,
  views: DocumentViews,
): void {
  const found: Finding[] = [];
  for (const active of rules) {
    runRule(active, settings, text, found, compose.anchorSpan, (visitors) => {
      if (visitors.composeService || visitors.image || visitors.envVar) {
        for (const service of compose.services) {
          visitors.composeService?.(service);
          if (visitors.image) {
            const image = service.image();
            if (image) visitors.image(image);
          }
          if (visitors.envVar) for (const env of service.envVars()) visitors.envVar(env);
        }
      }
      visitors.end?.();
    }, undefined, merged, views);
  }
  // A value shared through an alias (`cap_add: *caps`) is read by every
  // service that names it: one problem in the text is one finding, at the
  // anchor. (A merge key gives each merging service its own finding, on its
  // own `<<` line: see parse/yaml-merge.ts.)
  const seen = new Set<string>();
  for (const f of found) {
    // internal-error findings of different rules share the file's anchor: each names its rule.
    // Merged values share their `<<` span and differ by where they are written (the related location).
    const key = `${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.related?.[0]?.span.start ?? ''}${f.ruleId === 'internal-error' ? `\u0000${f.message}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
}
