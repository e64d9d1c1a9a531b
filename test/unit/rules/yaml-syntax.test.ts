import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';
import { settingsWith } from '../../helpers/rule-tester';

test('malformed YAML gives exactly one yaml-syntax finding on one line, and no exception', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: [unclosed\n';
  const findings = lintYaml(text);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f!.ruleId, 'yaml-syntax');
  assert.equal(f!.severity, 'error');
  assert.match(f!.message, /^YAML syntax error: /);
  assert.ok(!text.slice(f!.span.start, f!.span.end).includes('\n'));
});

test('a bad indentation error points into the broken document only', () => {
  const good = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  hostNetwork: true\n  containers: []\n';
  const bad = 'apiVersion: v1\nkind: Pod\n  metadata: bad\n';
  const text = `${good}---\n${bad}`;
  const findings = lintYaml(text);
  const syntax = findings.filter((f) => f.ruleId === 'yaml-syntax');
  assert.equal(syntax.length, 1);
  assert.ok(syntax[0]!.span.start >= good.length, 'error lies in the second document');
  assert.ok(findings.some((f) => f.ruleId !== 'yaml-syntax' && f.span.start < good.length), 'first document is still linted');
});

test('extreme nesting is reported, not thrown', () => {
  const depth = 20000;
  const text = '['.repeat(depth) + ']'.repeat(depth) + '\n';
  const findings = lintYaml(text);
  assert.ok(findings.length <= 1);
});

test('an alias bomb is not expanded', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.map((l) => '  ' + l).join('\n')}\n`;
  // Expanded, 9^12 nodes would never come back; detected, the document is one yaml-syntax finding at the alias
  // that stands for the most nodes (`*k`, on the last line), and no rule reads the document.
  const findings = lintYaml(text);
  assert.deepEqual(
    findings.map((f) => [f.ruleId, text.slice(f.span.start, f.span.end)]),
    [['yaml-syntax', '*k']],
  );
  assert.match(findings[0]!.message, /excessive aliasing, the aliases expand this document to over 100,000 nodes \(a "billion laughs" alias bomb\)/);
  assert.equal(findings[0]!.span.start, text.indexOf('*k'), 'the first *k, in the last line');
});

test('severity can be overridden and turned off', () => {
  const text = 'a: [\n';
  assert.equal(lintYaml(text, { settings: settingsWith({ rules: { 'yaml-syntax': 'warning' } }) })[0]!.severity, 'warning');
  assert.deepEqual(lintYaml(text, { settings: settingsWith({ rules: { 'yaml-syntax': 'off' } }) }), []);
});
