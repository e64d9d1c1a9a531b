// Issue 17: the lint the diagnostics came from is the one source of the code actions. A code action request
// lints nothing again (the engine's test-only lint counter proves it); Harden container and fix-all are built on
// codeAction/resolve, into the same edits the eager path builds; a request before the diagnostics lint ran
// lints once, and the diagnostics job then finds every document in the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CodeActionParams, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findingFixes, LineIndex, lintText, type Fix } from '../../../server/src/engine';
import { ignoreForObjectFix } from '../../../server/src/engine/fixes/actions';
import { lintCount } from '../../../server/src/engine/lint-count';
import { menuTitle } from '../../../server/src/lsp/action-menu';
import { CodeActionProvider, FIX_ALL_KIND } from '../../../server/src/lsp/code-actions';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter } from '../../../server/src/lsp/linting';
import { SettingsStore } from '../../../server/src/lsp/settings';

const pod = (name: string, securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: ${name}-app
      image: nginx:1.27
      resources:
        limits: {cpu: 500m, memory: 128Mi}
        requests: {cpu: 100m, memory: 64Mi}
      securityContext:
${securityContext}`;

const HARDENED = '        allowPrivilegeEscalation: false\n        runAsNonRoot: true\n        readOnlyRootFilesystem: true\n        capabilities: {drop: [ALL]}\n        seccompProfile: {type: RuntimeDefault}\n';
/** Twenty documents; the eleventh runs as root (run-as-root) and is privileged. */
const DOCS = Array.from({ length: 20 }, (_, i) => (i === 10 ? pod('root', '        privileged: true\n') : pod(`ok${i}`, HARDENED)));
const TEXT = DOCS.join('---\n');
const URI = 'file:///w/many.yaml';

function setup(canResolve: boolean) {
  const docs = new Map<string, TextDocument>([[URI, TextDocument.create(URI, 'yaml', 1, TEXT)]]);
  const settings = new SettingsStore({ fetch: () => Promise.resolve({}), warn: () => undefined });
  const published: PublishDiagnosticsParams[] = [];
  const linter = new DocumentLinter({ documents: docs, settings, converter: new DiagnosticConverter('/ext'), publish: (p) => published.push(p) });
  const provider = new CodeActionProvider({ documents: docs, lintOf: (uri) => linter.lintOf(uri), cacheFor: (uri) => linter.cacheFor(uri), canResolve });
  const ask = (diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> =>
    provider.provide({ textDocument: { uri: URI }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, ...(only ? { only } : {}) } } as CodeActionParams);
  return { linter, provider, published, ask };
}

/** The lints the engine starts while `fn` runs. */
async function lintsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; files: number; documents: number }> {
  const files = lintCount.files;
  const documents = lintCount.documents;
  const value = await fn();
  return { value, files: lintCount.files - files, documents: lintCount.documents - documents };
}

const editOf = (a: CodeAction | undefined) => (a?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits;

test('a code action request lints nothing again; Harden container and fix-all are built on resolve, as the eager path builds them', async () => {
  const lazy = setup(true);
  await lazy.linter.run(URI, { cancelled: false });
  const diagnostics = lazy.published[0]!.diagnostics;
  const root = diagnostics.find((d) => d.code === 'run-as-root');
  assert.ok(root, JSON.stringify(diagnostics.map((d) => d.code)));

  // The request VS Code sends as the cursor moves onto the finding: every kind.
  const { value: actions, files, documents } = await lintsDuring(() => lazy.ask([root]));
  assert.equal(files, 0, 'no lint of the file');
  assert.equal(documents, 0, 'no YAML document linted');
  assert.ok(actions.some((a) => a.kind === 'quickfix' && a.edit), 'the quick fixes come with their edits');
  // Placed from the finding's own YAML document, the edits are those of the whole file.
  const index = new LineIndex(TEXT);
  const finding = lintText(TEXT, 'yaml').find((f) => f.ruleId === 'run-as-root')!;
  const lsp = (fix: Fix | undefined) => fix?.edits.map((e) => ({ range: { start: index.position(e.start), end: index.position(e.end) }, newText: e.text }));
  const ignore = actions.find((a) => a.title === 'Ignore run-as-root for this object');
  assert.ok(ignore);
  assert.deepEqual(editOf(ignore), lsp(ignoreForObjectFix(TEXT, 'yaml', finding)));
  const quick = actions.find((a) => a.title === menuTitle(findingFixes(finding)[0]!));
  assert.ok(quick);
  assert.deepEqual(editOf(quick), lsp(findingFixes(finding)[0]));
  const harden = actions.find((a) => a.title === 'Harden container root-app');
  const fixAll = actions.find((a) => a.kind === FIX_ALL_KIND);
  assert.ok(harden && fixAll, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(harden.edit, undefined, 'Harden container is built on resolve');
  assert.equal(fixAll.edit, undefined, 'fix-all is built on resolve');

  // Resolving lints only what the rounds after the first fixed: the container's document alone for Harden
  // container, and for fix-all the documents it changed (the others are cache hits).
  const hardened = await lintsDuring(() => lazy.provider.resolve(harden));
  assert.ok(hardened.documents > 0 && hardened.documents <= 10, `${hardened.documents} documents linted`);
  const fixedAll = await lintsDuring(() => lazy.provider.resolve(fixAll));
  assert.ok(fixedAll.documents > 0 && fixedAll.documents <= 10, `${fixedAll.documents} documents linted`);

  // The same edits as a client that does not resolve gets at once.
  const eager = setup(false);
  await eager.linter.run(URI, { cancelled: false });
  const eagerActions = await eager.ask([root]);
  const eagerHarden = eagerActions.find((a) => a.title === harden.title);
  const eagerFixAll = eagerActions.find((a) => a.kind === FIX_ALL_KIND);
  assert.ok(editOf(eagerHarden) && editOf(eagerFixAll));
  assert.deepEqual(editOf(hardened.value), editOf(eagerHarden));
  assert.deepEqual(editOf(fixedAll.value), editOf(eagerFixAll));
  // ... and what fix-all on save (asked for by kind) builds at once.
  const onSave = await lazy.ask([], ['source.fixAll']);
  assert.deepEqual(editOf(onSave[0]), editOf(eagerFixAll));
});

test('fix-all on save before the diagnostics lint ran: one lint, which the diagnostics job then reuses', async () => {
  const { linter, ask, published } = setup(true);
  const onSave = await lintsDuring(() => ask([], ['source.fixAll']));
  assert.equal(onSave.value.length, 1);
  assert.ok(onSave.documents >= DOCS.length, 'the first lint of the file');
  const job = await lintsDuring(() => linter.run(URI, { cancelled: false }));
  assert.equal(job.documents, 0, 'the diagnostics job found every document in the cache');
  assert.ok(published[0]!.diagnostics.some((d) => d.code === 'run-as-root'));
});

test('fix-all edits are built only on resolve: the code action request builds the fixes of the finding\'s own document alone', async () => {
  // Every document has findings with safe fixes (no seccomp profile, privilege escalation not denied).
  const docs = Array.from({ length: 20 }, (_, i) => pod(i === 10 ? 'root' : `p${i}`, i === 10 ? '        privileged: true\n' : '        runAsNonRoot: true\n')).join('---\n');
  const files = new Map<string, TextDocument>([[URI, TextDocument.create(URI, 'yaml', 1, docs)]]);
  const settings = new SettingsStore({ fetch: () => Promise.resolve({}), warn: () => undefined });
  const published: PublishDiagnosticsParams[] = [];
  const linter = new DocumentLinter({ documents: files, settings, converter: new DiagnosticConverter('/ext'), publish: (p) => published.push(p) });
  const provider = new CodeActionProvider({ documents: files, lintOf: (uri) => linter.lintOf(uri), cacheFor: (uri) => linter.cacheFor(uri), canResolve: true });
  await linter.run(URI, { cancelled: false });
  // Count, per YAML document, the findings whose fixes get built.
  const lint = await linter.lintOf(URI);
  const chunks = lint?.yaml?.chunks ?? [];
  assert.equal(chunks.length, 20);
  const built = new Map<number, number>();
  chunks.forEach((chunk, i) => {
    for (const f of chunk.result.findings) {
      const fixes = f.fixes;
      if (fixes) f.fixes = () => (built.set(i, (built.get(i) ?? 0) + 1), fixes());
    }
  });
  const root = published[0]!.diagnostics.find((d) => d.code === 'run-as-root')!;
  const actions = await provider.provide({ textDocument: { uri: URI }, range: root.range, context: { diagnostics: [root] } } as CodeActionParams);
  const fixAll = actions.find((a) => a.kind === FIX_ALL_KIND);
  assert.ok(fixAll && fixAll.edit === undefined, 'fix-all offered, without its edits');
  assert.deepEqual([...built.keys()], [10], 'only the fixes of the document at the cursor were built');
  const resolved = await provider.resolve(fixAll);
  assert.ok(editOf(resolved)?.length, 'resolve builds the edit');
  assert.equal(built.size, 20, 'resolve builds the fixes of every document');
});
