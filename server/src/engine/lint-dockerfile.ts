/**
 * Dockerfile linting: text -> parse/dockerfile.ts -> DockerfileView -> rules.
 * Rules see the whole file through the `dockerfile` visitor, and the
 * format-neutral `image` (every FROM base image) and `envVar` (every ENV and
 * ARG) visitors, so image and secret rules apply unchanged. Total: nothing
 * throws out of here; a parser or rule failure becomes a finding.
 */
import { DEFAULT_SETTINGS, type EngineSettings } from './config/settings';
import type { LintOptions } from './lint';
import { parseDockerfile } from './parse/dockerfile';
import { looksBinary } from './parse/yaml';
import { SYNTAX_RULES } from './rules';
import dockerfileSyntax, { syntaxProblems } from './rules/dockerfile/dockerfile-syntax';
import { activeRules, engineFinding, runRule, type RuleHooks } from './run-rule';
import type { Finding } from './types';
import { DockerfileView } from './views/dockerfile';
import { DocumentViews } from './views/view-set';
import { suppress, type CommentScope } from './suppress/apply';

/** An engine-emitted finding as a list (empty when its rule is off). */
function engineFindings(...args: Parameters<typeof engineFinding>): Finding[] {
  const f = engineFinding(...args);
  return f ? [f] : [];
}

function runRules(view: DockerfileView, settings: EngineSettings, hooks: RuleHooks, out: Finding[]): void {
  const text = view.text;
  const images = view.images();
  const envVars = view.envVars();
  const anchor = view.instructions[0]?.keywordSpan ?? { start: 0, end: 0 };
  const views = new DocumentViews();
  for (const active of activeRules(settings, hooks)) {
    runRule(active, settings, text, out, anchor, (visitors) => {
      visitors.dockerfile?.(view);
      if (visitors.image) for (const image of images) visitors.image(image);
      if (visitors.envVar) for (const env of envVars) visitors.envVar(env);
      visitors.end?.();
    }, undefined, undefined, views);
  }
}

/**
 * Suppression comments (a `shipshape-disable-next-line` covers the next
 * instruction, continuation lines included; a `shipshape-disable` before the
 * first instruction covers the file) and configured exemptions.
 */
function dockerfileComments(view: DockerfileView): CommentScope {
  return {
    scopeWord: 'file',
    scan() {
      const spans = view.instructions.map((i) => i.span);
      return { exclude: spans, units: spans, topEnd: view.instructions[0]?.span.start ?? view.text.length };
    },
  };
}

/** Lint a Dockerfile (or Containerfile). */
export function lintDockerfile(text: string, options: LintOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const crash = (e: unknown) =>
    engineFindings(dockerfileSyntax.meta, settings, 'crash', { message: e instanceof Error ? e.message : String(e) }, text, 0, 1);
  try {
    if (looksBinary(text)) return engineFindings(SYNTAX_RULES.binaryFile.meta, settings, 'binary', {}, text, 0, Math.min(text.length, 1));
    let view: DockerfileView;
    try {
      view = new DockerfileView(parseDockerfile(text));
    } catch (e) {
      return crash(e);
    }
    const findings: Finding[] = [];
    for (const p of syntaxProblems(view)) {
      findings.push(...engineFindings(dockerfileSyntax.meta, settings, p.messageId, p.data, text, p.at.start, p.at.end));
    }
    runRules(view, settings, options, findings);
    return suppress(findings, view.text, settings, new Set(), dockerfileComments(view)).sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  } catch (e) {
    return crash(e);
  }
}
