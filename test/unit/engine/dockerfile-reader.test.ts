// The Dockerfile reader (parse/dockerfile-reader.ts and its modules) reads every text as dockerfile-ast 0.7.1 does,
// in offsets: it replaced that library (whose prototypes the engine used to patch for speed) without moving a finding.
// The library stays a devDependency, pinned exactly, as the oracle these tests compare the reader with: directives,
// escape character, instruction ranges and keywords, arguments, heredocs and ENV/ARG properties, on hand-picked,
// generated and example Dockerfiles. Then the fast paths on top of the reader (issue 10: 2,000-line Dockerfiles):
// logical lines sharing one offset array, shell words whose offsets and spans are worked out on demand, the RUN
// commands listed once per view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, Instruction, type Argument } from 'dockerfile-ast';
import { DockerText, rawArguments, type ReadInstruction } from '../../../server/src/engine/parse/dockerfile-args';
import { readHeredocs } from '../../../server/src/engine/parse/dockerfile-heredocs';
import { readProperties } from '../../../server/src/engine/parse/dockerfile-properties';
import { readDockerfile } from '../../../server/src/engine/parse/dockerfile-reader';
import { lintDockerfile } from '../../../server/src/engine/lint-dockerfile';
import { fileSlice, logicalLine, parseDockerfile, type LogicalText } from '../../../server/src/engine/parse/dockerfile';
import { tokenizeShell, type ShellPipeline, type ShellWord } from '../../../server/src/engine/parse/shell';
import { argsAfterFlags, DockerfileView, splitArgs } from '../../../server/src/engine/views/dockerfile';
import { programChain, programName, runPipelines } from '../../../server/src/engine/views/dockerfile-run';
import { runCommandsOf, runPipelinesOf } from '../../../server/src/engine/rules/dockerfile/shared';
import { DocumentViews } from '../../../server/src/engine/views/view-set';

const ROOT = join(__dirname, '..', '..', '..');

/** Pieces that exercise the parser's corners: escapes before blanks and line ends, CR, comments, heredocs, JSON, flags. */
const ATOMS = [
  '\\', '\\\n', '\\ \n', '\\\r\n', '\\ \r', '\\\r', '\\ ', '\\ x', '\\\t\n', '`', '`\n', '` \n', '"', "'", '$', '\\$', '`$',
  '\n', '\r\n', '\r', ' ', '\t', '#', '# c\n', '\n#', ' #', '[', ']', ',', '"a"', '--', '--mount=type=cache', '--a', '=',
  'RUN ', 'FROM ', 'ENV ', 'ARG ', 'ADD ', 'COPY ', 'ONBUILD ', 'ONBUILD RUN ', 'CMD ', 'HEALTHCHECK ', 'LABEL ', 'run ',
  'x', 'y z', '\u00a0', '\u{1F600}', '\ufeff', '# escape=`\n', '# escape=\\\n', '<<EOF', 'EOF\n', '<<-E', 'E\n', 'a=b',
  'sh -c "', '$(', ')', '|', '&&', ';', '2>&1', "'a b'", 'curl -fsSL u | sh',
];

/** Deterministic pseudo-random Dockerfiles (a fixed seed: the same texts on every run). */
function generated(count: number, seed: number): string[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = next() < 0.5 ? 'FROM a\nRUN ' : '';
    const n = 1 + Math.floor(next() * 40);
    for (let i = 0; i < n; i++) t += ATOMS[Math.floor(next() * ATOMS.length)];
    out.push(t);
  }
  return out;
}

const HAND_PICKED = [
  'FROM alpine\nRUN set -eux; \\\n    apt-get update; \\\n  # comment\n\n    apt-get install -y curl=1.2 \\  \n    && rm -rf /var/lib/apt/lists/*\n',
  'FROM a\r\nRUN echo a \\\r\n  b\r\nCMD ["x", "y"]\r\n',
  'FROM a\rRUN a \\\rb\rENV A=1\r',
  '# escape=`\nFROM a\nRUN echo a `\n  && echo \\b `  \n  c\nCOPY --from=x `\n  a b\n',
  'FROM a\nRUN echo a\\\\\nRUN echo \\$HOME \\x\nRUN a \\ b \\\n',
  'FROM a\nRUN <<EOF bash\necho hi\nEOF\nCOPY <<-X /a\n\tdata\n\tX\nONBUILD RUN <<Y\ny\nY\n',
  'FROM a\nONBUILD RUN --mount=type=cache,target=/c echo hi\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\n',
  'FROM a\nENV A=1 B="2 3" \\\n  C=4\nARG X=${A:-b}\nLABEL a=b c="d"\nSHELL ["/bin/sh", "-c"]\nVOLUME /a /b\nCMD []\nENTRYPOINT [ ]\n',
  'FROM a\nRUN x \\', 'FROM a\nRUN x \\ ', 'RUN', 'RUN ', 'RUN \\\n', '\ufeffFROM a\nRUN \u{1F600} b\n',
];
function dockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' ? [] : dockerfiles(p);
    return /^(?:Dockerfile|Containerfile)|\.dockerfile$/i.test(n) ? [p] : [];
  });
}

