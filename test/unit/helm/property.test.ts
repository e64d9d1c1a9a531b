// Property tests of the Go template engine on hostile input: any template text, built from template syntax and
// function names, with any values, either renders or fails with a TemplateParseError / TemplateExecError, within the
// step budget (never another exception, never a hang).
// `npm test` runs a bounded number of cases; `npm run fuzz` (SHIPSHAPE_FUZZ_RUNS) runs many more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderChart } from '../../../server/src/engine/helm/chart-render';
import { TemplateSet } from '../../../server/src/engine/helm/engine';
import { helmFuncs } from '../../../server/src/engine/helm/funcs';
import { newBudget, TemplateExecError } from '../../../server/src/engine/helm/limits';
import { readValues } from '../../../server/src/engine/helm/values';

const RUNS = Math.max(1, Number(process.env.SHIPSHAPE_FUZZ_RUNS ?? '') || 150);

const FUNCS = [...helmFuncs.keys()];
const piece = fc.oneof(
  fc.constantFrom('{{', '}}', '{{-', ' -}}', '{{/*', '*/}}', '(', ')', '|', ' ', '.', '$', '$x := ', '$x = ', ',', '"s"', '`r`', "'c'", '1', '-2', '1.5', '0x1F', 'nil', 'true'),
  fc.constantFrom('if ', 'else', 'else if ', 'end', 'range ', 'with ', 'define "t"', 'template "t" .', 'block "b" .', 'break', 'continue', 'include "t" .'),
  fc.constantFrom('.Values', '.Values.a', '.Values.a.b', '.Values.l', '.Release.Name', '.Chart.Name', '.Capabilities.KubeVersion', '.Files.Get "x"', '$.Values'),
  fc.constantFrom(...FUNCS).map((f) => `${f} `),
  fc.string({ maxLength: 6 }),
);
const template = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));
// Well-formed actions, so that most cases get past the parser and exercise execution.
const operand = fc.constantFrom('.Values.a', '.Values.l', '.Values.a.b', '.', '$', '"s"', '1', '2.5', 'nil', 'true', '(list 1 "a")', '(dict "k" 1)', '.Release', '$.Values');
const command = fc.tuple(fc.constantFrom(...FUNCS), fc.array(operand, { maxLength: 3 })).map(([f, args]) => [f, ...args].join(' '));
const action = fc.tuple(command, fc.option(command)).map(([a, b]) => `{{ ${a}${b ? ` | ${b}` : ''} }}`);
const block: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, action, fc.constantFrom('x', '\n', ' ', 'key: ', '- '), tie('control')),
  control: fc
    .tuple(fc.constantFrom('if', 'with', 'range'), operand, fc.array(tie('node'), { maxLength: 3 }), fc.boolean())
    .map(([k, o, body, els]) => `{{ ${k} ${o} }}${(body as string[]).join('')}${els ? '{{ else }}x' : ''}{{ end }}`),
})).node as fc.Arbitrary<string>;
const wellFormed = fc.array(block, { maxLength: 6 }).map((xs) => xs.join(''));

const values = fc.constantFrom('a: {b: 1}\nl: [1, "x", null]\n', 'a: null\n', 'l: []\na: "s"\n', 'a: {b: {c: [1, 2]}}\nl: {k: v}\n');

test('any template text renders or fails with a template error, within budget', () => {
  fc.assert(
    fc.property(template, values, (text, vals) => {
      const set = new TemplateSet();
      const perr = set.addFile('t', text);
      if (perr) return;
      const data = new Map([['Values', readValues(vals, 'values.yaml').value]]);
      try {
        set.execute('t', data as never, newBudget({ maxSteps: 20_000, maxOutput: 200_000 }));
      } catch (e) {
        assert.ok(e instanceof TemplateExecError, `${text}\n${(e as Error)?.stack}`);
      }
    }),
    { numRuns: RUNS },
  );
});

test('well-formed templates with any functions and arguments execute or fail with a template error', () => {
  let executed = 0;
  fc.assert(
    fc.property(wellFormed, values, (text, vals) => {
      const set = new TemplateSet();
      const perr = set.addFile('t', text);
      assert.equal(perr, undefined, `${text}: ${perr?.message}`);
      const data = new Map([['Values', readValues(vals, 'values.yaml').value]]);
      try {
        set.execute('t', data as never, newBudget({ maxSteps: 20_000, maxOutput: 200_000 }));
        executed++;
      } catch (e) {
        assert.ok(e instanceof TemplateExecError, `${text}\n${(e as Error)?.stack}`);
      }
    }),
    { numRuns: RUNS },
  );
  assert.ok(executed > 0);
});

test('a chart made of generated templates never throws out of renderChart', () => {
  fc.assert(
    fc.property(fc.array(template, { minLength: 1, maxLength: 3 }), values, (texts, vals) => {
      const files = new Map([
        ['Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'],
        ['values.yaml', vals],
        ...texts.map((t, i) => [`templates/t${i}.yaml`, t] as [string, string]),
      ]);
      const r = renderChart(files, { releaseName: 'r', namespace: 'n', limits: { maxSteps: 20_000 } });
      for (const t of r.templates) assert.ok(t.output !== undefined || t.error !== undefined);
      for (const t of r.templates) assert.ok(!t.error?.message.startsWith('internal error'), t.error?.message);
    }),
    { numRuns: RUNS },
  );
});
