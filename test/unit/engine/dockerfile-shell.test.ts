// The RUN shell tokenizer: pipelines, quotes, escapes, substitutions, redirections, exec form; offsets; linear time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSlice, parseDockerfile } from '../../../server/src/engine/parse/dockerfile';
import { parseExecForm } from '../../../server/src/engine/parse/exec-form';
import { tokenizeShell, type ShellPipeline } from '../../../server/src/engine/parse/shell';
import { programChain, programName, runPipelines, shellScriptSource } from '../../../server/src/engine/views/dockerfile-run';

const tok = (s: string) => tokenizeShell(fileSlice(s, 0, s.length));
const argv = (ps: ShellPipeline[]) => ps.map((p) => p.map((c) => c.argv.map((w) => w.value)));

test('pipelines and simple commands', () => {
  assert.deepEqual(argv(tok('a 1 && b | c || d; e & f\ng')), [[['a', '1']], [['b'], ['c']], [['d']], [['e']], [['f']], [['g']]]);
  assert.deepEqual(argv(tok('(cd x && make) | tee log')), [[['cd', 'x']], [['make']], [['tee', 'log']]]);
  assert.deepEqual(argv(tok('a |& b')), [[['a'], ['b']]]);
});

test('quotes and escapes are removed, offsets point at the file characters', () => {
  const s = `echo 'a b' "c \\"d\\" $x" e\\ f`;
  const [[cmd]] = tok(s) as [[ShellPipeline[number]]];
  assert.deepEqual(cmd!.argv.map((w) => w.value), ['echo', 'a b', 'c "d" $x', 'e f']);
  for (const w of cmd!.argv) for (let i = 0; i < w.value.length; i++) assert.equal(s[w.offsets[i]!], w.value[i]);
  assert.equal(s.slice(cmd!.argv[2]!.span.start, cmd!.argv[2]!.span.end), '"c \\"d\\" $x"');
});

test('assignments, redirections and comments', () => {
  const [[cmd]] = tok('A=1 B="x y" cmd arg 2>&1 >/dev/null <in <<EOF # comment | sh') as [[ShellPipeline[number]]];
  assert.deepEqual(cmd!.assignments.map((w) => w.value), ['A=1', 'B=x y']);
  assert.deepEqual(cmd!.argv.map((w) => w.value), ['cmd', 'arg']);
  assert.deepEqual(cmd!.redirects.map((r) => [r.op, r.target?.value]), [['>&', '1'], ['>', '/dev/null'], ['<', 'in'], ['<<', 'EOF']]);
  assert.deepEqual(argv(tok('echo a#b')), [[['echo', 'a#b']]]);
});

test('substitutions stay in the word and are recorded as commands', () => {
  const [[cmd]] = tok('sh -c "$(curl -s x | tr a b)" `id` <(wget y) ${V:-z}') as [[ShellPipeline[number]]];
  assert.deepEqual(cmd!.argv.map((w) => w.value), ['sh', '-c', '$(curl -s x | tr a b)', '`id`', '<(wget y)', '${V:-z}']);
  assert.deepEqual(cmd!.argv.flatMap((w) => w.substitutions.map((s) => s.text)), ['curl -s x | tr a b', 'id', 'wget y']);
  assert.deepEqual(argv(tok('echo $(echo "a)b" (c)) d')), [[['echo', '$(echo "a)b" (c))', 'd']]]);
});

test('backslash-newline inside a heredoc script continues the command', () => {
  assert.deepEqual(argv(tok('apt-get install \\\n  curl\necho done')), [[['apt-get', 'install', 'curl']], [['echo', 'done']]]);
});

test('unterminated quotes and substitutions end at the end of the text', () => {
  assert.deepEqual(argv(tok('echo "abc')), [[['echo', 'abc']]]);
  assert.deepEqual(argv(tok("echo 'abc")), [[['echo', 'abc']]]);
  assert.deepEqual(argv(tok('echo $(abc')), [[['echo', '$(abc']]]);
});

test('parseExecForm: a JSON array of strings, or nothing', () => {
  const s = '[ "sh", "-c", "echo \\"hi\\" \\u0041" ]';
  const words = parseExecForm(fileSlice(s, 0, s.length))!;
  assert.deepEqual(words.map((w) => w.value), ['sh', '-c', 'echo "hi" A']);
  assert.equal(s.slice(words[0]!.span.start, words[0]!.span.end), '"sh"');
  assert.equal(s[words[2]!.offsets[0]!], 'e');
  assert.deepEqual(parseExecForm(fileSlice('[]', 0, 2)), []);
  for (const bad of ['["a",]', "['a']", '["a"] x', '["a" "b"]', 'echo [', '["a\\x"]', '["a']) {
    assert.equal(parseExecForm(fileSlice(bad, 0, bad.length)), undefined, bad);
  }
});

test('programChain sees through wrappers and shell keywords', () => {
  const chain = (s: string) => programChain(tok(s)[0]![0]!).map((w) => programName(w));
  assert.deepEqual(chain('sudo -u app -E env X=1 /bin/bash -c x'), ['sudo', 'env', 'bash']);
  assert.deepEqual(chain('then nice -n 5 make'), ['nice', 'make']);
  assert.deepEqual(chain('command -v curl'), []);
  assert.deepEqual(chain('exec gosu app server'), ['exec', 'gosu']);
});

test('shellScriptSource', () => {
  const src = (s: string) => {
    const r = shellScriptSource(tok(s)[0]![0]!.argv.slice(1));
    return r.kind === 'string' ? `string:${r.script?.value ?? ''}` : r.kind;
  };
  assert.equal(src('sh -c "echo hi"'), 'string:echo hi');
  assert.equal(src('bash -euxo pipefail -c x'), 'string:x');
  assert.equal(src('bash -o pipefail -c x'), 'string:x');
  assert.equal(src('sh'), 'stdin');
  assert.equal(src('bash -s -- a b'), 'stdin');
  assert.equal(src('bash script.sh'), 'file');
  assert.equal(src('bash --login script.sh'), 'file');
});

test('runPipelines: shell form, exec form, sh -c and heredoc scripts, RUN flags skipped', () => {
  const text = [
    'FROM a:1',
    'RUN --mount=type=cache,target=/c --network=none a && b',
    'RUN ["/bin/sh", "-c", "c | d"]',
    'RUN <<EOF',
    'e',
    'EOF',
    'RUN cat <<EOF > /f',
    'not-run',
    'EOF',
    'RUN <<EOF',
    '#!/usr/bin/env python3',
    'print(1)',
    'EOF',
  ].join('\n');
  const runs = parseDockerfile(text).instructions.filter((i) => i.keyword === 'RUN');
  assert.deepEqual(runs.map((r) => argv(runPipelines(r))), [
    [[['a']], [['b']]],
    [[['/bin/sh', '-c', 'c | d']], [['c'], ['d']]],
    [[[]], [['e']]],
    [[['cat']]],
    [[[]]],
  ]);
});

test('hostile input is answered (no backtracking blow-up)', () => {
  for (const s of ['$('.repeat(50_000), '"'.repeat(100_001), '\\'.repeat(100_000), '`'.repeat(100_001), "'".repeat(100_001), '<('.repeat(50_000), 'a|'.repeat(50_000)]) {
    assert.ok(Array.isArray(tok(s)), JSON.stringify(s.slice(0, 4)));
  }
});
