// DockerfileView: stages, base images, ARG/ENV resolution, the ImageView and EnvVarView fed to shared rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/engine/parse/dockerfile';
import { DockerfileView, onbuildTrigger } from '../../../server/src/engine/views/dockerfile';
import { expandVariables } from '../../../server/src/engine/views/dockerfile-vars';

const view = (text: string) => new DockerfileView(parseDockerfile(text));

test('stages: names, platform, parent stages, scratch, labels', () => {
  const text = [
    'ARG GO=1.22',
    'FROM --platform=$BUILDPLATFORM golang:${GO} AS Build',
    'RUN go build',
    'FROM build AS test',
    'FROM scratch',
    'COPY --from=build /app /app',
  ].join('\n');
  const df = view(text);
  assert.deepEqual(df.preamble.map((i) => i.keyword), ['ARG']);
  assert.deepEqual(
    df.stages.map((s) => [s.index, s.name, s.platform, s.base?.written, s.base?.value, s.parent?.index, s.scratch, s.label, s.instructions.map((i) => i.keyword)]),
    [
      [0, 'Build', '$BUILDPLATFORM', 'golang:${GO}', 'golang:1.22', undefined, false, 'stage "Build"', ['RUN']],
      [1, 'test', undefined, 'build', 'build', 0, false, 'stage "test"', []],
      [2, undefined, undefined, 'scratch', 'scratch', undefined, true, 'stage 2', ['COPY']],
    ],
  );
  assert.equal(df.finalStage?.index, 2);
  assert.equal(df.imageLabel, 'The final stage (stage 2)');
  assert.deepEqual(df.lineage(df.stages[1]!).map((s) => s.index), [1, 0]);
  assert.equal(text.slice(df.stages[0]!.nameSpan!.start, df.stages[0]!.nameSpan!.end), 'Build');
});

test('images(): only pulled images, resolved, with the token as span', () => {
  const text = 'ARG BASE=node:20\nARG NOPE\nFROM ${BASE} AS a\nFROM a\nFROM scratch\nFROM ${NOPE}\nFROM python:3.12 AS b\n';
  const images = view(text).images();
  assert.deepEqual(images.map((i) => [i.value, text.slice(i.span.start, i.span.end), i.owner]), [
    ['node:20', '${BASE}', 'Stage "a"'],
    ['python:3.12', 'python:3.12', 'Stage "b"'],
  ]);
});

test('envVars(): ENV and ARG everywhere, with owners and spans', () => {
  const text = 'ARG G=1\nFROM a:1 AS build\nENV A=x B\nARG C\nFROM b:1\nENV D=y\n';
  const env = view(text).envVars();
  assert.deepEqual(env.map((e) => [e.name, e.value, e.owner, text.slice(e.nameSpan.start, e.nameSpan.end)]), [
    ['G', '1', 'ARG before the first FROM', 'G'],
    ['A', 'x', 'ENV in stage "build"', 'A'],
    ['B', undefined, 'ENV in stage "build"', 'B'],
    ['C', undefined, 'ARG in stage "build"', 'C'],
    ['D', 'y', 'ENV in stage 1', 'D'],
  ]);
});

test('resolve(): global ARGs re-imported, stage ARG and ENV in order, ENV inherited from the parent stage', () => {
  const text = [
    'ARG USER=root',
    'ARG OTHER=x',
    'FROM a:1 AS base',
    'ARG USER',
    'USER $USER',
    'ENV HOME_DIR=/home/${USER}',
    'USER $OTHER',
    'FROM base',
    'USER ${HOME_DIR}',
    'ARG LATE=1',
  ].join('\n');
  const df = view(text);
  const users = df.instructions.filter((i) => i.keyword === 'USER');
  assert.deepEqual(users.map((u) => df.resolve(u.args.text, u)), ['root', undefined, '/home/root']);
  const from = df.instructions[2]!;
  assert.equal(df.resolve('$OTHER', from), 'x', 'FROM sees the global ARGs');
  assert.equal(df.resolve('$LATE', users[2]!), undefined, 'an ARG defined later does not apply');
});

test('onbuildTrigger', () => {
  const text = 'FROM a:1\nONBUILD RUN sudo make\nONBUILD\nRUN x\n';
  const df = view(text);
  const trigger = onbuildTrigger(df.instructions[1]!)!;
  assert.equal(trigger.keyword, 'RUN');
  assert.equal(trigger.args.text, 'sudo make');
  assert.equal(text.slice(trigger.keywordSpan.start, trigger.keywordSpan.end), 'RUN');
  assert.equal(onbuildTrigger(df.instructions[3]!), undefined);
  // One trigger object per instruction of a view (the rules of one file share it), none kept by the module.
  assert.equal(df.trigger(df.instructions[1]!), df.trigger(df.instructions[1]!));
  assert.deepEqual(df.trigger(df.instructions[1]!), trigger);
  assert.notEqual(view(text).trigger(df.instructions[1]!), df.trigger(df.instructions[1]!));
  assert.equal(df.trigger(df.instructions[3]!), undefined);
  assert.equal(df.args(df.instructions[1]!), df.args(df.instructions[1]!));
});

test('exposedPorts(): the final image lineage, resolved', () => {
  const df = view('FROM a:1 AS x\nEXPOSE 1\nFROM b:1 AS y\nEXPOSE 2\nFROM y\nARG P=3\nEXPOSE $P 4/udp $Q\n');
  assert.deepEqual(df.exposedPorts().map((p) => [p.written, p.value]), [['2', '2'], ['$P', '3'], ['4/udp', '4/udp'], ['$Q', undefined]]);
  assert.deepEqual(view('').exposedPorts(), []);
});

test('expandVariables', () => {
  const vars: Record<string, string> = { A: 'a', E: '' };
  const lookup = (n: string) => vars[n];
  const cases: [string, string | undefined][] = [
    ['x$A', 'xa'], ['${A}b', 'ab'], ['$A_b', undefined], ['${A}_b', 'a_b'],
    ['${U:-d}', 'd'], ['${E:-d}', 'd'], ['${E-d}', ''], ['${U-d}', 'd'],
    ['${A:+y}', 'y'], ['${U:+y}', ''], ['${E+y}', 'y'],
    ['${U:-${A}}', 'a'], ['${U:-${V:-z}}', 'z'],
    ['$U', undefined], ['${U}', undefined], ['${A:?err}', undefined], ['${A', undefined],
    ['\\$A', '$A'], ['$', '$'], ['$1', '$1'], ['a$-b', 'a$-b'],
  ];
  for (const [input, want] of cases) assert.equal(expandVariables(input, lookup), want, input);
  assert.equal(expandVariables('`$A', lookup, '`'), '$A');
  const deep = '${U:-'.repeat(20) + 'z' + '}'.repeat(20);
  assert.equal(expandVariables(deep, lookup), undefined, 'nesting is limited');
});