/** BuildKit-era corners: flags, heredocs (tabbed, quoted, several, in ONBUILD), ENV forms, CRLF, the backtick escape. */
const SNIPPETS = [
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npm --network=none go build ./...\n',
  'FROM a\nCOPY --from=build --chown=1:1 --chmod=755 /out /app\nADD --checksum=sha256:00 --keep-git-dir=true https://x/y.git /src\n',
  'FROM a\nRUN --a \\\n  --b=1 \\\n  # comment\n  --c x y \\\n  z\nCMD [] \nENTRYPOINT [ ]\nSHELL ["/bin/sh", "-c"]\n',
  'FROM a\nRUN <<EOF1 <<-"EOF2" cat\none\nEOF1\n\ttwo\n\tEOF2\nCOPY <<\'X\' /x\nbody\nX\nRUN <<EOF\nnever closed\n',
  'FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nENV A="1 \\\r\n  2" B=\'x\' \\\r\n  # c\r\n  C=${D:-e f}\r\n',
  'FROM a\nENV K v w  x\nENV K2 "v w"\nARG A\nARG B=\nENV "Q"="r" S\\ T=u\nENV \\\n  LATE=1\nLABEL a=b c="d"\n',
  '# escape=`\nFROM a\nRUN echo a `\n  && echo b\nCOPY --from=x `\n  a b\nENV P=C:\\dir Q="a`"b"\n',
  '#syntax=docker/dockerfile:1\n#  escape = `\n\nFROM a\nRUN x`\n',
  'FROM a\nONBUILD RUN <<E\nx\nE\nONBUILD\nONBUILD COPY --from=b <<-Z /z\n\tZ\n',
];

/** An instruction's arguments before its flags are taken off (a method the library's typings keep private). */
const libraryRawArguments = (ins: Instruction): Argument[] => (ins as unknown as { getRawArguments(): Argument[] }).getRawArguments();

/** The offset of a library position (the library's positions as the engine's LineIndex turns them into offsets). */
function offsetsOf(doc: DockerText, range: { start: { line: number; character: number }; end: { line: number; character: number } } | null): [number, number] | null {
  return range && [doc.lines.offset(range.start.line, range.start.character), doc.lines.offset(range.end.line, range.end.character)];
}

/** What the library reads in a text, and what the reader reads, in the same shape. */
function both(text: string): { library: unknown; reader: unknown } {
  const read = readDockerfile(text);
  const { doc, escape } = read;
  const span = (r: Parameters<typeof offsetsOf>[1]) => offsetsOf(doc, r);
  const df = DockerfileParser.parse(text);
  const library: unknown[] = [df.getEscapeCharacter(), df.getDirectives().map((d) => [d.getName(), d.getValue(), span(d.getRange())])];
  const reader: unknown[] = [escape, read.directives.map((d) => [d.name, d.value, [d.start, d.end]])];
  const libraryInstructions = df.getInstructions();
  assert.equal(read.instructions.length, libraryInstructions.length, JSON.stringify(text));
  const heredocKeywords = new Set(['RUN', 'COPY', 'ADD']);
  libraryInstructions.forEach((ins: Instruction, i) => {
    const own: ReadInstruction = read.instructions[i]!;
    const keyword = ins.getKeyword();
    library.push([ins.getInstruction(), span(ins.getRange()), span(ins.getInstructionRange()), libraryRawArguments(ins).map((a) => [a.getValue(), span(a.getRange())])]);
    reader.push([own.word, [own.start, own.end], [own.start, own.keywordEnd], rawArguments(doc, own, escape).map((a) => [a.value, [a.start, a.end]])]);
    const trigger = (ins as { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
    if (trigger) {
      const args = rawArguments(doc, own, escape);
      const t: ReadInstruction = { word: doc.between(args[0]!.start, args[0]!.end), start: args[0]!.start, keywordEnd: args[0]!.end, end: own.end };
      library.push(libraryRawArguments(trigger).map((a) => [a.getValue(), span(a.getRange())]));
      reader.push(rawArguments(doc, t, escape).map((a) => [a.value, [a.start, a.end]]));
    }
    if (heredocKeywords.has(keyword)) {
      let heredocs: unknown;
      try {
        heredocs = (ins as unknown as { getHeredocs(): { getName(): string; getContentRange(): Parameters<typeof offsetsOf>[1] }[] }).getHeredocs().map((h) => [h.getName(), span(h.getContentRange())]);
      } catch {
        heredocs = undefined; // the library throws on a few malformed heredocs; the reader reads them (checked below)
      }
      const own = readHeredocs(doc, escape, read.instructions[i]!).map((h) => [h.name, h.content ? [h.content.start, h.content.end] : null]);
      library.push(heredocs ?? own);
      reader.push(own);
    }
    if (keyword === 'ENV' || keyword === 'ARG') {
      const properties = (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null; getNameRange(): Parameters<typeof offsetsOf>[1]; getValueRange(): Parameters<typeof offsetsOf>[1] }[] }).getProperties();
      library.push(properties.map((p) => [p.getName(), p.getValue(), span(p.getNameRange()), span(p.getValueRange())]));
      reader.push(readProperties(doc, escape, own).map((p) => [p.name, p.value, [p.nameStart, p.nameEnd], p.valueStart === undefined ? null : [p.valueStart, p.valueEnd]]));
    }
  });
  return { library, reader };
}

