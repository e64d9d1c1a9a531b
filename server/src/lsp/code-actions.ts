/**
 * textDocument/codeAction: quick fixes, "Harden container", fix-all.
 *
 * A code action finds its finding again from the diagnostic's `data`
 * (rule id + span, see diagnostics.ts) by re-linting the current text as the
 * linter did, without fixes and through the document's cache (cheap:
 * unchanged YAML documents are cache hits), never by matching message text.
 * The fixes then come from linting just the YAML documents holding those
 * findings again with fixes (the whole file for a Dockerfile); "Harden
 * container" works on the container's document alone, and fix-all on the
 * whole file through a cache of its own. A diagnostic computed for another
 * version of the document gets no action. All edits are resolved eagerly, so
 * `source.fixAll.shipshape` works in `editor.codeActionsOnSave`.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { chunkIndexAt, getRule, LineIndex, lintText, lintYamlDocumentsAt, type DocumentCache, type EngineSettings, type FileKind, type Finding, type Fix, type TextEdit } from '../engine';
import { addTrustedRegistry, newConfigTrusting, trustEntryFor } from '../engine/config/config-edit';
import { disableForLineFix, ignoreForObjectFix } from '../engine/fixes/actions';
import { fixAll, hardenContainer, minimalEdit, normalizeEdits } from '../engine/fixes/apply';
import { splitYamlDocuments, type YamlChunk } from '../engine/parse/yaml';
import type { ConfigResolver } from './config';
import { DIAGNOSTIC_SOURCE, isFindingOf, type DiagnosticData } from './diagnostics';
import { documentKind, uriPath } from './linting';
import type { SettingsStore } from './settings';

/** Our fix-all kind: `source.fixAll.shipshape`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.shipshape`;
/** The client command opening a rule's documentation page. */
export const SHOW_DOCS_COMMAND = 'shipshape.showRuleDocumentation';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND];

export interface CodeActionDeps {
  documents: { get(uri: string): TextDocument | undefined };
  settings: SettingsStore;
  configs?: ConfigResolver;
  /** The document's engine cache for lints without fixes (shared with the linter). */
  cacheFor?(uri: string): DocumentCache;
  /** The document's engine cache for lints with fixes (fix-all). */
  fixCacheFor?(uri: string): DocumentCache;
  /** The client applies workspace edits that create files (needed to create a `.shipshape.yaml`). */
  canCreateFiles?: boolean;
}

function isDiagnosticData(v: unknown): v is DiagnosticData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  const span = d.span as Record<string, unknown> | undefined;
  return typeof d.ruleId === 'string' && typeof d.version === 'number' && typeof span === 'object' && span !== null && typeof span.start === 'number' && typeof span.end === 'number';
}

