/**
 * textDocument/codeAction and codeAction/resolve: quick fixes, "Harden
 * container" (or service), fix-all. What the quick-fix menu at a position
 * holds, in which order, and which entry is preferred: see action-menu.ts.
 *
 * The document's kept lint (DocumentLinter.lintOf: the lint its diagnostics
 * came from, with the settings and `.shipshape.yaml` it was made with) is the
 * one source: a code action finds its finding there from the diagnostic's
 * `data` (rule id + span, see diagnostics.ts; only in the YAML document
 * holding it), never by matching message text and never by linting again.
 * A finding's fixes are built when its quick fixes are asked for (see
 * LazyFixes). "Harden container" and fix-all, whose rounds re-lint what they
 * fixed, are built on `codeAction/resolve` when the client resolves code
 * actions; fix-all asked for by kind (`source.fixAll`, as
 * `editor.codeActionsOnSave` does) is built at once. A diagnostic computed
 * for another version of the document gets no action.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { chunkIndexAt, findingFixes, getRule, LineIndex, type DocumentCache, type Finding, type Fix, type Span, type TextEdit } from '../engine';
import { startsAsJson } from '../engine/parse/json-manifest';
import { yamlFindingsAt, yamlLintFindings } from '../engine/yaml-lint-result';
import { addTrustedRegistry, newConfigTrusting, trustEntryFor } from '../engine/config/config-edit';
import { disableRulesForLineFix, ignoreForObjectFix, ignoreInTemplateFix, type CommentForm } from '../engine/fixes/actions';
import { foldedAction, menuTitle, preferredFix, rankByCursor, type MenuItem, type RuleEntry } from './action-menu';
import { fixAll, hardenContainer, inRestrictedProfile, minimalEdit, normalizeEdits } from '../engine/fixes/apply';
import type { ConfigResolver } from './config';
import { DIAGNOSTIC_SOURCE, isFindingOf, type DiagnosticData } from './diagnostics';
import { uriPath, type DocumentLint } from './linting';

/** Our fix-all kind: `source.fixAll.shipshape`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.shipshape`;
/** The client command opening a rule's documentation page. */
export const SHOW_DOCS_COMMAND = 'shipshape.showRuleDocumentation';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND];

export interface CodeActionDeps {
  documents: { get(uri: string): TextDocument | undefined };
  /** The lint of the document's current version (DocumentLinter.lintOf); undefined when Shipshape does not lint it. */
  lintOf(uri: string): Promise<DocumentLint | undefined>;
  /** The document's engine cache, for fix-all's rounds after the first. */
  cacheFor?(uri: string): DocumentCache;
  /** `.shipshape.yaml` lookup, for "Trust <registry>". */
  configs?: ConfigResolver;
  /** The client applies workspace edits that create files (needed to create a `.shipshape.yaml`). */
  canCreateFiles?: boolean;
  /** The client resolves code actions' edits (codeAction/resolve): Harden container and fix-all are then built on resolve. */
  canResolve?: boolean;
}

/** What an unresolved Harden container or fix-all action carries to codeAction/resolve. */
type ResolveData =
  | { shipshape: 'fixAll'; uri: string; version: number }
  | { shipshape: 'harden'; uri: string; version: number; container: string; at: number };

function isDiagnosticData(v: unknown): v is DiagnosticData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  const span = d.span as Record<string, unknown> | undefined;
  return typeof d.ruleId === 'string' && typeof d.version === 'number' && typeof span === 'object' && span !== null && typeof span.start === 'number' && typeof span.end === 'number';
}

function isResolveData(v: unknown): v is ResolveData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  if (typeof d.uri !== 'string' || typeof d.version !== 'number') return false;
  return d.shipshape === 'fixAll' || (d.shipshape === 'harden' && typeof d.container === 'string' && typeof d.at === 'number');
}

/** Is `kind` requested by the client's `only` filter (a kind matches its sub-kinds)? */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The findings of the lint in the YAML document holding file offset `at` (the whole file for a Dockerfile). */
export function findingsAt(lint: DocumentLint, at: number): readonly Finding[] {
  return lint.yaml ? yamlFindingsAt(lint.yaml, at) : (lint.findings ?? []);
}

/** All findings of the lint, file offsets. */
function allFindings(lint: DocumentLint): readonly Finding[] {
  return lint.yaml ? yamlLintFindings(lint.yaml) : (lint.findings ?? []);
}

