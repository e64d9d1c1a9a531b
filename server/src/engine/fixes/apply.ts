/**
 * Applying fixes: validated edit application, selection of a non-overlapping
 * set of safe fixes, fix-all to a fixed point and "Harden container".
 *
 * Pure and total: invalid edits are rejected (a result, not an exception).
 */
import { lintText, type FileKind, type LintOptions } from '../lint';
import { getRule } from '../rules';
import { objectAt } from './actions';
import { splitYamlDocuments } from '../parse/yaml';
import { findingFixes, type Finding, type Fix, type Span, type TextEdit } from '../types';

/** Rounds of fix-all before giving up on reaching a fixed point. */
export const MAX_FIX_ROUNDS = 10;

/** Edits sorted by start (then end), or undefined when two overlap or one is out of range. */
export function normalizeEdits(text: string, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let last = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length) return undefined;
    if (i > 0) {
      const prev = sorted[i - 1];
      // Two insertions at one offset have no defined order; an edit starting inside the previous one overlaps.
      if (e.start < last || (e.start === prev.start && e.start === e.end && prev.start === prev.end)) return undefined;
    }
    last = e.end;
  }
  return sorted;
}

/** Apply edits (offsets into `text`); undefined when they overlap or are out of range. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const sorted = normalizeEdits(text, edits);
  if (!sorted) return undefined;
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Two edits conflict when their ranges overlap, or one is an insertion at or inside the other's range. */
function touches(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start <= a.start && a.start <= b.end) return true;
  if (b.start === b.end && a.start <= b.start && b.start <= a.end) return true;
  return false;
}

function conflicts(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => touches(x, y)));
}

function sortFixes<T extends { finding: Finding; fix: Fix }>(list: T[]): T[] {
  return list.sort(
    (a, b) =>
      a.finding.span.start - b.finding.span.start ||
      (a.finding.ruleId < b.finding.ruleId ? -1 : a.finding.ruleId > b.finding.ruleId ? 1 : 0) ||
      (a.fix.title < b.fix.title ? -1 : a.fix.title > b.fix.title ? 1 : 0),
  );
}

/**
 * Greedily pick fixes in order whose edits overlap neither each other nor an
 * already picked fix; identical fixes (same edits) are applied once.
 */
export function selectNonOverlapping(candidates: readonly Fix[], text: string): Fix[] {
  const picked: Fix[] = [];
  const keys = new Set<string>();
  for (const fix of candidates) {
    if (!normalizeEdits(text, fix.edits)) continue;
    const key = JSON.stringify([...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end));
    if (keys.has(key)) continue;
    if (picked.some((p) => conflicts(p.edits, fix.edits))) continue;
    keys.add(key);
    picked.push(fix);
  }
  return picked;
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all rounds. */
  applied: number;
  /** Rounds that applied something. */
  rounds: number;
  /** The findings of the final text (after the last round). */
  findings: Finding[];
}

/** Lint options, and the findings of the text when a lint already found them. */
export interface FixRunOptions extends LintOptions {
  /**
   * The findings of the text under these options (their fixes still unbuilt,
   * see LazyFixes), from the lint the caller already has: the first round
   * takes its fixes from them instead of linting the text again.
   */
  findings?: readonly Finding[];
}

/**
 * Which fixes a run applies: `wants(finding)` says, before the finding's
 * fixes are built, whether any of them could be taken (so fixes are built
 * only for those findings); `accept` then takes the fixes themselves.
 */
interface Filter {
  wants(f: Finding): boolean;
  accept(f: Finding, fix: Fix): boolean;
}

/** The fixes one round applies, given the current text and its findings. */
type Picker = (findings: Finding[], current: string) => Fix[];

/** The offered fixes of `findings` that `accept` takes, in application order. */
function candidatesOf(findings: readonly Finding[], { wants, accept }: Filter): { finding: Finding; fix: Fix }[] {
  const out: { finding: Finding; fix: Fix }[] = [];
  for (const finding of findings) {
    if (!finding.fixes || !wants(finding)) continue;
    for (const fix of findingFixes(finding)) if (fix.edits.length > 0 && accept(finding, fix)) out.push({ finding, fix });
  }
  return sortFixes(out);
}

/**
 * Can a finding of `ruleId` offer a fix of kind 'fix'? From the rule's
 * metadata (test/unit/engine/fix-kinds.test.ts holds every rule to it): a
 * rule that offers only suggestions has nothing for fix-all, whose rounds
 * then build no fix of its findings. A rule the registry does not know (a
 * test's own) may.
 */
function mayFix(ruleId: string): boolean {
  const meta = getRule(ruleId)?.meta;
  return !meta || meta.fixable === 'fix';
}

function acceptAll(accept: Filter): Picker {
  return (findings, current) => selectNonOverlapping(candidatesOf(findings, accept).map((c) => c.fix), current);
}

/**
 * Apply the picked fixes round by round until nothing changes (or maxRounds),
 * re-linting after each round; a round that would add a syntax finding is dropped.
 */
