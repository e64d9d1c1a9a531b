/**
 * Relation rules: rules of the ordinary registry (metadata, docs, settings,
 * severities and profiles as for any rule) whose `project` visitor sees the
 * whole project's index instead of one document. They run after the files'
 * own lint (lintProject), report at the place the provenance names, with the
 * other end of the relation as related information (in its own file), and are
 * suppressed by the comments of the document they are reported in.
 *
 * A rule with both per-object visitors and a `project` visitor may `replace`
 * an object: its per-object findings on that object are then dropped in
 * favour of the project-aware judgement (no double findings).
 *
 * Pure; a rule that throws is told to `onInternalError` and skipped.
 */
import { effectiveSeverity, type EngineSettings } from '../config/settings';
import { RULES, SYNTAX_RULES } from '../rules';
import { formatMessage, type Rule, type RuleContext } from '../rule';
import type { InternalError, RuleHooks } from '../run-rule';
import { chunkIndexAt } from '../yaml-lint-result';
import { splitYamlDocuments } from '../parse/yaml';
import { suppress } from '../suppress/apply';
import { yamlTopEnd } from '../suppress/directives';
import { clampToLine } from '../text';
import type { Finding, RelatedLocation } from '../types';
import { DocumentViews } from '../views/view-set';
import { anchorOf, type ProjectIndex, type RelationReplacer, type RelationReporter } from './index';
import { RENDERED_AT } from './map-findings';
import type { ProjectPath } from './types';


/** A relation finding in the file it is reported in, with the builds whose objects gave it. */
export interface RelationFinding {
  file: ProjectPath;
  finding: Finding;
  builds: readonly ProjectPath[];
}

export interface RelationResult {
  findings: RelationFinding[];
  /** Per-object findings to drop: the rule's findings on these objects (kind, name, from these builds) in these files. */
  replaced: Array<{ ruleId: string; file: ProjectPath; kind: string; name: string | undefined; builds: readonly ProjectPath[] }>;
}

export interface RelationOptions extends RuleHooks {
  /** The settings of a file, or undefined when the configuration ignores it. */
  settingsFor(path: ProjectPath): EngineSettings | undefined;
  /** The settings rules are created with (options, profile): the project's. */
  projectSettings: EngineSettings;
  readText(path: ProjectPath): string | undefined;
}

function contextFor(rule: Rule, settings: EngineSettings): RuleContext {
  return {
    meta: rule.meta,
    options: settings.ruleOptions[rule.meta.id] ?? {},
    profile: settings.profile,
    trustedRegistries: settings.trustedRegistries,
    fixDefaults: settings.fixDefaults,
    text: '',
    views: new DocumentViews(),
    report() {
      throw new Error(`rule ${rule.meta.id}: a project visitor reports through its reporter`);
    },
  };
}

function describe(ruleId: string, e: unknown): InternalError {
  return { ruleId, errorName: e instanceof Error ? e.name : 'Error', frames: [] };
}

/** Run the relation rules (rules with a `project` visitor) over the index. Never throws. */
export function runRelationRules(index: ProjectIndex, options: RelationOptions): RelationResult {
  const result: RelationResult = { findings: [], replaced: [] };
  for (const rule of options.rules ?? RULES) {
    if (rule.meta.category === 'syntax') continue;
    const meta = rule.meta;
    try {
      const visitors = rule.create(contextFor(rule, options.projectSettings));
      if (!visitors.project) continue;
      const report: RelationReporter = (d) => {
        const template = meta.messages[d.messageId];
        if (template === undefined) throw new Error(`rule ${meta.id}: unknown messageId ${d.messageId}`);
        const at = d.at ?? anchorOf(d.object);
        const settings = options.settingsFor(at.file);
        if (!settings) return;
        const configured = effectiveSeverity(meta, settings);
        if (configured === 'off') return;
        const text = options.readText(at.file) ?? '';
        const finding: Finding = {
          ruleId: meta.id,
          severity: d.severity !== undefined && settings.rules[meta.id] === undefined ? d.severity : configured,
          message: formatMessage(template, d.data),
          span: clampToLine(text, at.span.start, at.span.end),
          object: { kind: d.object.kind, ...(d.object.name !== undefined ? { name: d.object.name } : {}), ...(d.object.namespace !== undefined ? { namespace: d.object.namespace } : {}) },
        };
        // A value a chart's values file set is reported there, with the template line that rendered it (as map-findings.ts does).
        const places = [...(d.related ?? []), ...(at.renderedAt ? [{ at: at.renderedAt, message: RENDERED_AT }] : [])];
        const related: RelatedLocation[] = places.map((r) => {
          const t = options.readText(r.at.file) ?? '';
          const span = clampToLine(t, r.at.span.start, r.at.span.end);
          // `file` only for another file: a related place in the finding's own file is one as any rule reports it.
          return r.at.file === at.file ? { span, message: r.message } : { file: r.at.file, span, message: r.message };
        });
        if (related.length) finding.related = related;
        if (d.object.helm) finding.helm = { chart: d.object.helm.chart, values: [...d.object.helm.values] };
        result.findings.push({ file: at.file, finding, builds: d.object.builds });
      };
      const replace: RelationReplacer = (object) => {
        result.replaced.push({ ruleId: meta.id, file: object.built.source.file, kind: object.kind, name: object.name, builds: object.builds });
      };
      visitors.project(index, report, replace);
    } catch (e) {
      try {
        options.onInternalError?.(describe(meta.id, e));
      } catch {
        // a listener's failure is not the project's problem
      }
    }
  }
  return result;
}

