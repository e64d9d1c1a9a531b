// The fast paths of Dockerfile linting (issue 10: 2,000-line Dockerfiles): the rewritten dockerfile-ast argument scan
// and parser loop (parse/dockerfile-ast-perf.ts), logical lines sharing one offset array, shell words whose offsets
// and spans are worked out on demand, the RUN commands listed once per view. Each must give what the straightforward
// version gives, on hand-picked and on generated (seeded) Dockerfiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { libraryScan, scanRawArguments } from '../../../server/src/engine/parse/dockerfile-ast-perf';
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

test('the argument scan gives what the library scan gives: values and ranges', () => {
  assert.ok(libraryScan.rawArguments, 'the library scan was not recorded');
  let instructions = 0;
  for (const text of [...HAND_PICKED, ...generated(2000, 1)]) {
    const check = (ins: unknown) => {
      const expected = libraryScan.rawArguments!.call(ins as never).map((a) => [a.getValue(), a.getRange()]);
      const actual = scanRawArguments.call(ins as never).map((a) => [a.getValue(), a.getRange()]);
      assert.deepEqual(actual, expected, JSON.stringify(text));
      instructions++;
    };
    for (const ins of DockerfileParser.parse(text).getInstructions()) {
      check(ins);
      const trigger = (ins as { getTriggerInstruction?: () => unknown }).getTriggerInstruction?.();
      if (trigger) check(trigger);
    }
  }
  assert.ok(instructions > 5000);
});

/** A digest of what dockerfile-ast returns for each text, computed in a child process with or without the patch. */
const DIGEST = `
const { DockerfileParser } = require('dockerfile-ast');
const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const J = (f) => { try { return JSON.stringify(f()); } catch (e) { return 'throws ' + e.message; } };
const h = require('node:crypto').createHash('sha256');
for (const t of texts) {
  const df = DockerfileParser.parse(t);
  h.update(J(() => [df.getEscapeCharacter(), df.getDirectives().map((d) => [d.getName(), d.getValue(), d.getRange()]), df.getComments().map((c) => c.getRange())]));
  for (const ins of df.getInstructions()) {
    h.update(J(() => [ins.getKeyword(), ins.getRange(), ins.getInstructionRange(), ins.getArgumentsRange(), ins.getRawArgumentsContent(),
      ins.getArguments().map((a) => [a.getValue(), a.getRange()]),
      ins.getFlags ? ins.getFlags().map((f) => [f.getName(), f.getValue(), f.getRange(), f.getValueRange()]) : null,
      ins.getJSONStrings ? ins.getJSONStrings().map((j) => [j.getValue(), j.getRange()]) : null,
      ins.getProperties ? ins.getProperties().map((p) => [p.getName(), p.getValue(), p.getRange()]) : null,
      ins.getHeredocs ? ins.getHeredocs().map((x) => [x.getName(), x.getContentRange()]) : null]));
  }
}
process.stdout.write(h.digest('hex'));
`;

test('the patched parser returns what the unpatched one returns (child processes)', { timeout: 120_000 }, () => {
  const texts = [...HAND_PICKED, ...generated(1500, 2)];
  const run = (code: string): string => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, input: JSON.stringify(texts), encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const unpatched = run(DIGEST);
  const patched = run(`require(${JSON.stringify(join(ROOT, 'server', 'src', 'engine', 'parse', 'dockerfile-ast-perf.ts'))});\n${DIGEST}`);
  assert.match(unpatched, /^[0-9a-f]{64}$/);
  assert.equal(patched, unpatched);
});

/** The parse of each text, without the few the library itself throws on (lintDockerfile reports those as one finding). */
function parsedTexts(texts: string[]): { text: string; parsed: ReturnType<typeof parseDockerfile> }[] {
  const out: { text: string; parsed: ReturnType<typeof parseDockerfile> }[] = [];
  for (const text of texts) {
    try {
      out.push({ text, parsed: parseDockerfile(text) });
    } catch {
      // e.g. dockerfile-ast's getHeredocs on `<<-EADD \` followed by a line break inside `$(`
    }
  }
  assert.ok(out.length > texts.length * 0.98, 'most texts parse');
  return out;
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
