// unused-suppression: one case per message (unusedComment, unusedAnnotation, unknownRule, unknownValue, misplaced, noRules,
// annotationsOff, inlineOff), with exact spans; its severity setting; never exemptible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import type { EngineSettings } from '../../../server/src/engine/config/settings';
import { getRule, RULE_IDS } from '../../../server/src/engine/rules';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';
import { FAKE } from '../../helpers/fake-secrets';

const RULE = 'unused-suppression';
const S: EngineSettings = settingsWith({ rules: Object.fromEntries([...RULE_IDS].map((id) => [id, ['host-network', 'host-pid', 'dockerfile-root-user', RULE].includes(id) ? (id === RULE ? 'info' : 'warning') : 'off'])) });

const pod = (annotations = '', head = '', specHead = '') =>
  head +
  dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    __ANN__
    spec:
    __SPEC__
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
  `)
    .replace('__ANN__\n', annotations ? `  annotations:\n${annotations.split('\n').map((l) => `    ${l}`).join('\n')}\n` : '')
    .replace('__SPEC__\n', specHead);

test('metadata: info, syntax category, all ten messages', () => {
  const meta = getRule(RULE)!.meta;
  assert.equal(meta.defaultSeverity, 'info');
  assert.equal(meta.category, 'syntax');
  assert.deepEqual(Object.keys(meta.messages).sort(), ['annotationsOff', 'inlineOff', 'misplaced', 'noRules', 'onList', 'tooManyRules', 'unknownRule', 'unknownValue', 'unusedAnnotation', 'unusedComment']);
});

test('used suppressions give nothing', () => {
  const text = pod('ignore-check.shipshape.dev/host-network: "CNI"', '# shipshape-disable host-network -- CNI\n');
  assertFindings(text, findingsOf(RULE, text, S), []);
  assert.deepEqual(lintText(text, 'yaml', { settings: S }), []);
});

test('unusedComment: a rule not reported where the comment points (next line and document)', () => {
  const text = pod('', '# shipshape-disable host-pid -- old\n', '  # shipshape-disable-next-line host-network, host-pid\n');
  assertFindings(text, findingsOf(RULE, text, S), [
    { at: 'host-pid', occurrence: 0, message: '"host-pid" is not reported in this document; remove it from this suppression.' },
    { at: 'host-pid', occurrence: 1, message: '"host-pid" is not reported on the next line; remove it from this suppression.' },
  ]);
  const f = findingsOf(RULE, text, S)[0]!;
  assert.equal(f.severity, 'info');
});

test('unusedAnnotation: a Shipshape annotation for a rule the object does not report', () => {
  const text = pod('ignore-check.shipshape.dev/host-pid: "legacy"');
  assertFindings(text, findingsOf(RULE, text, S), [
    { at: 'ignore-check.shipshape.dev/host-pid', message: 'ignore-check.shipshape.dev/host-pid exempts nothing: "host-pid" is not reported for this object; remove the annotation.' },
  ]);
});

test('unknownRule: in comments and annotations, with and without a hint', () => {
  const text = pod('ignore-check.shipshape.dev/hostpid: "x"', '# shipshape-disable host-netwrok -- typo\n', '  # shipshape-disable-next-line no-such-rule-at-all\n');
  assertFindings(text, findingsOf(RULE, text, S), [
    { at: 'host-netwrok', message: 'Unknown rule id "host-netwrok" (did you mean "host-network"?); this suppression has no effect.' },
    { at: 'ignore-check.shipshape.dev/hostpid', message: 'Unknown rule id "hostpid" (did you mean "host-pid"?)' },
    { at: 'no-such-rule-at-all', message: 'Unknown rule id "no-such-rule-at-all"; this suppression has no effect.' },
  ]);
  // The unknown id in the document disable does not stop the finding.
  assert.ok(lintText(text, 'yaml', { settings: S }).some((f) => f.ruleId === 'host-network'));
});

test('unknownValue: a word that does not look like a rule id is not quoted (it may be a credential)', () => {
  const token = FAKE.randomKey;
  const text = pod('', `# shipshape-disable-next-line host-network the token ${token} is a test value\n`);
  const findings = findingsOf(RULE, text, S);
  assertFindings(text, findings.filter((f) => text.slice(f.span.start, f.span.end) === token), [
    { at: token, message: 'Unknown rule id (48 chars), not shown as it does not look like one (it may be a value such as a credential); this suppression has no effect.' },
  ]);
  assert.ok(findings.every((f) => !f.message.includes(token.slice(0, 8))));
});

test('misplaced: shipshape-disable below the top of a YAML document or after a Dockerfile instruction', () => {
  const text = pod('', '', '  # shipshape-disable host-network\n');
  assertFindings(text, findingsOf(RULE, text, S), [
    { at: 'shipshape-disable', message: 'shipshape-disable only works in the comments at the top of the document; here it has no effect (use shipshape-disable-next-line for one line).' },
  ]);
  const df = 'FROM alpine:3.20\n# shipshape-disable dockerfile-root-user\nUSER root\n';
  assertFindings(df, lintText(df, 'dockerfile', { settings: S }).filter((f) => f.ruleId === RULE), [{ at: 'shipshape-disable', message: 'at the top of the file' }]);
});

test('noRules: a directive without rule ids', () => {
  const text = pod('', '# shipshape-disable -- all of it\n');
  assertFindings(text, findingsOf(RULE, text, S), [{ at: 'shipshape-disable', message: 'shipshape-disable names no rule; list the rule ids it suppresses.' }]);
});

test('annotationsOff and inlineOff', () => {
  const text = pod('ignore-check.shipshape.dev/host-network: "CNI"', '# shipshape-disable host-network\n');
  const off = { ...S, allowAnnotationExemptions: false, allowInlineSuppressions: false };
  assertFindings(text, findingsOf(RULE, text, off), [
    { at: 'shipshape-disable', message: 'Suppression comments are turned off (allowInlineSuppressions: false); this comment has no effect.' },
    { at: 'ignore-check.shipshape.dev/host-network', message: 'Exemption annotations are turned off (allowAnnotationExemptions: false); ignore-check.shipshape.dev/host-network has no effect.' },
  ]);
  assert.ok(findingsOf('host-network', text, off).length === 1);
});

test('its severity is configurable, and off silences it', () => {
  const text = pod('', '# shipshape-disable host-pid\n');
  assert.equal(findingsOf(RULE, text, { ...S, rules: { ...S.rules, [RULE]: 'error' } })[0]!.severity, 'error');
  assert.deepEqual(findingsOf(RULE, text, { ...S, rules: { ...S.rules, [RULE]: 'off' } }), []);
});

test('configured exemptions never remove it', () => {
  const text = pod('', '# shipshape-disable host-pid\n');
  const settings = { ...S, exemptions: [{ rules: ['*'], reason: 'everything' }] };
  assert.deepEqual(lintText(text, 'yaml', { settings }).map((f) => f.ruleId), [RULE]);
});
