// The Go template engine's bounds (untrusted templates end in a clear error, never a hang) and its values model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet, renderTemplate } from '../../../server/src/engine/helm/engine';
import { TemplateExecError } from '../../../server/src/engine/helm/limits';
import { readValues, type ValuePositions } from '../../../server/src/engine/helm/values';

function run(text: string, data: Map<string, unknown> = new Map(), limits = {}): string {
  const set = new TemplateSet();
  const err = set.addFile('t', text);
  if (err) throw err;
  return renderTemplate(set, 't', data as never, limits);
}

test('until with a huge count stops at the step budget', () => {
  const started = Date.now();
  assert.throws(() => run('{{ range until 1000000000 }}x{{ end }}'), (e: unknown) => e instanceof TemplateExecError && e.kind === 'budget');
  assert.ok(Date.now() - started < 5000);
});

test('recursive include stops at the depth limit with a clear error', () => {
  assert.throws(
    () => run('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}'),
    (e: unknown) => e instanceof TemplateExecError && /exceeded maximum template depth \(250\)/.test(e.message),
  );
  assert.throws(() => run('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}'), /exceeded maximum template depth/);
});

test('output size is bounded', () => {
  assert.throws(() => run('{{ range until 100000 }}{{ repeat 1000 "x" }}{{ end }}', new Map(), { maxOutput: 1_000_000 }), /output exceeded/);
});

test('values are read as Helm reads them: YAML 1.1 booleans, float64 numbers', () => {
  const { value } = readValues('a: yes\nb: on\nc: 1000000\nd: "yes"\n', 'values.yaml');
  assert.equal(run('{{ .a }} {{ .b }} {{ .c }} {{ .d }}', value), 'true true 1e+06 yes');
});

test('values keep their source positions in a side table', () => {
  const positions: ValuePositions = new WeakMap();
  const text = 'securityContext:\n  privileged: true\n';
  const { value } = readValues(text, 'values.yaml', positions);
  const sc = value.get('securityContext') as object;
  const at = positions.get(sc)?.entries.get('privileged');
  assert.deepEqual(at, { file: 'values.yaml', offset: text.indexOf('true') });
});

test('missing values render as nothing, nil chains fail as in Go', () => {
  assert.equal(run('[{{ .missing }}]'), '[]');
  assert.throws(() => run('{{ .a.b }}'), /nil pointer evaluating interface \{\}\.b/);
});

test('hostile nesting is a parse error, not a crash', () => {
  const set = new TemplateSet();
  const err = set.addFile('t', '{{ ' + '('.repeat(50000) + '1' + ')'.repeat(50000) + ' }}');
  assert.ok(err);
});

test('alias bombs in values and fromYaml end in an error, not an exponential expansion', () => {
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 0; i < 9; i++) bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]\n`;
  const started = Date.now();
  const r = readValues(bomb, 'values.yaml');
  assert.match(r.error?.message ?? '', /excessive aliasing/);
  const set = new TemplateSet();
  set.addFile('t', '{{ fromYaml .b | len }}');
  assert.equal(renderTemplate(set, 't', new Map([['b', bomb]]) as never), '1');
  assert.ok(Date.now() - started < 5000);
});
