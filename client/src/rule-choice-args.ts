/**
 * The argument of the server's "Disable for this line..." / "Ignore for this
 * object..." code actions (server/src/lsp/action-menu.ts, ChooseRuleArgs),
 * read as untrusted input, and the check that its edits still apply. Pure (no
 * `vscode` import) so it is unit-tested without an editor.
 */

/** The client command those code actions run. */
export const CHOOSE_RULE = 'shipshape.chooseRule';

/** An LSP WorkspaceEdit as the server sends it (converted by the language client before it is applied). */
export interface LspWorkspaceEdit {
  documentChanges?: unknown[];
  changes?: Record<string, unknown[]>;
}

export interface RuleChoice {
  label: string;
  detail?: string;
  edit: LspWorkspaceEdit;
}

export interface ChooseRuleArgs {
  placeHolder: string;
  choices: RuleChoice[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `arg` as ChooseRuleArgs, or undefined when it is not one (at least one choice, each with a label and an edit). */
export function chooseRuleArgs(arg: unknown): ChooseRuleArgs | undefined {
  if (!isObject(arg) || typeof arg.placeHolder !== 'string' || !Array.isArray(arg.choices) || arg.choices.length === 0) return undefined;
  const choices: RuleChoice[] = [];
  for (const c of arg.choices as unknown[]) {
    if (!isObject(c) || typeof c.label !== 'string' || !isObject(c.edit)) return undefined;
    if (c.detail !== undefined && typeof c.detail !== 'string') return undefined;
    choices.push({ label: c.label, ...(typeof c.detail === 'string' ? { detail: c.detail } : {}), edit: c.edit as LspWorkspaceEdit });
  }
  return { placeHolder: arg.placeHolder, choices };
}

/**
 * The URIs of the edit's versioned document changes whose document is no
 * longer at that version (`versionOf`: the open document's version, undefined
 * when it is not open). Such an edit was computed for an older text.
 */
export function staleDocuments(edit: LspWorkspaceEdit, versionOf: (uri: string) => number | undefined): string[] {
  const stale: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if (!isObject(change) || !isObject(change.textDocument)) continue;
    const { uri, version } = change.textDocument;
    if (typeof uri === 'string' && typeof version === 'number' && versionOf(uri) !== version) stale.push(uri);
  }
  return stale;
}
