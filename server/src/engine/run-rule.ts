/**
 * Running one rule over one view, shared by every format's pipeline (YAML
 * manifests, compose files, Dockerfiles): the rule context, report handling
 * and containment of rule failures live here once.
 */
import { effectiveSeverity, type EngineSettings } from './config/settings';
import { RULES } from './rules';
import internalError from './rules/syntax/internal-error';
import { formatMessage, type Rule, type RuleContext, type RuleVisitors } from './rule';
import { clampToLine } from './text';
import type { Finding, Fix, FixesDescriptor, LazyFixes, ReportDescriptor, RuleMeta, Severity, Span, TextEdit } from './types';
import type { MergedSpans } from './parse/yaml-merge';
import { DocumentViews } from './views/view-set';

/** A rule that threw, as the engine tells RuleHooks.onInternalError (never the error's message: it may quote the document). */
export interface InternalError {
  /** The rule that threw. */
  ruleId: string;
  /** The error's class (`TypeError`), or what was thrown when it is not an Error (`a thrown string`). */
  errorName: string;
  /** Where it was thrown: the stack's `at ...` lines (code locations only). */
  frames: string[];
}

/**
 * What the caller of a lint (the CLI run, the language server) owns and
 * passes with each lint: who hears of failing rules, and which rules run.
 * The engine keeps none of it between calls.
 */
export interface RuleHooks {
  /**
   * The rules to run instead of the registry's (e.g. the registry's plus
   * one of the caller's), at their default severity unless the settings say
   * otherwise. A lint cache (LintOptions.cache) must see one rule set only.
   */
  rules?: readonly Rule[];
  /**
   * Told about every rule failure (the findings say where; this says where
   * in the code). The engine does no I/O: the language server logs these
   * and the CLI prints them.
   */
  onInternalError?: (e: InternalError) => void;
}

/** An internal error as one log entry: the rule, the error's class and the stack frames (no message: it may quote the document). */
export function describeInternalError(e: InternalError): string {
  const where = e.frames.length ? `\n${e.frames.map((f) => `    ${f}`).join('\n')}` : '';
  return `rule "${e.ruleId}" failed (${e.errorName}), so its findings are missing where it failed (see the internal-error findings). This is a Shipshape bug; please report it with these lines.${where}`;
}


const ERROR_NAME = /^[A-Z][A-Za-z]{0,40}Error$/;

function describeError(ruleId: string, e: unknown): InternalError {
  const errorName = e instanceof Error ? (ERROR_NAME.test(e.name) ? e.name : 'Error') : `a thrown ${e === null ? 'null' : typeof e}`;
  const frames: string[] = [];
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack.split('\n') : [];
  // The frames are the trailing `    at ...` lines; everything before them is the message.
  for (let i = stack.length - 1; i >= 0 && /^\s+at \S/.test(stack[i]!); i--) frames.unshift(stack[i]!.trim());
  return { ruleId, errorName, frames };
}

/** Longest report data value shown whole; longer ones (a 10 MB value) are cut. */
const MAX_DATA_CHARS = 200;

function clip(value: string | number): string | number {
  if (typeof value !== 'string' || value.length <= MAX_DATA_CHARS) return value;
  let end = MAX_DATA_CHARS - 40;
  const c = value.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not split a surrogate pair
  return `${value.slice(0, end)}…(${value.length} chars)`;
}

/** A message from a template, with every data value cut to a readable length. */
function message(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const clipped: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(data)) clipped[k] = clip(v);
  return formatMessage(template, clipped);
}

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** Told when the rule throws (RuleHooks.onInternalError). */
  onInternalError?: (e: InternalError) => void;
}

/** The visitor rules that run under these settings (of `hooks.rules`, else the registry's), at their effective severity. */
export function activeRules(settings: EngineSettings, hooks: RuleHooks = {}): ActiveRule[] {
  const out: ActiveRule[] = [];
  const listener = hooks.onInternalError;
  for (const rule of hooks.rules ?? RULES) {
    if (rule.meta.category === 'syntax') continue;
    if (rule.meta.category === 'schema' && !settings.schemaValidation) continue;
    const severity = effectiveSeverity(rule.meta, settings);
    if (severity !== 'off') out.push(listener ? { rule, severity, onInternalError: listener } : { rule, severity });
  }
  return out;
}

/** A rule's options when the settings give none (shared: options are read-only). */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The context of one rule on one object or file. A class, not an object
 * literal with a report closure: a lint makes one per rule and object, so
 * one allocation each instead of an object, a closure and its scope.
 */
