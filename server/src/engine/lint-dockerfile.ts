/**
 * Dockerfile linting: text -> dockerfile-ast -> DockerfileView -> rules.
 * Rules see the whole file through the `dockerfile` visitor, and the
 * format-neutral `image` (every FROM base image) and `envVar` (every ENV and
 * ARG) visitors, so image and secret rules apply unchanged. Total: nothing
 * throws out of here; a parser or rule failure becomes a finding.
 */
import { effectiveSeverity, DEFAULT_SETTINGS, type EngineSettings } from './config/settings';
import type { LintOptions } from './lint';
import { parseDockerfile } from './parse/dockerfile';
import { looksBinary } from './parse/yaml';
import { RULES, SYNTAX_RULES } from './rules';
import dockerfileSyntax, { syntaxProblems } from './rules/dockerfile/dockerfile-syntax';
import { formatMessage, type Rule, type RuleContext, type RuleVisitors } from './rule';
import { clampToLine } from './text';
import type { Finding, RuleMeta, Severity } from './types';
import { DockerfileView } from './views/dockerfile';

function engineFinding(meta: RuleMeta, settings: EngineSettings, messageId: string, data: Record<string, string>, text: string, start: number, end: number): Finding[] {
  const severity = effectiveSeverity(meta, settings);
  if (severity === 'off') return [];
  return [{ ruleId: meta.id, severity, message: formatMessage(meta.messages[messageId] ?? messageId, data), span: clampToLine(text, start, end) }];
}

function activeRules(settings: EngineSettings): { rule: Rule; severity: Severity }[] {
  const out: { rule: Rule; severity: Severity }[] = [];
  for (const rule of RULES) {
    if (rule.meta.category === 'syntax') continue;
    const severity = effectiveSeverity(rule.meta, settings);
    if (severity !== 'off') out.push({ rule, severity });
  }
  return out;
}

function runRules(view: DockerfileView, settings: EngineSettings, out: Finding[]): void {
  const text = view.text;
  const images = view.images();
  const envVars = view.envVars();
  for (const { rule, severity } of activeRules(settings)) {
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
        if (d.fixes && d.fixes.length) f.fixes = d.fixes;
        out.push(f);
      },
    };
    try {
      const visitors: RuleVisitors = rule.create(ctx);
      visitors.dockerfile?.(view);
      if (visitors.image) for (const image of images) visitors.image(image);
      if (visitors.envVar) for (const env of envVars) visitors.envVar(env);
      visitors.end?.();
    } catch (e) {
      // A rule bug must not take the other rules down; surface it as a finding.
      const at = view.instructions[0]?.keywordSpan ?? { start: 0, end: 0 };
      out.push({
        ruleId: rule.meta.id,
        severity: 'error',
        message: `Internal error in rule ${rule.meta.id}: ${e instanceof Error ? e.message : String(e)}`,
        span: clampToLine(text, at.start, at.end),
      });
    }
  }
}

/** Lint a Dockerfile (or Containerfile). */
export function lintDockerfile(text: string, options: LintOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const crash = (e: unknown) =>
    engineFinding(dockerfileSyntax.meta, settings, 'crash', { message: e instanceof Error ? e.message : String(e) }, text, 0, 1);
  try {
    if (looksBinary(text)) return engineFinding(SYNTAX_RULES.binaryFile.meta, settings, 'binary', {}, text, 0, Math.min(text.length, 1));
    let view: DockerfileView;
    try {
      view = new DockerfileView(parseDockerfile(text));
    } catch (e) {
      return crash(e);
    }
    const findings: Finding[] = [];
    for (const p of syntaxProblems(view)) {
      findings.push(...engineFinding(dockerfileSyntax.meta, settings, p.messageId, p.data, text, p.at.start, p.at.end));
    }
    runRules(view, settings, findings);
    return findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  } catch (e) {
    return crash(e);
  }
}
