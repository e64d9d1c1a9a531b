import type { AnyDoc } from './yaml-editor';

/** Documents whose findings carry no fixes (see withoutFixes). */
export const FIXLESS = new WeakSet<object>();

/**
 * Build no edits for `doc`: every builder of yaml-edit.ts returns undefined for it at
 * once. The language server's diagnostics pass lints this way: a finding's
 * fixes cost more than the finding (an editor with the document's parent map
 * and indentation style, then the edits, kept in the cache for every
 * finding), and a code action lints its one document again with fixes.
 */
export function withoutFixes(doc: AnyDoc): void {
  FIXLESS.add(doc);
}
