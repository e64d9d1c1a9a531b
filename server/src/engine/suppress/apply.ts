/**
 * Applying suppressions and exemptions to a list of findings.
 *
 * Every suppressor that matches a finding is marked used, so a finding both
 * annotated and commented away leaves neither reported as unused. Shipshape's
 * own suppressions (comments, `ignore-check.shipshape.dev/` annotations) that
 * match nothing are reported as `unused-suppression`, unless the rule they
 * name is off under the current settings (then they cannot be judged).
 */
import { effectiveSeverity, type EngineSettings, type Exemption } from '../config/settings';
import { getRule, RULE_IDS, SYNTAX_RULES } from '../rules';
import { engineFinding } from '../run-rule';
import { closestMatch } from '../suggest';
import { findFormat, looksRandom, mask } from '../secrets';
import type { Finding, Span } from '../types';
import { globMatcher } from './glob';
import type { AnnotationExemption } from './annotations';
import { MAX_RULE_REFS, scanDirectives, type DirectiveScanOptions, type SuppressionDirective } from './directives';

const unusedMeta = () => SYNTAX_RULES.unusedSuppression.meta;

function report(settings: EngineSettings, text: string, out: Finding[], messageId: string, data: Record<string, string>, at: Span): void {
  const f = engineFinding(unusedMeta(), settings, messageId, data, text, at.start, at.end);
  if (f) out.push(f);
}

/** A rule whose findings cannot be judged under these settings: unknown, or turned off. */
function ruleIsOff(id: string, settings: EngineSettings): boolean {
  const rule = getRule(id);
  if (!rule) return true;
  if (rule.meta.category === 'schema' && !settings.schemaValidation) return true;
  return effectiveSeverity(rule.meta, settings) === 'off';
}

/** What looks like a (misspelt) rule id; anything else in a suppression comment may be a value, even a credential. */
const RULE_ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Report a suppression naming an unknown rule; a word that does not look like a rule id is not quoted. */
function reportUnknownRule(settings: EngineSettings, text: string, out: Finding[], id: string, at: Span): void {
  if (!RULE_ID_LIKE.test(id) || looksRandom(id) || findFormat(id)) {
    report(settings, text, out, 'unknownValue', { value: mask(id) }, at);
    return;
  }
  const best = closestMatch(id, RULE_IDS);
  report(settings, text, out, 'unknownRule', { rule: id, hint: best ? ` (did you mean "${best}"?)` : '' }, at);
}

/**
 * Object annotations: mark matching findings in `suppressed`, and report
 * unused or unknown Shipshape annotations into `out`. `findings` are the
 * object's own findings.
 */
export function applyAnnotations(
  findings: readonly Finding[],
  exemptions: readonly AnnotationExemption[],
  settings: EngineSettings,
  text: string,
  suppressed: Set<Finding>,
  out: Finding[],
): void {
  if (exemptions.length === 0) return;
  if (!settings.allowAnnotationExemptions) {
    for (const e of exemptions) if (e.family === 'shipshape') report(settings, text, out, 'annotationsOff', { key: e.key }, e.keySpan);
    return;
  }
  const used = new Set<AnnotationExemption>();
  for (const f of findings) {
    for (const e of exemptions) {
      if (e.rules.has(f.ruleId)) {
        suppressed.add(f);
        used.add(e);
      }
    }
  }
  for (const e of exemptions) {
    if (e.family !== 'shipshape' || used.has(e)) continue;
    const id = e.namedRule ?? '';
    if (!RULE_IDS.has(id)) reportUnknownRule(settings, text, out, id, e.keySpan);
    else if (!ruleIsOff(id, settings)) report(settings, text, out, 'unusedAnnotation', { key: e.key, rule: id }, e.keySpan);
  }
}

/**
 * Annotations of a List (or a list in a list): a list is not an object, so
 * Shipshape's own exemption annotations on it exempt nothing; each is
 * reported into `out` (its items take them).
 */
export function applyListAnnotations(exemptions: readonly AnnotationExemption[], settings: EngineSettings, text: string, out: Finding[]): void {
  for (const e of exemptions) {
    if (e.family !== 'shipshape') continue;
    if (!settings.allowAnnotationExemptions) report(settings, text, out, 'annotationsOff', { key: e.key }, e.keySpan);
    else if (!RULE_IDS.has(e.namedRule ?? '')) reportUnknownRule(settings, text, out, e.namedRule ?? '', e.keySpan);
    else report(settings, text, out, 'onList', { key: e.key }, e.keySpan);
  }
}

/**
 * Suppression comments: mark covered findings in `suppressed`, and report
 * unused, unknown, empty and misplaced directives into `out`.
 */
