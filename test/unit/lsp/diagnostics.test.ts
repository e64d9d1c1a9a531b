// Finding -> LSP Diagnostic: exact UTF-16 positions, severity, code, doc link, source and data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { LineIndex, type Finding } from '../../../server/src/engine';
import { DiagnosticConverter, ruleDocUri } from '../../../server/src/lsp/diagnostics';

const ROOT = join('/opt', 'ext root');

function finding(text: string, needle: string, extra: Partial<Finding> = {}): Finding {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { ruleId: 'privileged-container', severity: 'error', message: 'm', span: { start, end: start + needle.length }, ...extra };
}

test('columns count UTF-16 code units, with non-ASCII text before the span on the same line', () => {
  // "é" is one UTF-16 unit and "😀" two (one code point): counting code points would give column 10, bytes 15.
  const text = 'a: 1\n# é😀日本\nx: "😀é" # privileged: true\n';
  const f = finding(text, 'privileged: true');
  const [d] = new DiagnosticConverter(ROOT).convert([f], text, 7);
  // Line 2 is `x: "😀é" # privileged: true`: x(1) :(1) space(1) "(1) 😀(2) é(1) "(1) space(1) #(1) space(1) = 11 units.
  assert.deepEqual(d!.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 27 } });
});

test('positions agree with LineIndex over CRLF text', () => {
  const text = 'kind: Pod\r\nspec:\r\n  ü: privileged: true\r\n';
  const f = finding(text, 'privileged');
  const d = new DiagnosticConverter(ROOT).toDiagnostic(f, new LineIndex(text), 1);
  assert.deepEqual(d.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 15 } });
});

test('severity, code, source, doc link and data', () => {
  const text = 'privileged: true\n';
  const conv = new DiagnosticConverter(ROOT);
  const base = finding(text, 'true', { container: 'web', fixes: () => [{ title: 't', kind: 'fix', edits: [{ start: 12, end: 16, text: 'false' }] }] });
  const [err, warn, info] = conv.convert(
    [base, { ...base, severity: 'warning', fixes: () => [{ title: 's', kind: 'suggestion', edits: [] }] }, { ...base, severity: 'info', fixes: undefined, container: undefined }],
    text,
    3,
  );
  assert.equal(err!.severity, DiagnosticSeverity.Error);
  assert.equal(warn!.severity, DiagnosticSeverity.Warning);
  assert.equal(info!.severity, DiagnosticSeverity.Information);
  assert.equal(err!.code, 'privileged-container');
  assert.equal(err!.source, 'shipshape');
  assert.equal(err!.message, 'm');
  assert.equal(err!.codeDescription!.href, 'file:///opt/ext%20root/docs/rules/privileged-container.md');
  // No fix information: a code action finds the finding, and builds its fixes, from the server's kept lint.
  assert.deepEqual(err!.data, { ruleId: 'privileged-container', span: { start: 12, end: 16 }, version: 3, container: 'web' });
  assert.deepEqual(warn!.data, { ruleId: 'privileged-container', span: { start: 12, end: 16 }, version: 3, container: 'web' });
  assert.deepEqual(info!.data, { ruleId: 'privileged-container', span: { start: 12, end: 16 }, version: 3 });
});

test('doc links point at docs/rules/<id>.md next to dist/', () => {
  assert.equal(ruleDocUri('/x/shipshape', 'host-pid'), 'file:///x/shipshape/docs/rules/host-pid.md');
});

test('no findings: no diagnostics', () => {
  assert.deepEqual(new DiagnosticConverter(ROOT).convert([], 'a: 1\n', 1), []);
});

test('issue 16: a merged value carries relatedInformation in the document, per YAML document of the file', async () => {
  const { lintYamlChunks } = await import('../../../server/src/engine/lint');
  const { yamlLintFindings } = await import('../../../server/src/engine/yaml-lint-result');
  const compose = 'x-common: &common\n  image: busybox:1.36\n  privileged: true\nservices:\n  a:\n    <<: *common\n  b:\n    <<: *common\n';
  const text = `kind: ConfigMap\napiVersion: v1\nmetadata: {name: c}\n---\n${compose}`;
  const uri = 'file:///w/compose.yaml';
  const conv = new DiagnosticConverter(ROOT);
  const lint = lintYamlChunks(text, { fileName: 'compose.yaml' });
  const privileged = conv.convertYaml(lint, text, 1, undefined, uri).filter((d) => d.code === 'privileged-container');
  assert.deepEqual(
    privileged.map((d) => [d.range.start.line, d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.location.range.start.character])]),
    [
      [9, [[uri, 6, 2]]],
      [11, [[uri, 6, 2]]],
    ],
  );
  assert.match(privileged[0]!.relatedInformation![0]!.message, /&common/);
  // The same through the whole-file conversion; without a URI there is nothing to point at.
  const flat = conv.convert(yamlLintFindings(lint), text, 1, undefined, uri);
  assert.deepEqual(flat.filter((d) => d.code === 'privileged-container').map((d) => d.relatedInformation?.[0]?.location.range.start.line), [6, 6]);
  assert.ok(conv.convertYaml(lint, text, 1).every((d) => d.relatedInformation === undefined));
});

test('diagnostic data tells apart findings that share a << span by their related location', async () => {
  const { isFindingOf } = await import('../../../server/src/lsp/diagnostics');
  const text = 'x: &x {cap_add: [SYS_ADMIN, NET_ADMIN]}\nservices:\n  web:\n    <<: *x\n';
  const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
  const a = finding(text, '<<: *x', { related: [{ span: at('SYS_ADMIN'), message: 'm' }] });
  const b = finding(text, '<<: *x', { related: [{ span: at('NET_ADMIN'), message: 'm' }] });
  const [da, db] = new DiagnosticConverter(ROOT).convert([a, b], text, 1).map((d) => d.data as { relatedAt: number; ruleId: string; span: { start: number; end: number } });
  assert.equal(da!.relatedAt, at('SYS_ADMIN').start);
  assert.ok(isFindingOf(a, da!) && !isFindingOf(b, da!));
  assert.ok(isFindingOf(b, db!) && !isFindingOf(a, db!));
});