/** Does any finding of the lint have a rule that offers fixes? (Rule metadata only: no fix is built.) */
function anyFixable(lint: DocumentLint): boolean {
  const fixable = (f: Finding) => getRule(f.ruleId)?.meta.fixable !== undefined;
  if (!lint.yaml) return (lint.findings ?? []).some(fixable);
  if (lint.yaml.whole) return lint.yaml.whole.some(fixable);
  return lint.yaml.chunks.some((c) => c.result.findings.some(fixable));
}

export class CodeActionProvider {
  constructor(private readonly deps: CodeActionDeps) {}

  /** The document and its kept lint, when both are of the same version (and that is `version`, when given). */
  private async current(uri: string, version?: number): Promise<{ doc: TextDocument; lint: DocumentLint } | undefined> {
    const lint = await this.deps.lintOf(uri);
    const doc = this.deps.documents.get(uri);
    if (!lint || !doc || doc.version !== lint.version || (version !== undefined && version !== lint.version)) return undefined;
    return { doc, lint };
  }

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const only = params.context.only;
    // Ours, of the document's current version (a diagnostic computed for another version gets no action).
    const version = this.deps.documents.get(uri)?.version;
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && isDiagnosticData(d.data) && (d.data as DiagnosticData).version === version);
    // Fix-all on request (codeActionsOnSave, "Source Action...") or next to our diagnostics, not on every cursor move.
    const fixAllAsked = only !== undefined && only.length > 0 && wanted(only, FIX_ALL_KIND);
    if (version === undefined || (ours.length === 0 && !fixAllAsked)) return [];
    const got = await this.current(uri, version);
    if (!got) return [];
    const { doc, lint } = got;
    const text = doc.getText();
    const edit = this.editOf(doc, lint);
    const actions: CodeAction[] = [];

    // The findings the diagnostics came from, each looked up in its own YAML document, in menu order (see action-menu.ts).
    const items: MenuItem[] = [];
    for (const diagnostic of ours) {
      const data = diagnostic.data as DiagnosticData;
      const finding = findingsAt(lint, data.span.start).find((f) => isFindingOf(f, data));
      if (finding) items.push({ diagnostic, finding });
    }
    const cursor = params.range.start;
    const ranked = rankByCursor(items, cursor);

    if (wanted(only, CodeActionKind.QuickFix)) {
      const usable = (fix: Fix) => normalizeEdits(text, fix.edits) !== undefined;
      const preferred = preferredFix(ranked, cursor, findingFixes, usable);
      const fixes: CodeAction[] = [];
      for (const { diagnostic, finding } of ranked) {
        for (const fix of findingFixes(finding)) {
          if (!usable(fix)) continue;
          const action = this.action(menuTitle(fix), CodeActionKind.QuickFix, diagnostic, edit(fix.edits), fix === preferred);
          if (fix === preferred) fixes.unshift(action);
          else fixes.push(action);
        }
        const trust = finding.ruleId === 'untrusted-registry' ? this.trustAction(uri, text, finding, diagnostic) : undefined;
        if (trust) fixes.push(trust);
      }
      actions.push(...fixes, ...this.exemptions(lint, text, ranked, edit));
      // Documentation is one click away through the diagnostic's code link; the one entry is offered only where the menu would be empty (a JSON manifest).
      const top = ranked[0];
      if (top && actions.length === 0) {
        const title = `Show documentation for ${top.finding.ruleId}`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [top.diagnostic], command: { title, command: SHOW_DOCS_COMMAND, arguments: [top.finding.ruleId] } });
      }
    }
    if (wanted(only, CodeActionKind.RefactorRewrite)) {
      const hardened = new Set<string>();
      for (const { finding } of ranked) {
        if (finding.container === undefined) continue;
        // One per container of an object: the items of a List are objects of one document.
        const documentStart = lint.yaml && !lint.yaml.whole ? lint.yaml.chunks[chunkIndexAt(lint.yaml.chunks, finding.span.start)]?.offset ?? 0 : 0;
        const key = `${finding.container}\u0000${documentStart}\u0000${JSON.stringify(finding.object)}`;
        if (hardened.has(key)) continue;
        hardened.add(key);
        // A container finding without an object is a compose service's.
        const title = `Harden ${finding.object ? 'container' : 'service'} ${finding.container}`;
        const data: ResolveData = { shipshape: 'harden', uri, version, container: finding.container, at: finding.span.start };
        if (this.deps.canResolve) {
          if (hardenable(lint, finding)) actions.push({ title, kind: CodeActionKind.RefactorRewrite, data });
        } else {
          const resolved = this.hardenEdit(lint, text, data);
          if (resolved) actions.push({ title, kind: CodeActionKind.RefactorRewrite, edit: edit([resolved]) });
        }
      }
    }

    const fixAllWanted = only && only.length > 0 ? fixAllAsked : ours.length > 0;
    if (fixAllWanted && anyFixable(lint)) {
      const title = 'Fix all Shipshape problems';
      if (this.deps.canResolve && !fixAllAsked) {
        const data: ResolveData = { shipshape: 'fixAll', uri, version };
        actions.push({ title, kind: FIX_ALL_KIND, data });
      } else {
        const resolved = this.fixAllEdit(lint, text);
        if (resolved) actions.push({ title, kind: FIX_ALL_KIND, edit: edit([resolved]) });
      }
    }
    return actions;
  }

  /** codeAction/resolve: the edit of a Harden container or fix-all action, built now; none when the document changed since. */
  async resolve(action: CodeAction): Promise<CodeAction> {
    const data: unknown = action.data;
    if (action.edit || !isResolveData(data)) return action;
    const got = await this.current(data.uri, data.version);
    if (!got) return action;
    const text = got.doc.getText();
    const resolved = data.shipshape === 'fixAll' ? this.fixAllEdit(got.lint, text) : this.hardenEdit(got.lint, text, data);
    return resolved ? { ...action, edit: this.editOf(got.doc, got.lint)([resolved]) } : action;
  }

  /** Fix-all as one edit: its first round takes the kept lint's findings, later rounds re-lint through the document's cache. */
  private fixAllEdit(lint: DocumentLint, text: string): TextEdit | undefined {
    const r = fixAll(text, lint.kind, { settings: lint.settings, fileName: lint.fileName, cache: this.deps.cacheFor?.(lint.uri), findings: allFindings(lint), ...(lint.workloads ? { workloads: lint.workloads } : {}) });
    return r.applied > 0 && r.text !== text ? minimalEdit(text, r.text) : undefined;
  }

  /** Harden container as one edit on the file: the container's YAML document alone, from the kept lint's findings of it. */
  private hardenEdit(lint: DocumentLint, text: string, data: Extract<ResolveData, { shipshape: 'harden' }>): TextEdit | undefined {
    const { settings, fileName, kind } = lint;
    const chunks = lint.yaml && !lint.yaml.whole ? lint.yaml.chunks : undefined;
    const chunk = chunks?.[chunkIndexAt(chunks, data.at)];
    const doc = chunk ?? { offset: 0, text };
    const findings = chunk ? chunk.result.findings : lint.findings;
    const h = hardenContainer(doc.text, kind, { settings, fileName, ...(findings ? { findings } : {}) }, { containerName: data.container, position: data.at - doc.offset });
    return h.edit && h.applied > 0 ? { ...h.edit, start: h.edit.start + doc.offset, end: h.edit.end + doc.offset } : undefined;
  }

  /**
   * Edits on the document at its lint's version as a WorkspaceEdit. Edits
   * inside one YAML document are placed with a line index of that document
   * alone (a large file is not scanned for them); others with one of the file.
   */
  private editOf(doc: TextDocument, lint: DocumentLint): (edits: readonly TextEdit[]) => WorkspaceEdit {
    const text = doc.getText();
    let whole: LineIndex | undefined;
    const chunks = lint.yaml && !lint.yaml.whole ? lint.yaml.chunks : [];
    const documents = new Map<number, { index: LineIndex; line: number; start: number; end: number }>();
    const inDocument = (edits: readonly TextEdit[]) => {
      if (chunks.length < 2 || edits.length === 0) return undefined;
      const i = chunkIndexAt(chunks, edits[0]!.start);
      const chunk = chunks[i]!;
      const start = chunk.offset;
      const end = start + chunk.text.length;
      // A document starts a line (after a line feed), so its lines are the file's from that line on.
      if (start > 0 && text.charCodeAt(start - 1) !== 10) return undefined;
      if (!edits.every((e) => e.start >= start && e.end <= end)) return undefined;
      let d = documents.get(i);
      if (!d) documents.set(i, (d = { index: new LineIndex(chunk.text), line: doc.positionAt(start).line, start, end }));
      return d;
    };
    const toLsp = (edits: readonly TextEdit[]): LspTextEdit[] => {
      const d = inDocument(edits);
      const position = d
        ? (o: number) => {
            const p = d.index.position(o - d.start);
            return { line: p.line + d.line, character: p.character };
          }
        : (o: number) => (whole ??= new LineIndex(text)).position(o);
      return edits.map((e) => ({ range: { start: position(e.start), end: position(e.end) }, newText: e.text }));
    };
    return (edits) => ({ documentChanges: [{ textDocument: { uri: lint.uri, version: lint.version }, edits: toLsp(edits) }] });
  }

  /**
   * "Disable ... for this line" and "Ignore ... for this object" as one entry
   * each (see foldedAction): per rule, the first of its findings (in menu
   * order) that the edit can be built for; Disable also offers every rule at
   * once (one comment per line naming them all).
   */
  private exemptions(lint: DocumentLint, text: string, ranked: readonly MenuItem[], edit: (edits: readonly TextEdit[]) => WorkspaceEdit): CodeAction[] {
    const byRule = new Map<string, MenuItem[]>();
    for (const item of ranked) byRule.set(item.finding.ruleId, [...(byRule.get(item.finding.ruleId) ?? []), item]);
    const disable: RuleEntry[] = [];
    const ignore: RuleEntry[] = [];
    for (const [ruleId, of] of byRule) {
      const diagnostics = of.map((i) => i.diagnostic);
      const message = of[0]!.finding.message;
      const off = disableRulesForLineFix(text, lint.kind, of.map((i) => i.finding), commentForm(lint, of[0]!.finding));
      if (off) disable.push({ ruleId, message, fix: off, diagnostics });
      const exempt = of.map((i) => (inTemplate(lint, i.finding) ? ignoreInTemplateFix(text, i.finding) : ignoreForObject(lint, text, i.finding))).find((f) => f !== undefined);
      if (exempt) ignore.push({ ruleId, message, fix: exempt, diagnostics });
    }
    const all = disable.length > 1 ? disableRulesForLineFix(text, lint.kind, ranked.map((i) => i.finding), commentForm(lint, ranked[0]!.finding)) : undefined;
    const apply = (fix: Fix) => edit(fix.edits);
    return [
      foldedAction(disable, { title: 'Disable for this line...', placeHolder: 'Disable which rule for this line?' }, apply, all),
      foldedAction(ignore, { title: 'Ignore for this object...', placeHolder: 'Ignore which rule for this object?' }, apply),
    ].filter((a): a is CodeAction => a !== undefined);
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

/**
 * Whether a finding is a rendered chart's, reported in one of its templates (a file under a `templates/` folder; the
 * chart's values files never are): its suppression comments are Go template comments (see fixes/actions.ts).
 */
function inTemplate(lint: DocumentLint, finding: Finding): boolean {
  return finding.helm !== undefined && /\/templates\//.test(uriPath(lint.uri));
}

function commentForm(lint: DocumentLint, finding: Finding): CommentForm {
  return inTemplate(lint, finding) ? 'template' : 'yaml';
}

/**
 * "Ignore <rule> for this object", built from the finding's YAML document
 * alone (a large file is not parsed again for it): the same edits as from
 * the whole text, whose other documents cannot change them.
 */
function ignoreForObject(lint: DocumentLint, text: string, finding: Finding): Fix | undefined {
  const chunks = lint.yaml && !lint.yaml.whole ? lint.yaml.chunks : [];
  if (chunks.length < 2 || startsAsJson(text)) return ignoreForObjectFix(text, lint.kind, finding);
  const { offset, text: own } = chunks[chunkIndexAt(chunks, finding.span.start)]!;
  const moved = (s: Span): Span => ({ start: s.start - offset, end: s.end - offset });
  const fix = ignoreForObjectFix(own, lint.kind, { ...finding, span: moved(finding.span) });
  return fix && { ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) };
}

/**
 * Would Harden container change anything for the container of `finding`? A
 * finding of its object and container, of a rule Harden applies, has a fix
 * (only those findings' fixes are built).
 */
function hardenable(lint: DocumentLint, finding: Finding): boolean {
  const same = (f: Finding) =>
    f.container === finding.container && f.object?.kind === finding.object?.kind && f.object?.name === finding.object?.name && f.object?.namespace === finding.object?.namespace;
  return findingsAt(lint, finding.span.start).some((f) => same(f) && inRestrictedProfile(f.ruleId) && findingFixes(f).some((x) => x.edits.length > 0));
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
