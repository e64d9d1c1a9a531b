// Issue 21, "Diagnostics where the user looks, first", warm target: the didOpen of a 14 MB file costs more to send and
// read than the 50 ms budget, so the client sends shipshape/openPreview first (the text around what the editor will
// show, cut at `---` lines, with its offset and line in the file). The server lints the documents the preview holds
// whole and publishes them in file coordinates at once; the didOpen's lint then replaces them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { DocumentCache } from '../../../server/src/engine';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter } from '../../../server/src/lsp/linting';
import { MAX_PREVIEW_CHARS, OpenPreviews, openPreviewParams as serverParams, type OpenPreviewDeps } from '../../../server/src/lsp/open-preview';
import { SettingsStore } from '../../../server/src/lsp/settings';
import { VisibleRanges } from '../../../server/src/lsp/visible-ranges';
import { answeredOrTimeout, FIRST_SCREEN_LINES, OpenHolds, openPreviewParams, PREVIEW_MAX_CHARS, PREVIEW_MIN_FILE_CHARS, stringPreviewSource } from '../../../shared/lsp/open-preview';
import { OPEN_PREVIEW_REQUEST, VISIBLE_RANGES_NOTIFICATION, type OpenPreviewParams } from '../../../shared/lsp/protocol';
import { LINES_PER_DOCUMENT, manyDocuments } from '../../helpers/many-documents';
import { CASES, textOf } from '../hostile/inputs';
import { assertServerBuilt, LspServer } from './lsp-harness';

const URI = 'file:///w/large.yaml';
const TEXT = manyDocuments(200);
/** Lines 2000-2030: documents 100 and 101 (document i holds lines 20i-1 .. 20i+18, its `---` first). */
const SHOWN = { start: { line: 100 * LINES_PER_DOCUMENT, character: 0 }, end: { line: 100 * LINES_PER_DOCUMENT + 30, character: 0 } };
const inLines = (first: number, last: number) => (d: Diagnostic) => d.range.start.line >= first && d.range.start.line <= last;
const inShown = inLines(100 * LINES_PER_DOCUMENT - 1, 102 * LINES_PER_DOCUMENT - 2);
const SETTINGS = { maxDiagnosticsPerFile: 0 };

/** What the client sends for TEXT opened at `ranges`. */
function preview(ranges = [SHOWN], text = TEXT, settings: unknown = SETTINGS): OpenPreviewParams {
  const p = openPreviewParams(stringPreviewSource(URI, 'yaml', 1, text), ranges, settings, 0);
  assert.ok(p);
  return p;
}

function setup(extra: Partial<OpenPreviewDeps> = {}) {
  const docs = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  const visible = new VisibleRanges();
  const converter = new DiagnosticConverter('/ext');
  const settings = new SettingsStore({ fetch: () => Promise.resolve(SETTINGS), warn: () => undefined });
  const linter = new DocumentLinter({ documents: docs, settings, converter, publish: (p) => published.push(p), createCache: () => new DocumentCache(), visible });
  const previews = new OpenPreviews({ documents: docs, settings, cacheFor: (uri) => linter.cacheFor(uri), forget: (uri) => linter.forget(uri), visible, converter, publish: (p) => published.push(p), ...extra });
  return { docs, published, linter, previews, visible };
}

/** Every diagnostic of `text`, from the linter alone. */
async function whole(text = TEXT): Promise<Diagnostic[]> {
  const { docs, linter, published } = setup();
  docs.set(URI, TextDocument.create(URI, 'yaml', 1, text));
  await linter.run(URI, { cancelled: false });
  return published.at(-1)!.diagnostics;
}