class Context implements RuleContext {
  readonly meta: RuleMeta;
  readonly options: Readonly<Record<string, unknown>>;
  readonly profile: RuleContext['profile'];
  readonly trustedRegistries: readonly string[];
  readonly fixDefaults: RuleContext['fixDefaults'];

  constructor(
    private readonly rule: Rule,
    private readonly severity: Severity,
    private readonly settings: EngineSettings,
    readonly text: string,
    private readonly out: Finding[],
    readonly views: DocumentViews,
    private readonly object: Finding['object'] | undefined,
    private readonly merged: MergedSpans | undefined,
  ) {
    this.meta = rule.meta;
    this.options = settings.ruleOptions[rule.meta.id] ?? NO_OPTIONS;
    this.profile = settings.profile;
    this.trustedRegistries = settings.trustedRegistries;
    this.fixDefaults = settings.fixDefaults;
  }

  report(d: ReportDescriptor): void {
    const { rule, settings, text, object } = this;
    const template = rule.meta.messages[d.messageId];
    if (template === undefined) throw new Error(`rule ${rule.meta.id}: unknown messageId ${d.messageId}`);
    const moved = this.merged?.translate(d.at);
    const at = moved?.span ?? d.at;
    const f: Finding = {
      ruleId: rule.meta.id,
      // A rule may grade a finding (e.g. a real credential vs a committed value) unless the user set a severity.
      severity: d.severity !== undefined && settings.rules[rule.meta.id] === undefined ? d.severity : this.severity,
      message: message(template, d.data),
      span: clampToLine(text, at.start, at.end),
    };
    if (moved) f.related = [{ span: clampToLine(text, moved.related.span.start, moved.related.span.end), message: moved.related.message }];
    if (object) f.object = object;
    if (d.container !== undefined) f.container = d.container;
    if (d.benchmarkItems) f.benchmarkItems = d.benchmarkItems;
    if (d.fixes) f.fixes = lazyFixes(d.fixes, text);
    this.out.push(f);
  }
}

/**
 * Create the rule's visitors with a context that reports into `out`, and
 * hand them to `visit`. A rule that throws does not take the others down: its
 * failure becomes one `internal-error` finding at `anchor` (the start of the
 * object or file) naming the rule, and is passed to the rule's
 * `onInternalError` (see RuleHooks). `object` is attached to every finding (Kubernetes objects only).
 * `merged`: the document's merged copies (see parse/yaml-merge.ts); a report
 * at a copy goes to the `<<` entry that merged it, with the written value as
 * related information. `views`: what the rules of the document share (one
 * set per document, made by its lint).
 */
export function runRule(
  { rule, severity, onInternalError }: ActiveRule,
  settings: EngineSettings,
  text: string,
  out: Finding[],
  anchor: Span,
  visit: (visitors: RuleVisitors) => void,
  object?: Finding['object'],
  merged?: MergedSpans,
  views: DocumentViews = new DocumentViews(),
): void {
  const ctx = new Context(rule, severity, settings, text, out, views, object, merged);
  try {
    visit(rule.create(ctx));
  } catch (e) {
    // One finding for this rule and document (the visit stops at the first
    // throw); what it reported before stays. The listener hears of it once per run.
    const report = describeError(rule.meta.id, e);
    try {
      onInternalError?.(report);
    } catch {
      // a listener's failure is not the document's problem
    }
    const f = engineFinding(internalError.meta, settings, 'failed', { rule: rule.meta.id, error: report.errorName }, text, anchor.start, anchor.end);
    if (f) {
      if (object) f.object = object;
      out.push(f);
    }
  }
}

/**
 * A report's fixes as a finding carries them: built on the first call, kept
 * for later ones. A fix never edits outside the text (a merged copy has no
 * place in it); a fix builder that throws leaves the finding without fixes.
 */
function lazyFixes(descriptor: FixesDescriptor, text: string): LazyFixes {
  let source: FixesDescriptor | undefined = descriptor;
  let built: readonly Fix[] | undefined;
  return () => {
    if (built) return built;
    let fixes: Fix[] | undefined;
    try {
      fixes = typeof source === 'function' ? source() : source;
    } catch {
      fixes = undefined;
    }
    built = (fixes ?? []).filter((x) => x.edits.every((e) => inText(e, text)));
    source = undefined; // the views it closed over are no longer needed
    return built;
  };
}

function inText(e: TextEdit, text: string): boolean {
  return e.start >= 0 && e.start <= e.end && e.end <= text.length;
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
  return { ruleId: meta.id, severity, message: message(meta.messages[messageId] ?? messageId, data), span: clampToLine(text, start, end) };
}
