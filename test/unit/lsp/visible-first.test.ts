// Issue 21, "Diagnostics where the user looks, first": with the client's shipshape/visibleRanges, the lint job lints the
// YAML documents the editors show first and publishes their findings at once, then the whole file's; without it, or
// when little is left to lint (an edit of one document), one publication as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { DocumentCache } from '../../../server/src/engine';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter, VISIBLE_FIRST_MIN_MISSES, type LintJobDeps } from '../../../server/src/lsp/linting';
import { SettingsStore } from '../../../server/src/lsp/settings';
import { countsLines, lineStarts, linesAt, VisibleRanges, visibleRangesParams } from '../../../server/src/lsp/visible-ranges';
import { VISIBLE_RANGES_NOTIFICATION } from '../../../shared/lsp/protocol';
import { LINES_PER_DOCUMENT, manyDocuments } from '../../helpers/many-documents';
import { assertServerBuilt, LspServer } from './lsp-harness';

const URI = 'file:///w/large.yaml';
const COUNT = 200;
const TEXT = manyDocuments(COUNT);
/** Lines 2000-2030: documents 100 and 101 (document i holds lines 20i-1 .. 20i+18, its `---` first). */
const SHOWN = { start: { line: 100 * LINES_PER_DOCUMENT, character: 0 }, end: { line: 100 * LINES_PER_DOCUMENT + 30, character: 0 } };
const SHOWN_LINES = { first: 100 * LINES_PER_DOCUMENT - 1, last: 102 * LINES_PER_DOCUMENT - 2 };
const inShown = (d: Diagnostic): boolean => d.range.start.line >= SHOWN_LINES.first && d.range.start.line <= SHOWN_LINES.last;
const never = { cancelled: false };

function setup(extra: Partial<LintJobDeps> = {}) {
  const docs = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  const visible = new VisibleRanges();
  const linter = new DocumentLinter({
    documents: docs,
    settings: new SettingsStore({ fetch: () => Promise.resolve({ maxDiagnosticsPerFile: 0 }), warn: () => undefined }),
    converter: new DiagnosticConverter('/ext'),
    publish: (p) => published.push(p),
    createCache: () => new DocumentCache(),
    visible,
    ...extra,
  });
  const open = (version: number, text: string) => docs.set(URI, TextDocument.create(URI, 'yaml', version, text));
  return { docs, published, linter, open, visible };
}

/** Every diagnostic of the file, from a linter that knows nothing of what is shown. */
async function whole(): Promise<Diagnostic[]> {
  const { open, linter, published } = setup({ visible: undefined });
  open(1, TEXT);
  await linter.run(URI, never);
  assert.equal(published.length, 1);
  return published[0]!.diagnostics;
}

test('on open, the shown documents are published first (their findings exactly), then the whole file', async () => {
  const all = await whole();
  const { open, linter, published, visible } = setup();
  open(1, TEXT);
  visible.set({ uri: URI, ranges: [SHOWN] });
  await linter.run(URI, never);
  assert.equal(published.length, 2);
  const [first, rest] = published as [PublishDiagnosticsParams, PublishDiagnosticsParams];
  assert.equal(first.version, 1);
  assert.ok(first.diagnostics.length > 0, 'document 100 is privileged');
  assert.deepEqual(first.diagnostics, all.filter(inShown));
  assert.deepEqual(rest.diagnostics, all);
});

test('without the notification, or with nothing shown, one publication as before', async () => {
  const all = await whole();
  const { open, linter, published, visible } = setup();
  open(1, TEXT);
  await linter.run(URI, never);
  assert.deepEqual(published.map((p) => p.diagnostics), [all]);
  visible.set({ uri: URI, ranges: [] });
  open(2, TEXT);
  linter.reset();
  await linter.run(URI, never);
  assert.equal(published.length, 2);
});

test('an edit of one document is published once; a settings change (everything to lint again) publishes the shown first', async () => {
  const { open, linter, published, visible } = setup();
  open(1, TEXT);
  visible.set({ uri: URI, ranges: [SHOWN] });
  await linter.run(URI, never);
  published.length = 0;
  open(2, TEXT.replace('name: app-100\n', 'name: app-100x\n'));
  await linter.run(URI, never);
  assert.equal(published.length, 1, 'one changed document: no look-ahead');
  // An edit that changes more documents than VISIBLE_FIRST_MIN_MISSES: the shown first.
  published.length = 0;
  let many = TEXT;
  for (let i = 0; i <= VISIBLE_FIRST_MIN_MISSES + 1; i++) many = many.replace(`namespace: shop\n`, `namespace: shop-${i}\n`);
  open(3, many);
  await linter.run(URI, never);
  assert.equal(published.length, 2);
  assert.ok(published[0]!.diagnostics.every(inShown));
  published.length = 0;
  linter.reset();
  await linter.run(URI, never);
  assert.equal(published.length, 2);
  assert.ok(published[0]!.diagnostics.length > 0 && published[0]!.diagnostics.every(inShown));
});

