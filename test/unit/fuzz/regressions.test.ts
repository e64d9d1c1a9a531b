// Inputs the fuzz test (engine.test.ts) found, minimised by fast-check, kept as fixed cases:
// each ran into a bug that is fixed now. Checked in-process with the same invariants.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfigCase, checkLintCase } from '../../helpers/fuzz-checks';
import type { LintCase } from '../../helpers/fuzz-inputs';
import { lintText } from '../../../server/src/engine';
import { parseConfig } from '../../../server/src/engine/config/config-file';
import { applyEdits } from '../../../server/src/engine/fixes/apply';
import { findingFixes } from '../../../server/src/engine/types';

const lintCase = (text: string, previous = text): LintCase => ({ source: 'regression', kind: 'yaml', fileName: 'manifest.yaml', settings: 'default', text, previous, fixPick: 0 });

describe('fuzz regressions', () => {
  it('a suggestion inserting into an empty flow map right before its parent closes keeps both braces', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec: {containers: [{name: app, image: nginx:1.25, resources: {requests: {}}}]}\n';
    const f = lintText(text, 'yaml').find((x) => x.ruleId === 'missing-cpu-request');
    const fix = f && findingFixes(f)[0];
    assert.ok(fix, 'missing-cpu-request offers a suggestion');
    const out = applyEdits(text, fix.edits)!;
    assert.match(out, /resources: \{requests: \{cpu: 100m\}\}\}\]\}/);
    assert.ok(!lintText(out, 'yaml').some((x) => x.ruleId === 'yaml-syntax'), out);
    // Every fix of the fuzzer's original counterexample, each applied alone (fixPick).
    const found =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec: {initContainers: [{name: app, securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: null, seccompProfile: {type: RuntimeDefault}}}], containers: [{name: app, resources: {requests: {}}, securityContext: {}}]}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  containers:\n  - name: app\n';
    for (let fixPick = 0; fixPick < 20; fixPick++) checkLintCase({ ...lintCase(found), fixPick });
  });

  it('a config error at the very end of the text (an unclosed quote) has a span inside the text', () => {
    const text = 'profile: restricted\r\nrules: {}\r\nexemptions:\r\n- rules: []\r\n  kind: **/*.yaml\r\n  name: "';
    const { problems } = parseConfig(text);
    assert.ok(problems.length > 0);
    for (const p of problems) assert.ok(p.span.end <= text.length, JSON.stringify(p));
    checkConfigCase({ source: 'regression', text, relPath: 'deploy.yaml' });
  });

  it('config problem messages stay on one line: a CR in a YAML error, a line break in a key', () => {
    checkConfigCase({ source: 'regression', text: 'exemptions:\r\n- reason: |\r#glued\n    multi\r\n    line\r\n', relPath: 'x.yaml' });
    const text = '"a\\nb": 1\nrules: {"x\\ry": off}\nexemptions: [{rules: ["*"], reason: x, "k\\nz": 1}]\n';
    const { problems } = parseConfig(text);
    assert.deepEqual(
      problems.map((p) => /^[^(]*/.exec(p.message)![0].trim()),
      ['unknown key "a\\nb"', 'rules: unknown rule id "x\\ry"', 'exemptions[0]: unknown key "k\\nz"'],
    );
    checkConfigCase({ source: 'regression', text, relPath: 'x.yaml' });
  });
});
