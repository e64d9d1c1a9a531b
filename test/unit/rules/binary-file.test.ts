import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';

test('binary content gives one informational finding', () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x41]);
  const findings = lintYaml(bytes.toString('utf8'));
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.ruleId, 'binary-file');
  assert.equal(findings[0]!.severity, 'info');
});

test('invalid UTF-8 without NUL bytes is binary too', () => {
  const text = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0xc3 : 0xff))).toString('utf8');
  assert.deepEqual(lintYaml(text).map((f) => f.ruleId), ['binary-file']);
});

test('ordinary text with a few non-ASCII characters is not binary', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: café\ndata:\n  greeting: "¡hola! — ünïcödé ✓"\n';
  assert.deepEqual(lintYaml(text), []);
});
