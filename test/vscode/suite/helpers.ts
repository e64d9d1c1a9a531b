// Shared helpers of the integration suite. Each *.test.ts is bundled separately, so state that
// must be shared (the measured activation time) lives on globalThis, not in this module.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShipshapeApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'shipshape.shipshape';

const G = globalThis as { __shipshapeActivation?: Promise<ShipshapeApi>; __shipshapeActivationMs?: number };

/** Activates the extension once (timing `activate()` until it resolves: the language server is running). */
export function extensionApi(): Promise<ShipshapeApi> {
  G.__shipshapeActivation ??= (async () => {
    const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    const wasActive = ext.isActive;
    const t0 = performance.now();
    const api = await ext.activate();
    if (!wasActive) G.__shipshapeActivationMs = performance.now() - t0;
    return api;
  })();
  return G.__shipshapeActivation;
}

export function activationMs(): number | undefined {
  return G.__shipshapeActivationMs;
}

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test workspace is open');
  return f.uri;
}

export function fixture(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Shipshape's diagnostics of a document. */
export function shipshapeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
}

export function ruleId(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

/** `rule-id severity line:char-line:char` (0-based), sorted: what the expectations are written in. */
export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string[] {
  return diags
    .map((d) => `${ruleId(d)} ${SEVERITY[d.severity]} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort();
}

/**
 * Resolves with the document's Shipshape diagnostics once `accept` holds for them: checked now and
 * on every `onDidChangeDiagnostics` for the URI. Rejects after `ms` (a guard, not a timed assertion).
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diags: vscode.Diagnostic[]) => boolean, what = 'diagnostics', ms = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = shipshapeDiagnostics(uri);
      if (!accept(diags)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${what} for ${vscode.workspace.asRelativePath(uri)}; last seen:\n  ${describeDiagnostics(shipshapeDiagnostics(uri)).join('\n  ') || '(none)'}`));
    }, ms);
    check();
  });
}

/** Diagnostics that include every listed rule id. */
export const having = (...ids: string[]) => (diags: vscode.Diagnostic[]): boolean => ids.every((id) => diags.some((d) => ruleId(d) === id));
/** Diagnostics that include none of the listed rule ids (and at least one diagnostic when `nonEmpty`). */
export const without = (ids: string[], nonEmpty = true) => (diags: vscode.Diagnostic[]): boolean => (!nonEmpty || diags.length > 0) && !diags.some((d) => ids.includes(ruleId(d)));

export async function open(uri: vscode.Uri, show = false): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Writes a new file into the workspace (a per-test copy so tests do not share state). */
export async function writeFixture(rel: string, text: string): Promise<vscode.Uri> {
  const uri = fixture(...rel.split('/'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function readFixture(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** Updates a workspace setting and resolves once VS Code reports the change. */
export async function setSetting(section: string, value: unknown, target = vscode.ConfigurationTarget.Workspace): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(section)) {
        sub.dispose();
        resolve();
      }
    });
  });
  const dot = section.indexOf('.');
  await vscode.workspace.getConfiguration(section.slice(0, dot)).update(section.slice(dot + 1), value, target);
  await changed;
}

/** Applies a code action the way the lightbulb does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Lines of `after` that differ from `before` (same line count expected), as `n: text`. */
export function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'line count unchanged');
  return b.flatMap((l, i) => (l === a[i] ? [] : [`${i}: ${l}`]));
}
