/**
 * Running one rule over one view, shared by every format's pipeline (YAML
 * manifests, compose files, Dockerfiles): the rule context, report handling
 * and containment of rule failures live here once.
 */
import { effectiveSeverity, type EngineSettings } from './config/settings';
import { RULES } from './rules';
import { formatMessage, type Rule, type RuleContext, type RuleVisitors } from './rule';
import { clampToLine } from './text';
import type { Finding, RuleMeta, Severity, Span } from './types';

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

/** The visitor rules that run under these settings, at their effective severity. */
export function activeRules(settings: EngineSettings): ActiveRule[] {
  const out: ActiveRule[] = [];
  for (const rule of RULES) {
    if (rule.meta.category === 'syntax') continue;
    if (rule.meta.category === 'schema' && !settings.schemaValidation) continue;
    const severity = effectiveSeverity(rule.meta, settings);
    if (severity !== 'off') out.push({ rule, severity });
  }
  return out;
}

/**
 * Create the rule's visitors with a context that reports into `out`, and
 * hand them to `visit`. A rule that throws does not take the others down: its
 * failure becomes one finding at `anchor`. `object` is attached to every
 * finding (Kubernetes objects only).
 */
export function runRule(
  { rule, severity }: ActiveRule,
  settings: EngineSettings,
  text: string,
  out: Finding[],
  anchor: Span,
  visit: (visitors: RuleVisitors) => void,
  object?: Finding['object'],
): void {
  const ctx: RuleContext = {
    meta: rule.meta,
    options: settings.ruleOptions[rule.meta.id] ?? {},
    profile: settings.profile,
    trustedRegistries: settings.trustedRegistries,
    fixDefaults: settings.fixDefaults,
    text,
    report(d) {
      const template = rule.meta.messages[d.messageId];
      if (template === undefined) throw new Error(`rule ${rule.meta.id}: unknown messageId ${d.messageId}`);
      const f: Finding = {
        ruleId: rule.meta.id,
        // A rule may grade a finding (e.g. a real credential vs a committed value) unless the user set a severity.
        severity: d.severity !== undefined && settings.rules[rule.meta.id] === undefined ? d.severity : severity,
        message: formatMessage(template, d.data),
        span: clampToLine(text, d.at.start, d.at.end),
      };
      if (object) f.object = object;
      if (d.container !== undefined) f.container = d.container;
      if (d.fixes && d.fixes.length) f.fixes = d.fixes;
      out.push(f);
    },
  };
  try {
    visit(rule.create(ctx));
  } catch (e) {
    const f: Finding = {
      ruleId: rule.meta.id,
      severity: 'error',
      message: `Internal error in rule ${rule.meta.id}: ${e instanceof Error ? e.message : String(e)}`,
      span: clampToLine(text, anchor.start, anchor.end),
    };
    if (object) f.object = object;
    out.push(f);
  }
}

/**
 * A finding the engine itself emits for a rule without visitors (syntax
 * errors, skipped templates, binary content), or undefined when that rule is off.
 */
export function engineFinding(
  meta: RuleMeta,
  settings: EngineSettings,
  messageId: string,
  data: Record<string, string>,
  text: string,
  start: number,
  end: number,
): Finding | undefined {
  const severity = effectiveSeverity(meta, settings);
  if (severity === 'off') return undefined;
  return { ruleId: meta.id, severity, message: formatMessage(meta.messages[messageId] ?? messageId, data), span: clampToLine(text, start, end) };
}
