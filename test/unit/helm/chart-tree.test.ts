// What the Helm golden suite found (test/fixtures/helm: helm/helm's test charts, bitnami charts), each as a small
// reproduction: a chart tree's values coalesced as Helm does, Chart.yaml validation, fromYaml of several documents,
// manifests Helm refuses, hooks it skips, and what it prints for a chart without manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChart } from '../../../server/src/engine/helm/chart-build';
import { renderChart } from '../../../server/src/engine/helm/chart-render';
import { firstManifestError, helmTemplateOutput } from '../../../server/src/engine/helm/manifests';
import { checkValuesSchema } from '../../../server/src/engine/helm/values-schema';
import { readValues } from '../../../server/src/engine/helm/values';
import { memoryHost } from '../../helpers/kustomize-host';

const chart = (name: string, extra = ''): string => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n${extra}`;

function render(templates: Record<string, string>, chartYaml = chart('c'), values = '') {
  return renderChart(new Map([['Chart.yaml', chartYaml], ['values.yaml', values], ...Object.entries(templates)]), { releaseName: 'r', namespace: 'n' });
}

test("a parent's values hold its subchart's final values; every subchart has a global map (helm/helm issue-9027, aliased twice)", () => {
  const host = memoryHost({
    '/p/Chart.yaml': chart('p', 'dependencies:\n  - name: sub\n    version: 0.1.0\n'),
    '/p/values.yaml': 'sub:\n  hash:\n    a: null\n    c: 3\n',
    '/p/templates/v.yaml': 'parent: {{ .Values | toJson }}\n',
    '/p/charts/sub/Chart.yaml': chart('sub'),
    '/p/charts/sub/values.yaml': 'hash:\n  a: 1\n  b: 2\n',
    '/p/charts/sub/templates/v.yaml': 'sub: {{ .Values | toJson }}\n',
  });
  const build = buildChart('/p', host, { keepRenders: true });
  const outputs = build.renders!.flatMap((r) => r.templates.map((t) => [t.name, t.output]));
  assert.deepEqual(outputs, [
    ['p/templates/v.yaml', 'parent: {"sub":{"global":{},"hash":{"b":2,"c":3}}}\n'],
    ['p/charts/sub/templates/v.yaml', 'sub: {"global":{},"hash":{"b":2,"c":3}}\n'],
  ]);
});

test('Chart.yaml is validated as Helm validates it; a missing apiVersion reads as v1', () => {
  assert.equal(render({}, chart('c', 'type: Library\n')).error?.message, 'validation: chart.metadata.type must be application or library');
  assert.equal(render({}, 'apiVersion: v2\nversion: 1.0.0\n').error?.message, 'validation: chart.metadata.name is required');
  assert.equal(render({}, 'apiVersion: v2\nname: ..\nversion: 1.0.0\n').error?.message, 'validation: chart.metadata.name ".." is not allowed');
  assert.equal(render({}, 'apiVersion: v2\nname: c\nversion: one\n').error?.message, 'validation: chart.metadata.version "one" is invalid');
  assert.equal(render({ 'templates/a.yaml': 'v: {{ .Chart.APIVersion }}' }, 'name: c\nversion: 1.0.0\n').templates[0]!.output, 'v: v1');
});

test('fromYaml reads the first document of a stream (bitnami redis: checksum of an included multi-document template)', () => {
  const r = render({ 'templates/a.yaml': '{{ $m := fromYaml "a: 1\\n---\\nb: [" }}a: {{ $m.a }} keys: {{ keys $m | join "," }}' });
  assert.equal(r.templates[0]!.output, 'a: 1 keys: a');
});

test("output Helm refuses: its message names the first template, in Helm's words", () => {
  const scalar = render({ 'templates/a.yaml': 'kind: ConfigMap\n---\n{{ "just text" }}\n', 'templates/b.yaml': '- x\n' });
  assert.equal(firstManifestError(scalar), 'YAML parse error on c/templates/a.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead');
  const list = render({ 'templates/b.yaml': '- x\n', 'templates/_p.tpl': 'not: [yaml', 'templates/NOTES.txt': '{{ "notes: [" }}' });
  assert.equal(firstManifestError(list), 'YAML parse error on c/templates/b.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead');
  const syntax = render({ 'templates/c.yaml': 'kind: ConfigMap\n---\nkind: x\na: b: c\n' });
  assert.match(firstManifestError(syntax)!, /^YAML parse error on c\/templates\/c\.yaml: error converting YAML to JSON: yaml: line 2: /);
  assert.equal(firstManifestError(render({ 'templates/d.yaml': '# only a comment\n---\nkind: 5\n' })), undefined);
});

test('hooks with an unknown event are skipped; without manifests Helm prints an empty line before the hooks', () => {
  const hook = (name: string, event: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations:\n    helm.sh/hook: ${event}\n`;
  const r = render({ 'templates/h.yaml': `${hook('a', 'pre-install, bogus')}---\n${hook('b', 'Test')}` });
  assert.equal(helmTemplateOutput(r), `\n---\n# Source: c/templates/h.yaml\n${hook('b', 'Test')}`);
  assert.equal(helmTemplateOutput(render({})), '\n');
});