test('the client cuts the window at `---` lines around the shown ones, with its offset and line in the file', () => {
  const p = preview();
  assert.equal(p.textDocument.version, 1);
  assert.equal(p.length, TEXT.length);
  assert.equal(TEXT.slice(p.offset, p.offset + p.text.length), p.text);
  assert.equal(TEXT.slice(0, p.offset).split('\n').length - 1, p.line, 'line is the line of offset');
  assert.ok(p.text.startsWith('---\n') && p.text.endsWith('\n'));
  // Two documents on each side of the shown ones: documents 98 to 103.
  assert.equal(p.line, 98 * LINES_PER_DOCUMENT - 1);
  assert.equal(p.line + p.text.split('\n').length - 1, 104 * LINES_PER_DOCUMENT - 1);
  // Nothing shown yet: the first screen, from the file's start.
  const top = openPreviewParams(stringPreviewSource(URI, 'yaml', 1, TEXT), undefined, undefined, 0);
  assert.equal(top?.offset, 0);
  assert.deepEqual(top?.ranges, [{ start: { line: 0, character: 0 }, end: { line: FIRST_SCREEN_LINES - 1, character: 0 } }]);
  // Not YAML, or one huge document: no preview.
  assert.equal(openPreviewParams(stringPreviewSource(URI, 'json', 1, TEXT), [], undefined, 0), undefined);
  assert.equal(openPreviewParams(stringPreviewSource(URI, 'yaml', 1, 'k: v\n'.repeat(PREVIEW_MAX_CHARS / 4)), [], undefined, 0), undefined);
  // A small file: its didOpen is cheap, no preview. A large one (the 10,000 documents): a preview of a few.
  assert.ok(TEXT.length < PREVIEW_MIN_FILE_CHARS);
  assert.equal(openPreviewParams(stringPreviewSource(URI, 'yaml', 1, TEXT)), undefined);
  const large = manyDocuments(10_000);
  const p10k = openPreviewParams(stringPreviewSource(URI, 'yaml', 1, large), [SHOWN]);
  assert.ok(p10k && p10k.text.length < 4 * 1024 && p10k.length === large.length);
});

test("the client holds a didOpen until its preview is answered, at most the wait; the document's other messages follow it, and edits the didOpen carries are not sent again", async () => {
  const sent: string[] = [];
  const holds = new OpenHolds();
  let answer!: () => void;
  const answered = new Promise<void>((r) => (answer = r));
  let version = 1;
  const opened = holds.hold(URI, answered, async () => void sent.push(`didOpen v${version}`), () => version, 10_000);
  const save = holds.held(URI)!.then(() => sent.push('didSave'));
  // Edits while the didOpen is held: it will carry their text, so their didChanges are not sent.
  version = 2;
  const edit2 = holds.changeHeld(URI, 2)!;
  version = 3;
  const edit3 = holds.changeHeld(URI, 3)!;
  assert.equal(holds.held('file:///other.yaml'), undefined, 'another document is not held');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(sent.length, 0, 'held until answered');
  answer();
  await opened;
  await save;
  assert.deepEqual([...sent], ['didOpen v3', 'didSave']);
  assert.deepEqual([await edit2, await edit3], [false, false], 'the didOpen has edits 2 and 3');
  assert.equal(holds.held(URI), undefined, 'released');
  assert.equal(holds.changeHeld(URI, 4), undefined, 'after it, an edit goes out at once');
  // No answer (a slow or old server): the didOpen goes out after the wait; a failed request too.
  const t0 = performance.now();
  await holds.hold(URI, new Promise(() => undefined), async () => void sent.push('late didOpen'), () => 1, 30);
  assert.ok(performance.now() - t0 >= 25);
  await holds.hold(URI, Promise.reject(new Error('no server')), async () => void sent.push('didOpen after a failure'), () => 1, 10_000);
  // An edit after the didOpen's text was read, before it went out: sent.
  let release!: () => void;
  const slow = holds.hold(URI, Promise.resolve(), () => new Promise<void>((r) => (release = r)), () => 5, 10_000);
  await new Promise((r) => setTimeout(r, 5));
  const edit6 = holds.changeHeld(URI, 6)!;
  release();
  await slow;
  assert.equal(await edit6, true);
  assert.deepEqual(sent.slice(2), ['late didOpen', 'didOpen after a failure']);
  assert.equal(await Promise.race([answeredOrTimeout(new Promise(() => undefined), 5).then(() => 'timeout'), new Promise((r) => setTimeout(() => r('hung'), 500))]), 'timeout');
});