function applyDirectives(
  findings: readonly Finding[],
  directives: readonly SuppressionDirective[],
  settings: EngineSettings,
  text: string,
  suppressed: Set<Finding>,
  out: Finding[],
  /** What a `shipshape-disable` covers, for messages: `document` (YAML) or `file` (Dockerfile). */
  scopeWord: 'document' | 'file',
): void {
  if (directives.length === 0) return;
  if (!settings.allowInlineSuppressions) {
    for (const d of directives) report(settings, text, out, 'inlineOff', {}, d.keywordSpan);
    return;
  }
  for (const d of directives) {
    if (d.misplaced) {
      report(settings, text, out, 'misplaced', { scope: scopeWord }, d.keywordSpan);
      continue;
    }
    if (d.rules.length === 0) {
      report(settings, text, out, 'noRules', { directive: text.slice(d.keywordSpan.start, d.keywordSpan.end) }, d.keywordSpan);
      continue;
    }
    if (d.overflow) report(settings, text, out, 'tooManyRules', { count: d.overflow.count.toLocaleString('en-US'), max: String(MAX_RULE_REFS) }, d.overflow.span);
    for (const ref of d.rules) {
      if (!RULE_IDS.has(ref.id)) {
        reportUnknownRule(settings, text, out, ref.id, ref.span);
        continue;
      }
      let hit = false;
      for (const f of findings) {
        if (f.ruleId === ref.id && f.span.start >= d.covers.start && f.span.start < d.covers.end) {
          suppressed.add(f);
          hit = true;
        }
      }
      // An empty `covers` (nothing after a next-line comment) can suppress nothing.
      if (!hit && !ruleIsOff(ref.id, settings)) {
        report(settings, text, out, 'unusedComment', { rule: ref.id, where: d.scope === 'document' ? `in this ${scopeWord}` : 'on the next line' }, ref.span);
      }
    }
  }
}

/** Compiled matchers of the configured exemptions, cached per settings object. */
const compiled = new WeakMap<readonly Exemption[], ((f: Finding) => boolean)[]>();

function exemptionMatchers(exemptions: readonly Exemption[]): ((f: Finding) => boolean)[] {
  let list = compiled.get(exemptions);
  if (list) return list;
  list = exemptions.map((e) => {
    const all = e.rules.includes('*');
    const rules = new Set(e.rules);
    const kind = e.kind !== undefined ? globMatcher(e.kind) : undefined;
    const name = e.name !== undefined ? globMatcher(e.name) : undefined;
    const namespace = e.namespace !== undefined ? globMatcher(e.namespace) : undefined;
    const container = e.container !== undefined ? globMatcher(e.container) : undefined;
    return (f: Finding): boolean => {
      if (!all && !rules.has(f.ruleId)) return false;
      if (kind && !(f.object && kind(f.object.kind))) return false;
      if (name && !(f.object?.name !== undefined && name(f.object.name))) return false;
      if (namespace && !(f.object?.namespace !== undefined && namespace(f.object.namespace))) return false;
      if (container && !(f.container !== undefined && container(f.container))) return false;
      return true;
    };
  });
  compiled.set(exemptions, list);
  return list;
}

/** Configured exemptions (`.shipshape.yaml` `exemptions:`): mark matching findings in `suppressed`. */
function applyExemptions(findings: readonly Finding[], settings: EngineSettings, suppressed: Set<Finding>): void {
  if (settings.exemptions.length === 0) return;
  const matchers = exemptionMatchers(settings.exemptions);
  for (const f of findings) {
    // Problems with the file or with a suppression are not exemptible: they say the check did not run as intended.
    if (f.ruleId === unusedMeta().id) continue;
    if (matchers.some((m) => m(f))) suppressed.add(f);
  }
}

/** Configured exemptions alone, for formats without comments (JSON configuration files): the findings that remain. */
export function exempt(findings: Finding[], settings: EngineSettings): Finding[] {
  const suppressed = new Set<Finding>();
  applyExemptions(findings, settings, suppressed);
  return suppressed.size === 0 ? findings : findings.filter((f) => !suppressed.has(f));
}

/** Where a document's suppression comments are read, and what a `shipshape-disable` covers. */
export interface CommentScope {
  /** For messages: `document` (a YAML document) or `file` (a Dockerfile). */
  scopeWord: 'document' | 'file';
  /** How to read the text's directives; called only when the text has one. */
  scan(): DirectiveScanOptions;
}

/**
 * The one suppression step of every format (YAML manifests, compose files,
 * Dockerfiles): suppression comments and configured exemptions over a
 * document's findings. Returns the findings that remain plus any
 * unused-suppression findings. `suppressed`: findings already suppressed (by
 * object annotations); it gains the ones suppressed here.
 */
export function suppress(findings: Finding[], text: string, settings: EngineSettings, suppressed: Set<Finding>, comments: CommentScope): Finding[] {
  const extra: Finding[] = [];
  if (text.includes('shipshape-disable')) {
    applyDirectives(findings, scanDirectives(text, comments.scan()), settings, text, suppressed, extra, comments.scopeWord);
  }
  applyExemptions(findings, settings, suppressed);
  if (suppressed.size === 0 && extra.length === 0) return findings;
  return [...findings.filter((f) => !suppressed.has(f)), ...extra];
}
