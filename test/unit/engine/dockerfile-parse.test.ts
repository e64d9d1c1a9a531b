// Dockerfile parsing: exact UTF-16 offsets, logical lines across continuations, heredocs, parser directives, CRLF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSlice, logicalLine, parseDockerfile, sourceSpan, type LogicalText } from '../../../server/src/engine/parse/dockerfile';
import type { Span } from '../../../server/src/engine/types';

const at = (text: string, s: Span) => text.slice(s.start, s.end);
/** Each character of a logical text is the file character its offset points at (continuations removed). */
function assertFaithful(text: string, t: LogicalText): void {
  for (let i = 0; i < t.text.length; i++) assert.equal(text[t.offsets[i]!], t.text[i], `char ${i} of ${JSON.stringify(t.text)}`);
}

test('instructions: keyword, spans, arguments', () => {
  const text = 'FROM alpine:3.20 AS build\nrun echo hi\n';
  const p = parseDockerfile(text);
  assert.deepEqual(p.instructions.map((i) => i.keyword), ['FROM', 'RUN']);
  assert.equal(at(text, p.instructions[1]!.keywordSpan), 'run');
  assert.equal(at(text, p.instructions[0]!.span), 'FROM alpine:3.20 AS build');
  assert.equal(p.instructions[1]!.args.text, 'echo hi');
  assert.equal(p.instructions[1]!.line, 1);
  assert.equal(p.escapeChar, '\\');
});

test('line continuations join into one logical line that maps back to the file', () => {
  const text = 'FROM a:1\nRUN apt-get update && \\\n# a comment inside\n\n    apt-get install -y \\   \n  curl\nUSER 1\n';
  const p = parseDockerfile(text);
  const run = p.instructions[1]!;
  assert.equal(run.args.text, 'apt-get update &&     apt-get install -y   curl');
  assertFaithful(text, run.args);
  const idx = run.args.text.indexOf('curl');
  assert.equal(at(text, sourceSpan(run.args, idx, idx + 4)), 'curl');
  assert.deepEqual(p.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'USER']);
});

test('a double escape at the end of a line still continues it (BuildKit)', () => {
  const p = parseDockerfile('FROM a:1\nRUN echo x\\\\\n  y\n');
  assert.equal(p.instructions[1]!.args.text, 'echo x\\  y');
});

test('the escape parser directive: backquote continues lines, backslash is literal', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n  && echo done\n';
  const p = parseDockerfile(text);
  assert.equal(p.escapeChar, '`');
  assert.deepEqual(p.directives.map((d) => [d.name, d.value]), [['escape', '`']]);
  assert.equal(p.instructions[1]!.args.text, 'dir C:\\   && echo done');
  assertFaithful(text, p.instructions[1]!.args);
});

test('CRLF and lone CR line breaks', () => {
  const crlf = 'FROM a:1\r\nRUN x \\\r\n  y\r\nUSER root\r\n';
  const p = parseDockerfile(crlf);
  assert.equal(p.instructions[1]!.args.text, 'x   y');
  assert.equal(at(crlf, p.instructions[2]!.span), 'USER root');
  const cr = 'FROM a:1\rUSER root\r';
  assert.equal(at(cr, parseDockerfile(cr).instructions[1]!.span), 'USER root');
});

test('UTF-16 offsets after astral characters and a BOM', () => {
  const text = '\uFEFFFROM a:1\nLABEL d="😀 é"\nUSER root\n';
  const p = parseDockerfile(text);
  assert.equal(at(text, p.instructions[0]!.keywordSpan), 'FROM');
  assert.equal(at(text, p.instructions[2]!.span), 'USER root');
  const env = parseDockerfile('FROM a:1\nENV 😀K=v😀 B=2\n');
  assert.deepEqual(env.instructions[1]!.properties.map((x) => [x.name, x.value, x.nameSpan.end - x.nameSpan.start]), [['😀K', 'v😀', 3], ['B', '2', 1]]);
});

test('ENV and ARG properties: forms, quotes, spans', () => {
  const text = 'ARG A\nARG B=1\nFROM a:1\nENV C="two words" D=3\nENV E legacy value\n';
  const p = parseDockerfile(text);
  const props = p.instructions.flatMap((i) => i.properties.map((x) => [x.name, x.value ?? null, at(text, x.span)]));
  assert.deepEqual(props, [
    ['A', null, 'A'],
    ['B', '1', 'B=1'],
    ['C', 'two words', 'C="two words"'],
    ['D', '3', 'D=3'],
    ['E', 'legacy value', 'E legacy value'],
  ]);
});

test('heredocs: bodies with their offsets, the logical line stops at the operator line', () => {
  const text = 'FROM a:1\nRUN <<EOF bash\nset -e\necho hi\nEOF\nCOPY <<-"X" /f\n\tdata\n\tX\nUSER 1\n';
  const p = parseDockerfile(text);
  const run = p.instructions[1]!;
  assert.equal(run.args.text, '<<EOF bash');
  assert.deepEqual(run.heredocs.map((h) => [h.name, h.body?.text]), [['EOF', 'set -e\necho hi']]);
  assertFaithful(text, run.heredocs[0]!.body!);
  assert.deepEqual(p.instructions[2]!.heredocs.map((h) => h.name), ['X']);
  assert.deepEqual(p.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'COPY', 'USER']);
});

test('empty and comment-only files', () => {
  for (const text of ['', '\n\n', '# just a comment\n', '# syntax=docker/dockerfile:1\n']) {
    const p = parseDockerfile(text);
    assert.deepEqual(p.instructions, [], JSON.stringify(text));
  }
});

test('logicalLine: an escape at the very end of the file', () => {
  const text = 'RUN a \\';
  assert.equal(logicalLine(text, 3, text.length, '\\').text, 'a');
});

test('fileSlice and sourceSpan', () => {
  const t = fileSlice('abcdef', 2, 5);
  assert.equal(t.text, 'cde');
  assert.deepEqual(sourceSpan(t, 0, 3), { start: 2, end: 5 });
  assert.deepEqual(sourceSpan(t, 1, 1), { start: 3, end: 3 });
});
