// Chart rendering's outputs for later provenance: output segments point at the template text and actions that wrote
// them, values keep their file offsets, and errors carry the template position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELM_CASES, loadCase } from '../../helpers/helm-golden';
import { renderChart } from '../../../server/src/engine/helm/chart-render';

test('the action that printed toYaml .Values.securityContext is the source of `privileged: true`', () => {
  const c = loadCase('deployment-privileged');
  const t = c.render.templates.find((x) => x.file === 'templates/deployment.yaml')!;
  const out = t.output!;
  const at = out.indexOf('privileged: true');
  assert.ok(at > 0);
  const seg = [...t.segments!].reverse().find((g) => g.out <= at)!;
  assert.equal(seg.file, 'templates/deployment.yaml');
  // The segment's source is the action `toYaml .Values.securityContext | nindent 12` (its pipeline's start).
  const template = readFileSync(join(HELM_CASES, 'deployment-privileged', 'chart', 'templates', 'deployment.yaml'), 'utf8');
  assert.ok(template.startsWith('toYaml .Values.securityContext | nindent 12', seg.src), template.slice(seg.src, seg.src + 40));
  const values = c.render.values.get('securityContext') as Map<string, unknown>;
  const pos = c.render.positions.get(values)!.entries.get('privileged')!;
  assert.equal(pos.file, 'values.yaml');
  const valuesText = readFileSync(join(HELM_CASES, 'deployment-privileged', 'chart', 'values.yaml'), 'utf8');
  assert.ok(valuesText.startsWith('true', pos.offset));
});

test('text segments map output offsets back to the template', () => {
  const files = new Map([
    ['Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'],
    ['values.yaml', 'x: 1\n'],
    ['templates/a.yaml', 'a: {{ .Values.missing }}\nb: {{ .Values.x }}\n'],
  ]);
  const r = renderChart(files, { releaseName: 'r', namespace: 'n' });
  const t = r.templates[0]!;
  assert.equal(t.output, 'a: \nb: 1\n');
  const src = files.get('templates/a.yaml')!;
  // "b: " in the output starts a text segment whose source offset is the same text in the template.
  const outB = t.output!.indexOf('b:');
  const seg = t.segments!.find((g) => g.out <= outB && outB - g.out < 4 && src.startsWith('\nb:', g.src))!;
  assert.ok(seg, JSON.stringify(t.segments));
  // The value 1 comes from the action at `{{ .Values.x }}`.
  const one = t.segments!.find((g) => g.out === t.output!.indexOf('1'))!;
  assert.equal(src.slice(one.src).startsWith('.Values.x'), true);
});

test('render errors carry the template file and position; the chart never throws', () => {
  const files = new Map([
    ['Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'],
    ['values.yaml', ''],
    ['templates/a.yaml', 'x: {{ required "x is required" .Values.x }}\n'],
    ['templates/b.yaml', 'ok: 1\n'],
  ]);
  const r = renderChart(files, { releaseName: 'r', namespace: 'n' });
  const a = r.templates.find((t) => t.file === 'templates/a.yaml')!;
  assert.equal(a.error?.file, 'templates/a.yaml');
  assert.equal(a.error?.line, 1);
  assert.match(a.error!.message, /x is required$/);
  assert.equal(r.templates.find((t) => t.file === 'templates/b.yaml')?.output, 'ok: 1\n');
});

test('an error inside an included helper is reported at the include (as Helm does) and inside the helper', () => {
  const helpers = '{{- define "c.name" -}}\n{{ required "name is required" .Values.name }}\n{{- end }}\n';
  const files = new Map([
    ['Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'],
    ['values.yaml', ''],
    ['templates/_helpers.tpl', helpers],
    ['templates/a.yaml', 'metadata:\n  name: {{ include "c.name" . }}\n'],
  ]);
  const r = renderChart(files, { releaseName: 'r', namespace: 'n' });
  const error = r.templates.find((t) => t.file === 'templates/a.yaml')!.error!;
  assert.deepEqual([error.file, error.line], ['templates/a.yaml', 2]);
  assert.deepEqual([error.inner?.file, error.inner?.line], ['templates/_helpers.tpl', 2]);
  assert.ok(helpers.startsWith('required', error.inner!.offset));
});