test('the preview publishes the shown documents, in file coordinates, as the whole lint finds them', async () => {
  const all = await whole();
  const { previews, published, visible, docs } = setup();
  assert.equal(await previews.preview(preview()), true);
  assert.equal(published.length, 1);
  assert.equal(published[0]!.version, 1);
  assert.ok(published[0]!.diagnostics.length > 0, 'document 100 is privileged');
  assert.deepEqual(published[0]!.diagnostics, all.filter(inShown));
  // The ranges are the document's visible ranges for the didOpen's lint.
  docs.set(URI, TextDocument.create(URI, 'yaml', 1, TEXT));
  assert.ok(visible.spansOf(docs.get(URI)!));
});

test('the first screen, a CRLF file, a window at the end of the file, lines inside a document: positions are right', async () => {
  const lines = TEXT.split('\n').length; // 4,000: document 199 holds lines 3979 to 3998, then an empty last line
  const cases = [
    // Lines 0-59 touch documents 0 to 3 (document 3's `---` is line 59).
    { ranges: [], shown: inLines(0, 4 * LINES_PER_DOCUMENT - 2) },
    { ranges: [{ start: { line: lines - 5, character: 0 }, end: { line: lines - 1, character: 0 } }], shown: inLines(199 * LINES_PER_DOCUMENT - 1, lines) },
    // Lines inside document 102 (privileged), which starts above them.
    { ranges: [{ start: { line: 102 * LINES_PER_DOCUMENT + 10, character: 0 }, end: { line: 102 * LINES_PER_DOCUMENT + 17, character: 0 } }], shown: inLines(102 * LINES_PER_DOCUMENT - 1, 103 * LINES_PER_DOCUMENT - 2) },
  ];
  for (const text of [TEXT, TEXT.replace(/\n/g, '\r\n')]) {
    const all = await whole(text);
    for (const { ranges, shown } of cases) {
      const p = openPreviewParams(stringPreviewSource(URI, 'yaml', 1, text), ranges, SETTINGS, 0)!;
      const { previews, published } = setup();
      assert.equal(await previews.preview(p), true);
      assert.ok(published[0]!.diagnostics.length > 0);
      assert.deepEqual(published[0]!.diagnostics, all.filter(shown));
    }
  }
});

test('documents the window may cut (its first and last, unless at the file edge) are not published', async () => {
  // A window from document 99's `kind:` line to document 102's `privileged: true` line (both privileged), showing all four.
  const start = 99 * LINES_PER_DOCUMENT + 1;
  const end = 102 * LINES_PER_DOCUMENT + 17;
  const starts = [0];
  for (let i = TEXT.indexOf('\n'); i >= 0; i = TEXT.indexOf('\n', i + 1)) starts.push(i + 1);
  const p: OpenPreviewParams = {
    textDocument: { uri: URI, languageId: 'yaml', version: 1 },
    offset: starts[start]!,
    line: start,
    text: TEXT.slice(starts[start]!, starts[end]!),
    length: TEXT.length,
    ranges: [{ start: { line: start, character: 0 }, end: { line: end - 1, character: 0 } }],
    settings: SETTINGS,
  };
  const all = await whole();
  const { previews, published } = setup();
  assert.equal(await previews.preview(p), true);
  // Documents 100 and 101 only (document 99 is privileged, and cut).
  assert.deepEqual(published[0]!.diagnostics, all.filter(inShown));
});

test('a stale preview (its document is open already) is dropped; so are windows that are not plain YAML', async () => {
  const { previews, published, docs } = setup();
  docs.set(URI, TextDocument.create(URI, 'yaml', 2, TEXT));
  assert.equal(await previews.preview(preview()), false);
  docs.delete(URI);
  const p = preview();
  for (const text of [p.text.replace('kind: Deployment', 'kind: {{ .Values.kind }}'), p.text.replace('\n', '\r'), '\u0000'.repeat(100)]) {
    assert.equal(await previews.preview({ ...p, text, length: p.offset + text.length + 10 }), false, JSON.stringify(text.slice(0, 40)));
  }
  // A byte-order mark at the file's start.
  const bom = openPreviewParams(stringPreviewSource(URI, 'yaml', 1, '\uFEFF' + TEXT), [], SETTINGS, 0)!;
  assert.equal(await previews.preview(bom), false);
  assert.equal(published.length, 0);
});