test('dockerfile-ast, the oracle, is pinned exactly (a devDependency only: nothing ships it)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.devDependencies['dockerfile-ast'], '0.7.1');
  assert.equal(pkg.dependencies['dockerfile-ast'], undefined);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  assert.equal(lock.packages['node_modules/dockerfile-ast'].version, '0.7.1');
  assert.equal(JSON.parse(readFileSync(join(ROOT, 'node_modules', 'dockerfile-ast', 'package.json'), 'utf8')).version, '0.7.1');
});

test('issue 17: no shipped code imports dockerfile-ast, and linting patches none of its prototypes', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(n) ? [p] : [];
    });
  const importers = ['server/src', 'client/src', 'shared'].flatMap((d) => sources(join(ROOT, d))).filter((f) => /['"]dockerfile-ast(?:\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(importers, []);
  const before = Object.getOwnPropertyNames(Instruction.prototype).map((k) => [k, (Instruction.prototype as unknown as Record<string, unknown>)[k]]);
  lintDockerfile('FROM alpine:3.20\nRUN --mount=type=cache,target=/c <<EOF\necho hi\nEOF\nENV A=1\n');
  const after = Object.getOwnPropertyNames(Instruction.prototype).map((k) => [k, (Instruction.prototype as unknown as Record<string, unknown>)[k]]);
  assert.deepEqual(after, before);
  assert.equal(Object.getOwnPropertySymbols(Instruction.prototype).length, 0);
});

test('the reader reads what dockerfile-ast reads: hand-picked corners and the examples and fixtures', () => {
  const files = [...dockerfiles(join(ROOT, 'examples')), ...dockerfiles(join(ROOT, 'test'))].map((f) => readFileSync(f, 'utf8'));
  const texts = [...HAND_PICKED, ...SNIPPETS, ...files];
  assert.ok(texts.length > 30);
  for (const text of texts) {
    const { library, reader } = both(text);
    assert.deepEqual(reader, library, JSON.stringify(text));
  }
});

test('the reader reads what dockerfile-ast reads: generated Dockerfiles', () => {
  let instructions = 0;
  for (const text of generated(3000, 1)) {
    const { library, reader } = both(text);
    assert.deepEqual(reader, library, JSON.stringify(text));
    instructions += readDockerfile(text).instructions.length;
  }
  assert.ok(instructions > 3000);
});

test('a heredoc the library threw on is read, not reported as a crash', () => {
  // An escaped line break, then `<<EOF` on a line the library's heredoc reader takes for the first one: it finds no
  // heredoc operator before that line break and reads past the end of its list (a TypeError in dockerfile-ast 0.7.1,
  // which the engine reported as "could not be checked").
  const text = 'FROM a\nRUN \\\r<<EOF\\ \n$(|#\\ \r# c\n[;\\$$\\ ';
  const run = DockerfileParser.parse(text).getInstructions()[1] as unknown as { getHeredocs(): unknown };
  assert.throws(() => run.getHeredocs(), TypeError);
  const parsed = parseDockerfile(text);
  assert.deepEqual(parsed.instructions.map((i) => i.keyword), ['FROM', 'RUN']);
  assert.ok(lintDockerfile(text).every((f) => !f.message.includes('could not be checked')));
});