test('ranges that arrive while a long lint runs are linted and published at its next yield', async () => {
  const all = await whole();
  let yields = 0;
  const { open, linter, published, visible } = setup({
    sliceMs: 0,
    yieldToEvents: async () => {
      if (++yields === 3) visible.set({ uri: URI, ranges: [SHOWN] });
    },
  });
  open(1, TEXT);
  await linter.run(URI, never);
  assert.equal(published.length, 2);
  assert.deepEqual(published[0]!.diagnostics, all.filter(inShown));
  assert.deepEqual(published[1]!.diagnostics, all);
});

test("the notification's params are read as untrusted input", () => {
  const ok = { uri: URI, ranges: [SHOWN] };
  assert.deepEqual(visibleRangesParams(ok), ok);
  for (const bad of [null, 1, {}, { uri: URI }, { uri: 1, ranges: [] }, { uri: URI, ranges: [{}] }, { uri: URI, ranges: [{ start: { line: 5 }, end: { line: 2 } }] }, { uri: URI, ranges: [{ start: { line: -1 }, end: { line: 2 } }] }]) {
    assert.equal(visibleRangesParams(bad), undefined, JSON.stringify(bad));
  }
});

test('server: the first publishDiagnostics after didOpen, with shipshape/visibleRanges for the middle, holds the visible documents', async (t) => {
  assertServerBuilt();
  const server = new LspServer();
  t.after(() => server.kill());
  server.settings = { maxDiagnosticsPerFile: 0 };
  await server.initialize();
  void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
  void server.conn.sendNotification(VISIBLE_RANGES_NOTIFICATION, { uri: URI, ranges: [SHOWN] });
  const first = await server.published(URI, 'the visible documents');
  const rest = await server.published(URI, 'the whole file');
  assert.equal(first.version, 1);
  assert.ok(first.diagnostics.length > 0);
  assert.ok(first.diagnostics.every(inShown), JSON.stringify(first.diagnostics.map((d) => d.range.start.line)));
  assert.deepEqual(first.diagnostics, rest.diagnostics.filter(inShown));
  assert.ok(rest.diagnostics.length > first.diagnostics.length);
});

test('shown lines and document lines are counted as the TextDocument counts them (LF, CRLF; a lone CR: its own index)', () => {
  for (const text of ['a\nb\n\nc', 'a\r\nb\r\n\r\nc\r\n', 'x', '', 'a\rb\nc']) {
    const doc = TextDocument.create(URI, 'yaml', 1, text);
    const lines = [0, 1, 2, 3, 7];
    if (countsLines(text)) {
      assert.deepEqual(lineStarts(text, lines), lines.map((line) => doc.offsetAt({ line, character: 0 })), JSON.stringify(text));
      const offsets = [...text].map((_, i) => i).reverse();
      assert.deepEqual(linesAt(text, offsets), offsets.map((o) => doc.positionAt(o).line), JSON.stringify(text));
    } else assert.equal(text, 'a\rb\nc');
    const visible = new VisibleRanges();
    visible.set({ uri: URI, ranges: [{ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }] });
    assert.deepEqual(visible.spansOf(doc), [{ start: doc.offsetAt({ line: 1, character: 0 }), end: doc.offsetAt({ line: 2, character: 0 }), line: 1 }]);
  }
});

test('document lines counted from the shown lines (anchors) are the TextDocument\'s, before and after an anchor', () => {
  const text = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? '---' : `k${i}: ${'v'.repeat(i % 5)}`)).join('\r\n') + '\n\n';
  const doc = TextDocument.create(URI, 'yaml', 1, text);
  const anchors = [0, 57, 200, 399].map((line) => ({ offset: doc.offsetAt({ line, character: 0 }), line }));
  const offsets = [text.length, 5, 3000, 1200, 1201, 0, 2999, 1599, 4000, 80];
  const expected = offsets.map((o) => doc.positionAt(o).line);
  assert.deepEqual(linesAt(text, offsets, anchors), expected);
  assert.deepEqual(linesAt(text, offsets, anchors.slice(2, 3)), expected);
  assert.deepEqual(linesAt(text, offsets), expected);
});
