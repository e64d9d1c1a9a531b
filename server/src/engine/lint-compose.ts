/**
 * Compose file linting: every active rule's `composeService` visitor on each
 * service, and the format-neutral `image` and `envVar` visitors on each
 * service's image and environment. Called by lint.ts for YAML documents that
 * are compose files rather than Kubernetes objects. A rule failure becomes a
 * finding; nothing throws out of here.
 */
import type { EngineSettings } from './config/settings';
import { formatMessage, type Rule, type RuleContext, type RuleVisitors } from './rule';
import { clampToLine } from './text';
import type { Finding, Severity } from './types';
import type { ComposeFileView } from './views/compose';

export function lintCompose(compose: ComposeFileView, text: string, settings: EngineSettings, rules: ReadonlyArray<{ rule: Rule; severity: Severity }>, out: Finding[]): void {
  const found: Finding[] = [];
  for (const { rule, severity } of rules) {
    const ctx: RuleContext = {
      meta: rule.meta,
      options: settings.ruleOptions[rule.meta.id] ?? {},
      profile: settings.profile,
      trustedRegistries: settings.trustedRegistries,
      text,
      report(d) {
        const template = rule.meta.messages[d.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id}: unknown messageId ${d.messageId}`);
        const f: Finding = {
          ruleId: rule.meta.id,
          severity: d.severity !== undefined && settings.rules[rule.meta.id] === undefined ? d.severity : severity,
          message: formatMessage(template, d.data),
          span: clampToLine(text, d.at.start, d.at.end),
        };
        if (d.container !== undefined) f.container = d.container;
        if (d.fixes && d.fixes.length) f.fixes = d.fixes;
        found.push(f);
      },
    };
    try {
      const visitors: RuleVisitors = rule.create(ctx);
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
    } catch (e) {
      // A rule bug must not take the other rules down; surface it as a finding.
      const at = compose.anchorSpan;
      found.push({
        ruleId: rule.meta.id,
        severity: 'error',
        message: `Internal error in rule ${rule.meta.id}: ${e instanceof Error ? e.message : String(e)}`,
        span: clampToLine(text, at.start, at.end),
      });
    }
  }
  // A value shared through a YAML anchor (`<<: *defaults`) is read by every
  // service that merges it: one problem in the text is one finding, at the anchor.
  const seen = new Set<string>();
  for (const f of found) {
    const key = `${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
}