/** The parse of each text (the reader throws on none). */
function parsedTexts(texts: string[]): { text: string; parsed: ReturnType<typeof parseDockerfile> }[] {
  return texts.map((text) => ({ text, parsed: parseDockerfile(text) }));
}

/** Each character of a logical text is the file character its offset points at. */
function assertFaithful(text: string, t: LogicalText, what: string): void {
  assert.equal(t.offsets.length, t.text.length, what);
  for (let i = 0; i < t.text.length; i++) assert.equal(text[t.offsets[i]!], t.text[i], `${what}: char ${i} of ${JSON.stringify(t.text)}`);
}

test('logical lines written into one shared offset array equal those with arrays of their own', () => {
  for (const { text, parsed } of parsedTexts([...HAND_PICKED, ...generated(600, 3)])) {
    parsed.instructions.forEach((ins, i) => {
      const next = i + 1 < parsed.instructions.length ? parsed.instructions[i + 1]!.span.start : text.length;
      const own = logicalLine(text, ins.keywordSpan.end, Math.max(ins.keywordSpan.end, next), parsed.escapeChar);
      assert.equal(ins.args.text, own.text, JSON.stringify(text));
      assert.deepEqual(Array.from(ins.args.offsets), Array.from(own.offsets), JSON.stringify(text));
      assertFaithful(text, ins.args, JSON.stringify(text));
    });
  }
});

/** Every word of the pipelines (and of the scripts in their substitutions): value characters at their offsets, span around them. */
function assertWords(text: string, pipelines: ShellPipeline[], what: string): void {
  const word = (w: ShellWord) => {
    assertFaithful(text, { text: w.value, offsets: w.offsets }, what);
    assert.equal(w.span, w.span, 'a span is one object');
    if (w.value.length) assert.ok(w.span.start <= w.offsets[0]! && w.offsets[w.value.length - 1]! < w.span.end, `${what}: span of ${w.value}`);
    for (const sub of w.substitutions) {
      assertFaithful(text, sub, what);
      assertWords(text, tokenizeShell(sub), what);
    }
  };
  for (const p of pipelines) for (const c of p) [...c.assignments, ...c.argv, ...c.redirects.flatMap((r) => (r.target ? [r.target] : []))].forEach(word);
}

test('shell words: offsets and spans (worked out on demand) point at their characters', () => {
  const scripts = ['echo \'a b\' "c \\"d\\" $x" e\\ f', 'sh -c "$(curl -s x | tr a b)" `id` <(wget y) ${V:-z}', 'a"b"\'c\'d\\\ne 2>&1 >f <<EOF'];
  for (const s of scripts) assertWords(s, tokenizeShell(fileSlice(s, 0, s.length)), s);
  for (const { text, parsed } of parsedTexts([...HAND_PICKED, ...generated(600, 4)])) {
    for (const ins of parsed.instructions) {
      if (ins.keyword !== 'RUN') continue;
      assertWords(text, tokenizeShell(argsAfterFlags(ins)), JSON.stringify(text));
      assertWords(text, runPipelines(ins), JSON.stringify(text));
    }
  }
});

test('argsAfterFlags is the rest splitArgs gives; the RUN commands of a view carry their program chains', () => {
  for (const { text, parsed } of parsedTexts([...HAND_PICKED, ...generated(600, 5)])) {
    for (const ins of parsed.instructions) {
      const rest = argsAfterFlags(ins);
      const split = splitArgs(ins).rest;
      assert.equal(rest.text, split.text, JSON.stringify(text));
      assert.deepEqual(Array.from(rest.offsets), Array.from(split.offsets), JSON.stringify(text));
    }
    const view = new DockerfileView(parsed);
    const views = new DocumentViews();
    const pipelines = runPipelinesOf(view, views);
    assert.equal(runPipelinesOf(view, views), pipelines, 'listed once per document');
    assert.notEqual(runPipelinesOf(view, new DocumentViews()), pipelines, 'not kept beyond the document');
    const commands = runCommandsOf(view, views);
    assert.equal(commands.length, pipelines.reduce((n, p) => n + p.pipeline.length, 0));
    for (const { command, chain } of commands) assert.deepEqual(chain.map((w) => w.value), programChain(command).map((w) => w.value));
    for (const { pipeline, chains } of pipelines) pipeline.forEach((c, i) => assert.deepEqual(chains[i], programChain(c)));
  }
  assert.equal(programName(tokenizeShell(fileSlice('/usr/bin/env x', 0, 14))[0]![0]!.argv[0]), 'env');
});