test("fmt as Helm's Go prints: exact ties round half to even in %e and %g; Capabilities' structs; nil annotations", () => {
  const out = (t: string): string | undefined => render({ 'templates/a.yaml': t }).templates[0]!.output;
  assert.equal(out('{{ printf "%.0e %.1e %.2g %.1g %.1e" 2.5 0.125 0.125 0.25 0.35 }}'), '2e+00 1.2e-01 0.12 0.2 3.5e-01');
  // KubeVersion's String method is on the pointer: an action prints the version, fmt the struct.
  assert.equal(out('{{ .Capabilities.KubeVersion }} {{ toString .Capabilities.KubeVersion }} {{ printf "%+v" .Capabilities.KubeVersion }}'), 'v1.35.0 {v1.35.0 v1.35.0 1 35} {Version:v1.35.0 normalizedVersion:v1.35.0 Major:1 Minor:35}');
  assert.equal(out('{{ .Capabilities.APIVersions | toString | trunc 13 }} {{ printf "%T" .Capabilities.HelmVersion }}'), '[v1 admission version.BuildInfo');
  // A pointer: fmt prints &{...}, an action {...}.
  assert.ok(out('{{ printf "%v" .Capabilities | trunc 3 }}|{{ .Capabilities }}')!.startsWith('&{{|{{v1.35.0 v1.35.0 1 35} [v1 '));
  assert.equal(out('{{ .Chart.Annotations }} {{ printf "%T" .Chart.Annotations }}'), 'map[] map[string]string');
});

test("render errors carry Helm 4's words beside Go's (as helm v4.1.4 prints them)", () => {
  const err = (t: Record<string, string>) => {
    const r = render(t);
    return r.error?.helm ?? r.templates.find((x) => x.error)?.error?.helm;
  };
  assert.equal(err({ 'templates/a.yaml': '{{ if }}' }), 'parse error at (c/templates/a.yaml:1): missing value for if');
  assert.equal(err({ 'templates/a.yaml': 'x: {{ .Values.x.y }}' }), 'c/templates/a.yaml:1:13\n  executing "c/templates/a.yaml" at <.Values.x.y>:\n    nil pointer evaluating interface {}.y');
  assert.equal(err({ 'templates/_h.tpl': '{{ define "t" }}{{ required "need y" .y }}{{ end }}', 'templates/a.yaml': 'x: {{ include "t" . }}' }), 'execution error at (c/templates/a.yaml:1:6): need y');
  assert.equal(
    err({ 'templates/a.yaml': 'x: {{ include "nope" . }}' }),
    'c/templates/a.yaml:1:6\n  executing "c/templates/a.yaml" at <include "nope" .>:\n    error calling include:\ntemplate: no template "nope" associated with template "gotpl"',
  );
  // A function's own error keeps Go's one line, as Helm keeps it.
  assert.equal(err({ 'templates/a.yaml': '{{ div 1 0 }}' }), 'template: c/templates/a.yaml:1:3: executing "c/templates/a.yaml" at <div 1 0>: error calling div: runtime error: integer divide by zero');
});

