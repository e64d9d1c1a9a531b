// json-syntax: daemon.json that does not parse or is not an object; ABAC lines that are not policies (one finding per bad line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';
import { disableForLineFix } from '../../../server/src/engine/fixes/actions';

jsonConfigRuleTests('json-syntax', 'docker-daemon', {
  valid: [
    { name: 'an object', text: '{ "icc": false }\n' },
    { name: 'with a byte-order mark', text: '\ufeff{ "icc": false }\n' },
  ],
  invalid: [
    { name: 'a truncated value', text: '{\n  "icc": tru\n}\n', errors: [{ at: 't', message: 'JSON syntax error' }] },
    { name: 'a trailing comma', text: '{\n  "icc": false,\n}\n', errors: [{ at: '}', message: 'expected a string key' }] },
    { name: 'unterminated', text: '{\n  "icc": false\n', errors: [{ at: 'e', occurrence: 0, message: 'unexpected end' }] },
    { name: 'not an object', text: '["icc"]\n', errors: [{ at: '["icc"]', message: 'must hold one JSON object' }] },
  ],
});

const POLICY = '{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "alice", "readonly": true, "namespace": "shop", "resource": "pods"}}';

jsonConfigRuleTests('json-syntax', 'abac', {
  valid: [{ name: 'policies, blank lines and comments', text: `# shop team\n${POLICY}\n\n${POLICY}\n` }],
  invalid: [
    {
      name: 'one finding per bad line, the others still read',
      text: `${POLICY}\n{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": 7\n[1, 2]\n{"apiVersion": "v1", "kind": "Pod"}\n${POLICY}\n`,
      errors: [
        { at: '7', message: ['Line 2', 'unexpected end'] },
        { at: '[1, 2]', message: 'Line 3' },
        { at: '{"apiVersion": "v1", "kind": "Pod"}', message: 'not an ABAC policy' },
      ],
    },
  ],
});

test('a bad line does not stop the other lines from being checked', () => {
  const text = `{bad\n{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {"user": "system:anonymous", "readonly": true, "resource": "pods"}}\n`;
  const ids = lintText(text, 'abac').map((f) => f.ruleId);
  assert.ok(ids.includes('json-syntax'));
  assert.ok(ids.includes('abac-anonymous-access'));
});

test('hostile JSON: deep nesting and huge lines give a finding, never a throw', () => {
  assert.equal(lintText('['.repeat(100_000), 'docker-daemon')[0]?.ruleId, 'json-syntax');
  assert.equal(lintText(`${'['.repeat(50_000)}\n`, 'abac')[0]?.ruleId, 'json-syntax');
  assert.equal(lintText('\u0000\u0001binary', 'docker-daemon')[0]?.ruleId, 'binary-file');
});

test('JSON configuration files take no comments: no "disable for this line" action is offered', () => {
  const text = '{\n  "icc": true\n}\n';
  const finding = lintText(text, 'docker-daemon').find((f) => f.ruleId === 'docker-daemon-icc')!;
  assert.equal(disableForLineFix(text, 'docker-daemon', finding), undefined);
  assert.equal(disableForLineFix('{"user": "*", "namespace": "*"}\n', 'abac', finding), undefined);
});