/** The replacements of a finding's rule and object in `file`. */
function replacementsOf(result: RelationResult, file: ProjectPath, f: Finding): RelationResult['replaced'] {
  return result.replaced.filter((r) => r.ruleId === f.ruleId && r.file === file && f.object?.kind === r.kind && f.object?.name === r.name);
}

/** Whether a per-object finding of a plain document in `file` is replaced by a relation rule's judgement. */
export function isReplaced(result: RelationResult, file: ProjectPath, f: Finding): boolean {
  return !f.builds?.length && replacementsOf(result, file, f).some((r) => r.builds.length === 0);
}

/**
 * Whether a rendered chart's per-object finding (`helm`) is replaced by a relation rule's judgement of the same
 * object of the same chart, wherever the finding is reported (the values line or the template line).
 */
export function isChartReplaced(result: RelationResult, f: Finding): boolean {
  const chart = f.helm?.chart;
  return chart !== undefined && result.replaced.some((r) => r.ruleId === f.ruleId && r.builds.includes(chart) && f.object?.kind === r.kind && f.object?.name === r.name);
}

/**
 * The builds of a built objects' finding in `file` whose judgement a relation
 * rule replaced (a base's finding stays for the overlays the judgement did not cover).
 */
export function replacedBuilds(result: RelationResult, file: ProjectPath, f: Finding): Set<ProjectPath> {
  return new Set(replacementsOf(result, file, f).flatMap((r) => r.builds));
}

const unusedId = (): string => SYNTAX_RULES.unusedSuppression.meta.id;
const sameFinding = (a: Finding, b: Finding): boolean => a.span.start === b.span.start && a.span.end === b.span.end && a.message === b.message;

/**
 * A file's findings with its relation findings added, document by document:
 * the document's suppression comments apply to the relation findings, and a
 * comment that suppresses one is no longer reported as unused.
 */
export function withRelationFindings(text: string, own: readonly Finding[], relation: readonly Finding[], settings: EngineSettings): Finding[] {
  if (relation.length === 0) return [...own];
  const split = splitYamlDocuments(text);
  const chunks = split.length > 0 ? split : [{ offset: 0, text }];
  const out: Finding[] = [];
  const shift = (f: Finding, by: number): Finding => ({
    ...f,
    span: { start: f.span.start + by, end: f.span.end + by },
    ...(f.related ? { related: f.related.map((r) => (r.file === undefined ? { ...r, span: { start: r.span.start + by, end: r.span.end + by } } : r)) } : {}),
  });
  const ownBy = chunks.map(() => [] as Finding[]);
  const relBy = chunks.map(() => [] as Finding[]);
  for (const f of own) ownBy[chunkIndexAt(chunks, f.span.start)]!.push(f);
  for (const f of relation) relBy[chunkIndexAt(chunks, f.span.start)]!.push(f);
  chunks.forEach(({ offset, text: chunk }, i) => {
    if (relBy[i]!.length === 0) {
      out.push(...ownBy[i]!);
      return;
    }
    const scope = { scopeWord: 'document' as const, scan: () => ({ topEnd: yamlTopEnd(chunk) }) };
    const passed = suppress(relBy[i]!.map((f) => shift(f, -offset)), chunk, settings, new Set(), scope).map((f) => shift(f, offset));
    const unusedHere = passed.filter((f) => f.ruleId === unusedId());
    // A comment the file's own lint found unused but a relation finding used: no longer unused.
    for (const f of ownBy[i]!) if (f.ruleId !== unusedId() || unusedHere.some((u) => sameFinding(u, f))) out.push(f);
    for (const f of passed) if (f.ruleId !== unusedId()) out.push(f);
  });
  return out.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/**
 * A file's findings with the relation judgement applied: the per-object
 * findings a relation rule replaced are dropped (a relation finding of the
 * same rule and span keeps their fixes), and `relation` (the judgement's
 * findings in this file) are added (withRelationFindings).
 */
export function applyRelations(result: RelationResult, file: ProjectPath, text: string, own: readonly Finding[], relation: readonly Finding[], settings: EngineSettings): Finding[] {
  const kept = result.replaced.length ? own.filter((f) => !isReplaced(result, file, f)) : own;
  const dropped = kept.length < own.length ? own.filter((f) => !kept.includes(f)) : [];
  return withRelationFindings(text, kept, withReplacedFixes(relation, dropped), settings);
}

/** Relation findings that take over the fixes of the per-object findings they replaced at the same place (`dropped`). */
export function withReplacedFixes(relation: readonly Finding[], dropped: readonly Finding[]): Finding[] {
  if (dropped.length === 0) return [...relation];
  return relation.map((f) => {
    const was = dropped.find((d) => d.ruleId === f.ruleId && d.span.start === f.span.start && d.span.end === f.span.end);
    return was?.fixes && !f.fixes ? { ...f, fixes: was.fixes } : f;
  });
}