test('a variable declared in an if list stays in scope after else, as Go parses it (bitnami kafka secrets.yaml)', () => {
  const r = render({ 'templates/a.yaml': '{{ if .Values.a }}{{ $h := 1 }}{{ else }}h: {{ $h }}{{ end }}' }, chart('c'), 'a: true\n');
  assert.equal(r.error, undefined);
  assert.equal(r.templates[0]!.output, '');
  const run = render({ 'templates/a.yaml': '{{ if .Values.a }}{{ $h := 1 }}{{ else }}h: {{ $h }}{{ end }}' }, chart('c'), 'a: false\n');
  assert.equal(run.templates[0]!.error?.helm, 'c/templates/a.yaml:1:47\n  executing "c/templates/a.yaml" at <$h>:\n    undefined variable: $h');
});

test('a parenthesized pipeline that yields nil is no value (prometheus-mysql-exporter: (.Values.resources.limits).cpu)', () => {
  const r = render({ 'templates/a.yaml': 'cpu: {{ if (.Values.resources.limits).cpu }}set{{ else }}unset{{ end }} {{ kindOf (.Values.x).y.z }}' }, chart('c'), 'resources: {}\n');
  assert.equal(r.templates[0]!.output, 'cpu: unset invalid');
  // Without the parentheses the chain stops at the nil map value, as in Go.
  const e = render({ 'templates/a.yaml': '{{ .Values.resources.limits.cpu }}' }, chart('c'), 'resources: {}\n');
  assert.match(e.templates[0]!.error!.message, /nil pointer evaluating interface \{\}\.cpu$/);
});

test("a null key in rendered output is refused in sigs.k8s.io/yaml's words", () => {
  const r = render({ 'templates/a.yaml': 'kind: x\n~: {{ "s" | quote }}\n' });
  assert.equal(firstManifestError(r), 'YAML parse error on c/templates/a.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: "s"');
});

test('Go hexadecimal float literals parse and are floats (opentelemetry-collector, traefik: 0x1p60)', () => {
  const r = render({ 'templates/a.yaml': '{{ 0x1p60 }} {{ 0x1.8p-3 }} {{ printf "%T %T" 0x1p4 0x1E }}' });
  assert.equal(r.templates[0]!.output, '1.152921504606847e+18 0.1875 float64 int');
});

test("values.schema.json problems in the words of Helm's validator (as helm v4.1.4 printed them for this schema)", () => {
  const schema = JSON.stringify({
    type: 'object',
    required: ['req1', 'req2'],
    properties: {
      t: { type: 'string' }, t2: { type: ['string', 'null'] }, ti: { type: 'integer' }, e: { enum: ['a', 'b', 3] }, c: { const: 'x' },
      min: { minimum: 5 }, max: { maximum: 5 }, emin: { exclusiveMinimum: 5 }, ml: { minLength: 3 }, xl: { maxLength: 1 },
      pat: { pattern: '^[a-z]+$' }, mi: { minItems: 2 }, xi: { maxItems: 1 }, uniq: { uniqueItems: true }, mo: { multipleOf: 3 },
      nested: { type: 'object', additionalProperties: false, properties: { ok: { type: 'boolean' } } },
      one: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, nt: { not: { type: 'string' } }, mp: { minProperties: 2 },
    },
  });
  const values = 'req1: 1\nt: 5\nt2: 5\nti: 1.5\ne: c\nc: y\nmin: 1\nmax: 10\nemin: 5\nml: ab\nxl: abc\npat: "ABC"\nmi: [1]\nxi: [1, 2]\nuniq: [1, 1]\nnested: {ok: true, extra: 1}\nmo: 4\none: true\nnt: "s"\nmp: {a: 1}\n';
  const details = checkValuesSchema(schema, readValues(values, 'values.yaml').value, new WeakMap()).map((p) => p.detail).sort();
  assert.deepEqual(details, [
    "at '': missing property 'req2'",
    "at '/c': value must be 'x'",
    "at '/e': value must be one of 'a', 'b', 3",
    "at '/emin': exclusiveMinimum: got 5, want 5",
    "at '/max': maximum: got 10, want 5",
    "at '/mi': minItems: got 1, want 2",
    "at '/min': minimum: got 1, want 5",
    "at '/ml': minLength: got 2, want 3",
    "at '/mo': multipleOf: got 4, want 3",
    "at '/mp': minProperties: got 1, want 2",
    "at '/nested': additional properties 'extra' not allowed",
    "at '/nt': 'not' failed",
    "at '/one': 'oneOf' failed, none matched\n  - at '/one': got boolean, want string\n  - at '/one': got boolean, want integer",
    "at '/pat': 'ABC' does not match pattern '^[a-z]+$'",
    "at '/t': got number, want string",
    "at '/t2': got number, want null or string",
    "at '/ti': got number, want integer",
    "at '/uniq': items at 0 and 1 are equal",
    "at '/xi': maxItems: got 2, want 1",
    "at '/xl': maxLength: got 3, want 1",
  ]);
});