/** Is `kind` requested by the client's `only` filter (a kind matches its sub-kinds)? */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export class CodeActionProvider {
  constructor(private readonly deps: CodeActionDeps) {}

  /** Lint options for the document as the linter uses them; undefined when Shipshape does not lint it. */
  private async context(uri: string): Promise<{ doc: TextDocument; kind: FileKind; settings: EngineSettings; fileName?: string } | undefined> {
    const doc = this.deps.documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const resolved = await this.deps.settings.get(uri);
    const current = this.deps.documents.get(uri);
    if (!current || current.version !== version) return undefined;
    const kind = documentKind(uri, current.languageId, current.getText());
    if (!resolved.enable || kind === undefined) return undefined;
    const configs = this.deps.configs;
    if (configs?.isConfigDocument(uri)) return undefined;
    let settings = resolved.engine;
    if (configs) {
      const r = configs.resolve(uri, settings);
      if (r.ignored) return undefined;
      settings = r.settings;
    }
    return { doc: current, kind, settings, fileName: uriPath(uri).split('/').pop() };
  }

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const ctx = await this.context(uri);
    if (!ctx) return [];
    const { doc, kind, settings, fileName } = ctx;
    const version = doc.version;
    const text = doc.getText();
    const cache = this.deps.cacheFor?.(uri);
    const only = params.context.only;
    const index = new LineIndex(text);
    const toLsp = (edits: readonly TextEdit[]): LspTextEdit[] =>
      edits.map((e) => ({ range: { start: index.position(e.start), end: index.position(e.end) }, newText: e.text }));
    const workspaceEdit = (edits: readonly TextEdit[]) => ({
      documentChanges: [{ textDocument: { uri, version }, edits: toLsp(edits) }],
    });
    const actions: CodeAction[] = [];

    const ours = params.context.diagnostics.filter(
      (d) => d.source === DIAGNOSTIC_SOURCE && isDiagnosticData(d.data) && (d.data as DiagnosticData).version === version,
    );
    // The findings the diagnostics came from: the linter's lint, without fixes.
    const findings = ours.length > 0 || (only !== undefined && only.length > 0 && wanted(only, FIX_ALL_KIND)) ? lintText(text, kind, { settings, cache, fileName, fixes: false }) : [];
    const matched = new Map<Diagnostic, Finding>();
    for (const diagnostic of ours) {
      const data = diagnostic.data as DiagnosticData;
      const finding = findings.find((f) => isFindingOf(f, data));
      if (finding) matched.set(diagnostic, finding);
    }
    // Their fixes: the YAML documents holding them linted again, with fixes.
    const withFixes =
      matched.size === 0 ? [] : kind === 'yaml' ? lintYamlDocumentsAt(text, [...matched.values()].map((f) => f.span.start), { settings, fileName }) : lintText(text, kind, { settings, fileName });
    const fixesOf = (f: Finding): readonly Fix[] =>
      withFixes.find((x) => isFindingOf(x, { ruleId: f.ruleId, span: f.span, relatedAt: f.related?.[0]?.span.start }))?.fixes ?? [];

    if (wanted(only, CodeActionKind.QuickFix) || wanted(only, CodeActionKind.RefactorRewrite)) {
      const hardened = new Set<string>();
      let documents: YamlChunk[] | undefined;
      const documentAt = (at: number): YamlChunk => {
        documents ??= splitYamlDocuments(text);
        return documents[chunkIndexAt(documents, at)]!;
      };
      for (const [diagnostic, finding] of matched) {
        if (wanted(only, CodeActionKind.QuickFix)) {
          for (const fix of fixesOf(finding)) {
            if (!normalizeEdits(text, fix.edits)) continue;
            actions.push(this.action(fix.title, CodeActionKind.QuickFix, diagnostic, workspaceEdit(fix.edits), fix.kind === 'fix'));
          }
          const trust = finding.ruleId === 'untrusted-registry' ? this.trustAction(uri, text, finding, diagnostic) : undefined;
          if (trust) actions.push(trust);
          for (const fix of [disableForLineFix(text, kind, finding), ignoreForObjectFix(text, kind, finding)]) {
            if (fix) actions.push(this.action(fix.title, CodeActionKind.QuickFix, diagnostic, workspaceEdit(fix.edits), false));
          }
          actions.push({
            title: `Show documentation for ${finding.ruleId}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: `Show documentation for ${finding.ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [finding.ruleId] },
          });
        }
        if (finding.container !== undefined && wanted(only, CodeActionKind.RefactorRewrite)) {
          // The container's YAML document alone: the hardening re-lints it after every round.
          const doc = kind === 'yaml' ? documentAt(finding.span.start) : { offset: 0, text };
          // One per container of an object: the items of a List are objects of one document.
          const key = `${finding.container}\u0000${doc.offset}\u0000${JSON.stringify(finding.object)}`;
          if (hardened.has(key)) continue;
          hardened.add(key);
          const h = hardenContainer(doc.text, kind, { settings, fileName }, { containerName: finding.container, position: finding.span.start - doc.offset });
          if (h.edit && h.applied > 0) {
            const edit = { ...h.edit, start: h.edit.start + doc.offset, end: h.edit.end + doc.offset };
            actions.push({ title: `Harden container ${finding.container}`, kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit([edit]) });
          }
        }
      }
    }

    // Fix-all on request (codeActionsOnSave, "Source Action...") or next to our diagnostics, not on every cursor move.
    const fixAllWanted = only && only.length > 0 ? wanted(only, FIX_ALL_KIND) : ours.length > 0;
    if (fixAllWanted && findings.some((f) => getRule(f.ruleId)?.meta.fixable !== undefined)) {
      const r = fixAll(text, kind, { settings, fileName, cache: this.deps.fixCacheFor?.(uri) });
      if (r.applied > 0 && r.text !== text) {
        const edit = minimalEdit(text, r.text);
        if (edit) actions.push({ title: 'Fix all Shipshape problems', kind: FIX_ALL_KIND, edit: workspaceEdit([edit]) });
      }
    }
    return actions;
  }

  /**
   * "Trust <registry> in .shipshape.yaml": a suggestion that adds the image's
   * registry (and organisation) to the trusted list of the config that applies
   * to the document, or creates one that extends the defaults with it.
   */
  private trustAction(uri: string, text: string, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
    const entry = trustEntryFor(unquote(text.slice(finding.span.start, finding.span.end)));
    const target = entry ? this.deps.configs?.trustTarget(uri) : undefined;
    if (!entry || !target) return undefined;
    let edit: WorkspaceEdit;
    if ('create' in target) {
      if (!this.deps.canCreateFiles) return undefined;
      edit = {
        documentChanges: [
          { kind: 'create', uri: target.create, options: { ignoreIfExists: true } },
          { textDocument: { uri: target.create, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newConfigTrusting(entry) }] },
        ],
      };
    } else {
      const edits = addTrustedRegistry(target.text, entry);
      if (!edits) return undefined;
      const index = new LineIndex(target.text);
      const open = this.deps.documents.get(target.uri);
      if (open && open.getText() !== target.text) return undefined;
      edit = {
        documentChanges: [
          {
            textDocument: { uri: target.uri, version: open ? open.version : null },
            edits: edits.map((e) => ({ range: { start: index.position(e.start), end: index.position(e.end) }, newText: e.text })),
          },
        ],
      };
    }
    return { title: `Trust ${entry} in .shipshape.yaml`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  }

  private action(title: string, kind: string, diagnostic: Diagnostic, edit: CodeAction['edit'], preferred: boolean): CodeAction {
    const a: CodeAction = { title, kind, diagnostics: [diagnostic], edit };
    if (preferred) a.isPreferred = true;
    return a;
  }
}

/** The image reference in a finding's span: a YAML scalar (plain or quoted) or a Dockerfile token. */
function unquote(raw: string): string {
  const s = raw.trim();
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  return s;
}
