/**
 * Linting the JSON configuration files the engine reads directly (not as
 * YAML): the Docker daemon's `daemon.json` (the `dockerDaemon` visitor) and
 * ABAC policy files (the `abacPolicies` visitor; each line on its own). JSON
 * takes no comments, so only configured exemptions suppress. Total: a parse
 * error is a `json-syntax` finding, a failing rule an internal-error finding.
 */
import { DEFAULT_SETTINGS, type EngineSettings } from './config/settings';
import { parseJson } from './parse/json-tree';
import { looksBinary } from './parse/yaml';
import { SYNTAX_RULES } from './rules';
import jsonSyntax from './rules/syntax/json-syntax';
import { activeRules, engineFinding, runRule, type RuleHooks } from './run-rule';
import { exempt } from './suppress/apply';
import type { Finding, Span } from './types';
import { AbacFileView } from './views/abac';
import { DockerDaemonView } from './views/docker-daemon';
import type { RuleVisitors } from './rule';

/** What lint.ts passes (its LintOptions, of which these files use the settings and rule hooks). */
type JsonLintOptions = RuleHooks & { settings?: EngineSettings };

function push(out: Finding[], f: Finding | undefined): void {
  if (f) out.push(f);
}

function runAll(text: string, settings: EngineSettings, options: JsonLintOptions, anchor: Span, visit: (v: RuleVisitors) => void, out: Finding[]): void {
  for (const active of activeRules(settings, options)) runRule(active, settings, text, out, anchor, visit);
}

function guarded(text: string, settings: EngineSettings, lint: (out: Finding[]) => void): Finding[] {
  const out: Finding[] = [];
  try {
    if (looksBinary(text)) {
      push(out, engineFinding(SYNTAX_RULES.binaryFile.meta, settings, 'binary', {}, text, 0, Math.min(text.length, 1)));
      return out;
    }
    lint(out);
  } catch (e) {
    return [engineFinding(jsonSyntax.meta, settings, 'crash', { message: e instanceof Error ? e.message : String(e) }, text, 0, 1)].filter((f) => f !== undefined);
  }
  return exempt(out, settings).sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/** Lint a Docker daemon configuration (`daemon.json`). */
export function lintDockerDaemon(text: string, options: JsonLintOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  return guarded(text, settings, (out) => {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      push(out, engineFinding(jsonSyntax.meta, settings, 'parse', { message: parsed.message }, text, parsed.at, parsed.at + 1));
      return;
    }
    if (parsed.value.type !== 'object') {
      push(out, engineFinding(jsonSyntax.meta, settings, 'notObject', {}, text, parsed.value.span.start, parsed.value.span.end));
      return;
    }
    const view = new DockerDaemonView(text, parsed.value);
    runAll(text, settings, options, view.anchorSpan, (v) => {
      v.dockerDaemon?.(view);
      v.end?.();
    }, out);
  });
}

/** Lint an ABAC policy file: one finding per bad line, the good lines checked. */
export function lintAbac(text: string, options: JsonLintOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  return guarded(text, settings, (out) => {
    const view = new AbacFileView(text);
    for (const p of view.problems) push(out, engineFinding(jsonSyntax.meta, settings, 'abacLine', { line: String(p.line + 1), message: p.message }, text, p.span.start, p.span.end));
    const anchor = view.policies[0]?.span ?? { start: 0, end: 0 };
    runAll(text, settings, options, anchor, (v) => {
      v.abacPolicies?.(view);
      v.end?.();
    }, out);
  });
}
