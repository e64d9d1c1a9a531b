/**
 * The shape of the quick-fix menu at a position (issue 20): Ctrl+. on a line
 * with five findings used to list twenty entries, most of them "Disable ...",
 * "Ignore ..." and "Show documentation ..." once per rule, and its focused
 * default could be a fix of another finding than the one under the cursor.
 *
 * - The diagnostics of the request are ranked by the cursor (the request
 *   range's start): those containing it first, the narrowest first, then by
 *   severity. Their fixes are listed in that order.
 * - The preferred action (what Ctrl+. Enter and "Auto Fix" apply) is the first
 *   safe fix of the best-ranked diagnostic that has one among those that
 *   contain the cursor and are the narrowest there; never a suggestion, and
 *   none when that place has only suggestions.
 * - Suggestions say so in their titles ("Suggestion: ...").
 * - "Disable ... for this line" and "Ignore ... for this object" are one entry
 *   each: direct when one rule applies, otherwise "Disable for this line..." /
 *   "Ignore for this object..." whose command (CHOOSE_RULE_COMMAND, run by the
 *   client) asks which rule with a quick pick and applies that choice's edit.
 *
 * Documentation is one click away through each diagnostic's code link, so no
 * per-rule "Show documentation" entry is offered (one is, where the menu
 * would otherwise be empty: see code-actions.ts).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Fix } from '../engine';

/** The client command that asks which rule and applies the chosen edit; its one argument is a `ChooseRuleArgs`. */
export const CHOOSE_RULE_COMMAND = 'shipshape.chooseRule';

export interface RuleChoice {
  /** What the quick pick shows: a rule id, or "All N rules". */
  label: string;
  /** The finding's message (never a secret value: messages do not quote them). */
  detail?: string;
  /** Applied when chosen (versioned: it fails when the document changed since). */
  edit: WorkspaceEdit;
}

export interface ChooseRuleArgs {
  /** The quick pick's placeholder, e.g. "Disable which rule for this line?". */
  placeHolder: string;
  choices: RuleChoice[];
}

/** A diagnostic of the request with the finding it was published for. */
export interface MenuItem {
  diagnostic: Diagnostic;
  finding: Finding;
}

function contains(d: Diagnostic, at: Position): boolean {
  const { start, end } = d.range;
  const after = at.line > start.line || (at.line === start.line && at.character >= start.character);
  const before = at.line < end.line || (at.line === end.line && at.character <= end.character);
  return after && before;
}

/** Width of a range, for "narrowest": characters on one line; a range over several lines is wider than any one-line range. */
function width(d: Diagnostic): number {
  const { start, end } = d.range;
  return end.line === start.line ? end.character - start.character : Number.MAX_SAFE_INTEGER;
}

/** Rank key: does it contain the cursor (0 yes), how wide is it. Equal keys are one tier. */
function tier(d: Diagnostic, at: Position): [number, number] {
  return [contains(d, at) ? 0 : 1, width(d)];
}

/** The items in menu order: containing the cursor first, narrowest first, then by severity (errors first), else as given. */
export function rankByCursor(items: readonly MenuItem[], at: Position): MenuItem[] {
  const key = new Map(items.map((item) => [item, [...tier(item.diagnostic, at), item.diagnostic.severity ?? 4] as const]));
  return [...items].sort((a, b) => {
    const [ca, wa, sa] = key.get(a)!;
    const [cb, wb, sb] = key.get(b)!;
    return ca - cb || wa - wb || sa - sb;
  });
}

/**
 * The fix to mark preferred: among the ranked items of the first tier (same
 * containment of the cursor and width as the first item), the first safe fix
 * (kind 'fix') that `usable` accepts. Undefined when none: a suggestion is
 * never preferred.
 */
export function preferredFix(ranked: readonly MenuItem[], at: Position, fixesOf: (f: Finding) => readonly Fix[], usable: (fix: Fix) => boolean): Fix | undefined {
  const first = ranked[0];
  if (!first || !contains(first.diagnostic, at)) return undefined;
  const [c0, w0] = tier(first.diagnostic, at);
  for (const item of ranked) {
    const [c, w] = tier(item.diagnostic, at);
    if (c !== c0 || w !== w0) break;
    const fix = fixesOf(item.finding).find((x) => x.kind === 'fix' && usable(x));
    if (fix) return fix;
  }
  return undefined;
}

/** A fix's title in the menu: a suggestion says that it is one. */
export function menuTitle(fix: Fix): string {
  return fix.kind === 'suggestion' ? `Suggestion: ${fix.title}` : fix.title;
}

/** One rule's entry for a folded action: its fix (Disable or Ignore), the finding's message, its diagnostics. */
export interface RuleEntry {
  ruleId: string;
  message: string;
  fix: Fix;
  diagnostics: Diagnostic[];
}

/**
 * One menu entry for "Disable"/"Ignore" over several rules: the rule's own
 * action when only one rule applies, else an entry whose command asks which
 * rule (`all`: an extra choice covering every rule at once, e.g. one comment
 * naming them all).
 */
export function foldedAction(
  entries: readonly RuleEntry[],
  labels: { title: string; placeHolder: string },
  edit: (fix: Fix) => WorkspaceEdit,
  all?: Fix,
): CodeAction | undefined {
  if (entries.length === 0) return undefined;
  if (entries.length === 1) {
    const [only] = entries as [RuleEntry];
    return { title: only.fix.title, kind: CodeActionKind.QuickFix, diagnostics: only.diagnostics, edit: edit(only.fix) };
  }
  const choices: RuleChoice[] = entries.map((e) => ({ label: e.ruleId, detail: e.message, edit: edit(e.fix) }));
  if (all) choices.push({ label: `All ${entries.length} rules`, detail: entries.map((e) => e.ruleId).join(', '), edit: edit(all) });
  const args: ChooseRuleArgs = { placeHolder: labels.placeHolder, choices };
  return {
    title: labels.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: entries.flatMap((e) => e.diagnostics),
    command: { title: labels.title, command: CHOOSE_RULE_COMMAND, arguments: [args] },
  };
}