test('settings: the preview\'s own, else pulled; a disabled, ignored, config or project file is not previewed', async () => {
  assert.equal(await setup().previews.preview(preview([SHOWN], TEXT, { enable: false })), false);
  const pulled = setup();
  const { settings: _omitted, ...withoutSettings } = preview();
  assert.equal(await pulled.previews.preview(withoutSettings), true);
  const configs = (ignored: boolean, config = false) => ({ isConfigDocument: () => config, resolve: (_uri: string, s: never) => ({ settings: s, ignored }) });
  assert.equal(await setup({ configs: configs(true) as never }).previews.preview(preview()), false);
  assert.equal(await setup({ configs: configs(false, true) as never }).previews.preview(preview()), false);
  assert.equal(await setup({ configs: configs(false) as never }).previews.preview(preview()), true);
  assert.equal(await setup({ project: { rootsOf: () => ['/w/kustomization.yaml'] } as never }).previews.preview(preview()), false);
});

test("what the preview linted is in the document's cache: the didOpen's lint does not lint it again", async () => {
  let stores = 0;
  const counting = (): DocumentCache => {
    const cache = new DocumentCache();
    const store = cache.store.bind(cache);
    cache.store = (...args) => (stores++, store(...args));
    return cache;
  };
  const { previews, docs, published } = setup();
  const linter = new DocumentLinter({ documents: docs, settings: new SettingsStore({ fetch: () => Promise.resolve(SETTINGS), warn: () => undefined }), converter: new DiagnosticConverter('/ext'), publish: (p) => published.push(p), createCache: counting });
  const ahead = new OpenPreviews({ documents: docs, settings: new SettingsStore({ fetch: () => Promise.resolve(SETTINGS), warn: () => undefined }), cacheFor: (uri) => linter.cacheFor(uri), forget: (uri) => linter.forget(uri), visible: new VisibleRanges(), converter: new DiagnosticConverter('/ext'), publish: (p) => published.push(p) });
  assert.equal(await ahead.preview(preview()), true);
  assert.equal(stores, 2, 'documents 100 and 101');
  docs.set(URI, TextDocument.create(URI, 'yaml', 1, TEXT));
  ahead.opened(URI);
  await linter.run(URI, { cancelled: false });
  assert.equal(stores, 200, 'the other 198 documents');
  assert.deepEqual(published.at(-1)!.diagnostics, await whole());
  void previews;
});

test('previews whose didOpen never comes do not keep their caches: at most a few are kept', async () => {
  const forgotten: string[] = [];
  const { previews, linter } = setup({ forget: (uri) => forgotten.push(uri) });
  const p = preview();
  for (let i = 0; i < 6; i++) {
    const uri = `file:///w/never-${i}.yaml`;
    assert.equal(await previews.preview({ ...p, textDocument: { ...p.textDocument, uri } }), true);
  }
  assert.deepEqual(forgotten, ['file:///w/never-0.yaml', 'file:///w/never-1.yaml']);
  // An opened one is the linter's: never dropped by the previews.
  previews.opened('file:///w/never-2.yaml');
  for (const i of [6, 7]) await previews.preview({ ...p, textDocument: { ...p.textDocument, uri: `file:///w/never-${i}.yaml` } });
  assert.deepEqual(forgotten.slice(2), ['file:///w/never-3.yaml']);
  void linter;
});