test('YAML syntax errors in rendered output in go-yaml words and lines (as helm v4.1.4 printed them)', () => {
  const refused = (text: string): string | undefined => firstManifestError(render({ 'templates/a.yaml': text }))?.replace('YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: ', '');
  assert.equal(refused('kind: x\ndata:\n  a: 1\n  b'), "line 5: could not find expected ':'");
  assert.equal(refused('kind: x\ndata:\n  a: b: c\n'), 'line 3: mapping values are not allowed in this context');
  assert.equal(refused('kind: x\n  b: 1\n'), 'line 2: mapping values are not allowed in this context');
  assert.equal(refused('kind: x\ndata:\n\ta: 1\n'), 'line 3: found character that cannot start any token');
  assert.equal(refused('kind: x\na: @foo\n'), 'line 2: found character that cannot start any token');
  assert.equal(refused('kind: x\na: [1, 2\n'), "line 2: did not find expected ',' or ']'");
  assert.equal(refused('kind: x\na: {b: 1\n'), "line 2: did not find expected ',' or '}'");
  assert.equal(refused('kind: x\na: "unterminated\n'), 'line 2: found unexpected end of stream');
  assert.equal(refused('kind: x\na: *nope\n'), "unknown anchor 'nope' referenced");
});

test("a chart's templates share one top-level map: set $ \"Values\" in the first template reaches the next (istio's zzz_profile.yaml)", () => {
  const r = render(
    { 'templates/zzz.yaml': '{{- $_ := set $ "Values" (dict "name" "merged") }}', 'templates/a.yaml': 'name: {{ .Values.name }} {{ .Template.Name }}' },
    chart('c'),
    'name: user\n',
  );
  assert.equal(r.templates.find((t) => t.file === 'templates/a.yaml')?.output, 'name: merged c/templates/a.yaml');
});

test('schema alternatives that miss a property or add one are told under their oneOf', () => {
  const schema = JSON.stringify({ properties: { a: { oneOf: [{ type: 'object', required: ['x'] }, { type: 'object', additionalProperties: false }] } } });
  const details = checkValuesSchema(schema, readValues('a: {z: 1}\n', 'values.yaml').value, new WeakMap()).map((p) => p.detail);
  assert.deepEqual(details, ["at '/a': 'oneOf' failed, none matched\n  - at '/a': missing property 'x'\n  - at '/a': additional properties 'z' not allowed"]);
});

test('.Subcharts holds each subchart as it ran, .Chart.IsRoot is false in a subchart (helm/helm TestRenderNestedValues, TestChartValuesContainsIsRoot)', () => {
  const host = memoryHost({
    '/p/Chart.yaml': chart('p'),
    '/p/values.yaml': 'sub:\n  what: from-parent\n',
    '/p/templates/a.yaml': '{{ .Subcharts.sub.Values.what }} {{ .Subcharts.sub.Chart.IsRoot }} {{ .Chart.IsRoot }}',
    '/p/charts/sub/Chart.yaml': chart('sub'),
    '/p/charts/sub/values.yaml': 'what: own\n',
    '/p/charts/sub/templates/a.yaml': '{{ .Chart.IsRoot }}',
  });
  const build = buildChart('/p', host, { keepRenders: true });
  assert.deepEqual(build.renders!.flatMap((r) => r.templates.map((t) => t.output)), ['from-parent false true', 'false']);
});