function fixLoop(text: string, kind: FileKind, { findings: given, ...options }: FixRunOptions, pick: Picker, maxRounds: number): FixAllResult {
  const cache = options.cache;
  // Each round builds the fixes of what the round before linted. Without a cache, the lints keep all their parsed
  // documents for that; a cache keeps those of what one round lints until the next round has built its fixes.
  if (!cache) options = { ...options, fixSources: Infinity };
  const lint = (t: string): Finding[] => {
    cache?.keepFixSources(true);
    return lintText(t, kind, options);
  };
  const built = (): void => cache?.keepFixSources(false);
  try {
    let current = text;
    let applied = 0;
    let rounds = 0;
    let findings = given ? [...given] : lint(current);
    const syntaxBefore = syntaxCount(findings);
    for (let round = 0; round < maxRounds; round++) {
      const picked = pick(findings, current);
      built();
      if (picked.length === 0) break;
      const next = applyEdits(
        current,
        picked.flatMap((f) => f.edits),
      );
      if (next === undefined || next === current) break;
      const nextFindings = lint(next);
      // A round that would break parsing is dropped (a fix must never do that).
      if (syntaxCount(nextFindings) > syntaxBefore) break;
      current = next;
      findings = nextFindings;
      applied += picked.length;
      rounds++;
    }
    return { text: current, applied, rounds, findings };
  } finally {
    built();
  }
}

/** Findings that mean the text no longer parses. */
const PARSE_RULES = new Set(['yaml-syntax', 'dockerfile-syntax', 'helm-template']);

function syntaxCount(findings: readonly Finding[]): number {
  return findings.filter((f) => PARSE_RULES.has(f.ruleId)).length;
}

/**
 * All safe fixes of the document, non-overlapping, re-linting after each
 * round until nothing is left to fix (at most `maxRounds` rounds).
 * Deterministic: the same text and options give the same result.
 */
export function fixAll(text: string, kind: FileKind, options: FixRunOptions = {}, maxRounds = MAX_FIX_ROUNDS): FixAllResult {
  return fixLoop(text, kind, options, acceptAll({ wants: (f) => mayFix(f.ruleId), accept: (_f, fix) => fix.kind === 'fix' }), maxRounds);
}

/** Smallest single edit turning `before` into `after` (common prefix and suffix trimmed). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Do not split a surrogate pair.
  if (p > 0 && isHighSurrogate(before.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(before.charCodeAt(before.length - s))) s--;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export interface HardenTarget {
  /** The container's name, as in `Finding.container`. */
  containerName: string;
  /**
   * An offset (or span) inside the object holding the container: only
   * findings of that YAML document are considered, so a container of the same
   * name in another object of the file is left alone.
   */
  position?: number | Span;
}

/** Rules of the restricted profile (baseline rules are part of restricted): the rules Harden container applies. */
export function inRestrictedProfile(ruleId: string): boolean {
  const meta = getRule(ruleId)?.meta;
  if (!meta) return false;
  return meta.category === 'pod-security-baseline' || meta.category === 'pod-security-restricted' || meta.level !== undefined;
}

export interface HardenResult {
  /** One edit on the original text; undefined when nothing applies. */
  edit?: TextEdit;
  text: string;
  applied: number;
}

/**
 * "Harden container <name>": every fix and suggestion of the restricted
 * profile for that container's findings, applied round by round (like
 * fix-all), returned as ONE edit on the original text so fixes that each
 * would create the same parent map (e.g. `securityContext`) compose.
 */
export function hardenContainer(text: string, kind: FileKind, options: FixRunOptions, target: HardenTarget, maxRounds = MAX_FIX_ROUNDS): HardenResult {
  const pos = target.position === undefined ? undefined : typeof target.position === 'number' ? target.position : target.position.start;
  // Track the target document by its index among documents: offsets move as edits apply.
  const docIndex = pos === undefined ? undefined : documentIndexAt(text, pos);
  // In a List, containers of other items may have the same name: only the object at `position` is hardened.
  const object = pos === undefined || kind !== 'yaml' ? undefined : objectAt(text, pos)?.object;
  const sameObject = (f: Finding): boolean =>
    !object || (f.object?.kind === object.kind && f.object.name === object.name && f.object.namespace === object.namespace);
  const accept: Filter = { wants: (f) => f.container === target.containerName && inRestrictedProfile(f.ruleId) && sameObject(f), accept: () => true };
  const pick: Picker = (findings, current) => {
    const range = docIndex === undefined ? undefined : documentRangeByIndex(current, docIndex);
    const inTarget = findings.filter((f) => !range || (f.span.start >= range.start && f.span.start <= range.end));
    // One fix per finding (the first offered), so alternative suggestions do not stack.
    const seen = new Set<Finding>();
    const fixes = candidatesOf(inTarget, accept)
      .filter((c) => (seen.has(c.finding) ? false : (seen.add(c.finding), true)))
      .map((c) => c.fix);
    return selectNonOverlapping(fixes, current);
  };
  const { text: current, applied } = fixLoop(text, kind, options, pick, maxRounds);
  return { edit: minimalEdit(text, current), text: current, applied };
}

/** Index of the YAML document (as the linter splits them) that holds `offset`. */
function documentIndexAt(text: string, offset: number): number {
  const chunks = splitYamlDocuments(text);
  let i = 0;
  while (i + 1 < chunks.length && chunks[i + 1]!.offset <= offset) i++;
  return i;
}

/** The span of the `index`th YAML document (the last one when there are fewer). */
function documentRangeByIndex(text: string, index: number): Span {
  const chunks = splitYamlDocuments(text);
  const c = chunks[Math.min(index, chunks.length - 1)]!;
  return { start: c.offset, end: c.offset + c.text.length };
}