test("the preview's params are read as untrusted input; hostile ones are dropped without a throw", async () => {
  const p = preview();
  assert.deepEqual(serverParams(p), p);
  const hostile: unknown[] = [
    null,
    42,
    'x',
    {},
    { ...p, textDocument: null },
    { ...p, textDocument: { uri: 1, languageId: 'yaml', version: 1 } },
    { ...p, textDocument: { uri: URI, languageId: 'yaml', version: 1.5 } },
    { ...p, offset: -1 },
    { ...p, offset: Number.NaN },
    { ...p, line: '3' },
    { ...p, text: 7 },
    { ...p, length: p.offset + p.text.length - 1 },
    { ...p, ranges: 'all' },
    { ...p, ranges: [{ start: { line: 9 }, end: { line: 2 } }] },
    { ...p, text: 'a: b\n'.repeat(MAX_PREVIEW_CHARS / 5 + 1), length: Number.MAX_SAFE_INTEGER },
  ];
  const { previews, published } = setup();
  for (const bad of hostile) {
    assert.equal(serverParams(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    assert.equal(await previews.preview(bad), false);
  }
  // Ranges out of the window or the file: nothing shown in it, nothing published; no throw.
  for (const line of [0, 10 ** 9]) {
    assert.equal(await previews.preview({ ...p, ranges: [{ start: { line, character: 0 }, end: { line: line + 3, character: 0 } }] }), false);
  }
  // Settings of any shape are read as the client's configuration answer is.
  assert.equal(await previews.preview({ ...p, settings: { rules: 'all', maxDiagnosticsPerFile: -4, enable: 'yes' } }), true);
  assert.equal(published.length, 1);
});

test("the issue's hostile inputs as a preview's window (its first 512 K characters): no throw, no hang", async () => {
  const { previews } = setup();
  for (const c of CASES.filter((k) => k.kind === 'yaml' && !k.engineOnly)) {
    const text = textOf(c).slice(0, 512 * 1024);
    const lines = text.split('\n').length;
    const p = { textDocument: { uri: `file:///w/${c.file}`, languageId: 'yaml', version: 1 }, offset: 0, line: 0, text, length: text.length, ranges: [{ start: { line: 0, character: 0 }, end: { line: Math.min(lines, 60), character: 0 } }], settings: SETTINGS };
    const t0 = performance.now();
    assert.equal(typeof (await previews.preview(p)), 'boolean', c.name);
    assert.ok(performance.now() - t0 < 60_000, c.name);
  }
});

for (const transport of ['stdio', 'ipc'] as const) {
  test(`server (${transport}): the preview is answered after its publication; the first publishDiagnostics holds the shown documents before the didOpen is linted`, async (t) => {
    assertServerBuilt();
    const server = new LspServer(transport);
    t.after(() => server.kill());
    server.settings = SETTINGS;
    await server.initialize();
    // Settings pulls wait: the didOpen's lint cannot publish; the preview carries its settings.
    let release!: () => void;
    server.gate = new Promise((r) => (release = r));
    // Hostile previews first: wrong types, ranges out of bounds, a text longer than the server takes. None publishes.
    const p = preview();
    for (const bad of [{ nonsense: true }, [], { ...p, offset: 'x' }, { ...p, ranges: [{ start: { line: 1e12 }, end: { line: 1e12 + 1 } }] }, { ...p, text: 'a: b\n'.repeat(MAX_PREVIEW_CHARS / 4), length: 1e9 }]) {
      assert.equal(await server.conn.sendRequest(OPEN_PREVIEW_REQUEST, bad), null);
    }
    assert.equal(server.allPublished.length, 0);
    assert.equal(await server.conn.sendRequest(OPEN_PREVIEW_REQUEST, p), null);
    assert.equal(server.unconsumed(URI).length, 1, 'published before the answer');
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    void server.conn.sendNotification(VISIBLE_RANGES_NOTIFICATION, { uri: URI, ranges: [SHOWN] });
    const first = await server.published(URI, 'the preview');
    assert.equal(first.version, 1);
    assert.ok(first.diagnostics.length > 0 && first.diagnostics.every(inShown));
    release();
    server.gate = undefined;
    const shown = await server.published(URI, 'the visible documents, from the didOpen');
    const rest = await server.published(URI, 'the whole file');
    assert.deepEqual(first.diagnostics, shown.diagnostics);
    assert.deepEqual(first.diagnostics, rest.diagnostics.filter(inShown));
    assert.ok(rest.diagnostics.length > first.diagnostics.length);
  });
}
