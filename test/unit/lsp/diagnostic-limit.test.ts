// shipshape.maxDiagnosticsPerFile: a file with more findings than the limit publishes the limit, one of
// them a notice with the total, keeping the diagnostics nearest where the file was last edited (VS Code
// itself drops all but 1,000 per file, errors first, wherever they are).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, LineIndex, type Finding } from '../../../server/src/engine';
import { lintYamlChunks } from '../../../server/src/engine/lint';
import { yamlLintFindings } from '../../../server/src/engine/yaml-lint-result';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { DiagnosticConverter, LIMIT_NOTICE_CODE } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter } from '../../../server/src/lsp/linting';
import { SettingsStore } from '../../../server/src/lsp/settings';

/** A privileged Pod: several findings per document. */
const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n`;
const FILE = Array.from({ length: 40 }, (_, i) => pod(i)).join('---\n');
const CHUNKS = splitYamlDocuments(FILE);
const conv = new DiagnosticConverter('/ext');
const FILE_INDEX = new LineIndex(FILE);
const isNotice = (d: Diagnostic) => d.code === LIMIT_NOTICE_CODE;
/** Index of the YAML document a diagnostic lies in. */
const docOf = (d: Diagnostic) => {
  const offset = FILE_INDEX.offset(d.range.start.line, d.range.start.character);
  let i = 0;
  while (i + 1 < CHUNKS.length && CHUNKS[i + 1]!.offset <= offset) i++;
  return i;
};
const byPosition = (a: Diagnostic, b: Diagnostic) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

test('under the limit (or with 0, no limit) every diagnostic is published, without a notice', () => {
  const lint = lintYamlChunks(FILE);
  const all = conv.convertYaml(lint, FILE, 1);
  assert.ok(all.length > 100, `the fixture has many findings (${all.length})`);
  assert.deepStrictEqual(conv.convertYaml(lint, FILE, 1, { max: all.length, focus: 500 }), all);
  assert.deepStrictEqual(conv.convertYaml(lint, FILE, 1, { max: 0, focus: 500 }), all);
  assert.ok(!all.some(isNotice));
});

test('over the limit: the edited document and its nearest neighbours, in file order, then the notice with the total', () => {
  const lint = lintYamlChunks(FILE);
  const all = conv.convertYaml(lint, FILE, 1);
  const perDoc = all.length / CHUNKS.length;
  assert.equal(perDoc, Math.round(perDoc), 'every document has the same findings');
  const max = 3 * perDoc + 1; // three whole documents and the notice
  const focusDoc = 25;
  const got = conv.convertYaml(lint, FILE, 1, { max, focus: CHUNKS[focusDoc]!.offset + 30 });
  assert.equal(got.length, max);
  const notice = got[got.length - 1]!;
  assert.ok(isNotice(notice));
  assert.equal(notice.severity, 3 /* Information */);
  assert.equal(notice.source, 'shipshape');
  assert.equal(notice.data, undefined, 'no code action targets the notice');
  const focusLine = new LineIndex(FILE).position(CHUNKS[focusDoc]!.offset).line;
  assert.match(notice.message, new RegExp(`found ${all.length} problems in this file and shows the ${max - 1} nearest line ${focusLine + 1}, where it was last edited`));
  assert.match(notice.message, /shipshape\.maxDiagnosticsPerFile: /);
  const shown = got.slice(0, -1);
  assert.deepStrictEqual([...shown].sort(byPosition), shown, 'in file order');
  assert.deepStrictEqual([...new Set(shown.map(docOf))], [focusDoc - 1, focusDoc, focusDoc + 1], 'the edited document and one neighbour on each side');
  for (const d of shown) assert.ok(all.some((a) => JSON.stringify(a) === JSON.stringify(d)), 'each shown diagnostic is one of the full list, unchanged');
});

test('over the limit at the end of the file the neighbours come from before it; a part of the last document taken', () => {
  const lint = lintYamlChunks(FILE);
  const all = conv.convertYaml(lint, FILE, 1);
  const perDoc = all.length / CHUNKS.length;
  const last = CHUNKS.length - 1;
  const got = conv.convertYaml(lint, FILE, 1, { max: 2 * perDoc + 2, focus: FILE.length });
  const shown = got.slice(0, -1);
  assert.deepStrictEqual(
    shown.map(docOf),
    [last - 2, ...Array(perDoc).fill(last - 1), ...Array(perDoc).fill(last)],
    'the last two documents whole, and the first diagnostic of the one before',
  );
});

test('without an edit the first diagnostics of the file are kept; a limit of 1 publishes the notice alone', () => {
  const lint = lintYamlChunks(FILE);
  const all = conv.convertYaml(lint, FILE, 1);
  const got = conv.convertYaml(lint, FILE, 1, { max: 11 });
  assert.deepStrictEqual(got.slice(0, -1), all.slice(0, 10));
  assert.match(got[10]!.message, /shows the first 10 \(/);
  const only = conv.convertYaml(lint, FILE, 1, { max: 1 });
  assert.equal(only.length, 1);
  assert.ok(isNotice(only[0]!));
});

test('findings with file offsets (a Dockerfile, a Helm file): the ones nearest the focus offset', () => {
  const findings: Finding[] = yamlLintFindings(lintYamlChunks(FILE));
  const all = conv.convert(findings, FILE, 1);
  const focus = CHUNKS[10]!.offset;
  const got = conv.convert(findings, FILE, 1, { max: 5, focus });
  assert.equal(got.length, 5);
  const index = new LineIndex(FILE);
  const distance = (d: Diagnostic) => Math.abs(index.offset(d.range.start.line, d.range.start.character) - focus);
  const shown = got.slice(0, -1);
  const worstShown = Math.max(...shown.map(distance));
  const hidden = all.filter((d) => !shown.some((s) => JSON.stringify(s) === JSON.stringify(d)));
  assert.ok(hidden.every((d) => distance(d) >= worstShown), 'no hidden diagnostic is nearer the focus than a shown one');
  assert.deepStrictEqual([...shown].sort(byPosition), shown);
  assert.ok(isNotice(got[4]!));
});

test('the linter keeps the diagnostics around the last edited document, also across a settings change', async () => {
  const docs = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  const settings = new SettingsStore({ fetch: () => Promise.resolve({ maxDiagnosticsPerFile: 12 }), warn: () => undefined });
  const linter = new DocumentLinter({ documents: docs, settings, converter: conv, publish: (p) => published.push(p), createCache: () => new DocumentCache() });
  const uri = 'file:///w/pods.yaml';
  const run = async (version: number, text: string) => {
    docs.set(uri, TextDocument.create(uri, 'yaml', version, text));
    await linter.run(uri, { cancelled: false });
    const p = published[published.length - 1]!;
    assert.equal(p.version, version);
    return p.diagnostics;
  };
  const first = await run(1, FILE);
  assert.equal(first.length, 12);
  assert.match(first[11]!.message, /shows the first 11 /);
  assert.equal(docOf(first[0]!), 0);

  // Edit document 30: its findings are published (with VS Code's own cap they would never show).
  const edited = FILE.replace('name: p30\n', 'name: p30-renamed\n');
  const second = await run(2, edited);
  const line = new LineIndex(edited).position(splitYamlDocuments(edited)[30]!.offset).line;
  assert.match(second[11]!.message, new RegExp(`nearest line ${line + 1}, where it was last edited`));
  const docs30 = second.slice(0, -1).map((d) => new LineIndex(edited).offset(d.range.start.line, d.range.start.character)).map((o) => splitYamlDocuments(edited).findIndex((c, i, all) => c.offset <= o && (all[i + 1]?.offset ?? Infinity) > o));
  assert.ok(docs30.includes(30), `document 30 is shown (documents ${[...new Set(docs30)].join(', ')})`);
  assert.ok(docs30.every((i) => Math.abs(i - 30) <= 1));

  // The configuration changes (cache reset): nothing was edited, so the focus stays on document 30.
  settings.invalidate();
  linter.reset();
  const third = await run(3, edited);
  assert.deepStrictEqual(third.map((d) => d.message), second.map((d) => d.message));
  assert.deepStrictEqual(third.map((d) => d.range), second.map((d) => d.range));
});
