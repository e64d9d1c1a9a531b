// secret-in-manifest on an EncryptionConfiguration (apiserver.config.k8s.io/v1): provider keys (keys[].secret)
// committed to a repository defeat encryption at rest (issue 22 follow-up). Error for real-looking key material
// (base64 of 16, 24 or 32 random bytes), warning for any other literal, nothing for placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';
import { randomBytes } from '../../helpers/fake-secrets';
import { judgeEncryptionKey } from '../../../server/src/engine/secrets';

const ID = 'secret-in-manifest';
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

/** An EncryptionConfiguration for Secrets with `providers` (YAML lines indented for the list). */
const config = (providers: string): string =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources:\n      - secrets\n    providers:\n${providers.replace(/^/gm, '      ').trimEnd()}\n`;
const keys = (provider: string, ...secrets: string[]): string =>
  `- ${provider}:\n    keys:\n${secrets.map((s, i) => `      - name: key${i + 1}\n        secret: ${s}`).join('\n')}`;

const KEY32 = b64(randomBytes(221, 32));
const KEY24 = b64(randomBytes(222, 24));
const KEY16 = b64(randomBytes(223, 16));

test(`${ID}: the issue's reproduction: a random aescbc key committed in an EncryptionConfiguration is an error at "secret"`, () => {
  const text = config(`${keys('aescbc', KEY32)}\n- identity: {}`);
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [{ at: 'secret', occurrence: 1, message: ['EncryptionConfiguration aescbc key "key1"', 'looks like a real encryption key'] }]);
  assert.equal(findings[0]!.severity, 'error');
});

test(`${ID}: every key of every provider, 16/24/32-byte keys errors, other literals warnings`, () => {
  const text = config(
    [
      keys('aesgcm', KEY16, KEY24),
      keys('secretbox', KEY32),
      // The Kubernetes docs' example value: base64 of the text "secret is secure" (16 bytes, but text, not key material).
      keys('aescbc', b64('secret is secure'), 'not-base64-at-all!', b64(randomBytes(224, 20))),
      '- identity: {}',
    ].join('\n'),
  );
  const findings = findingsOf(ID, text);
  // Each finding underlines the `secret` key of one keys[] entry ("secret" also occurs in "secrets" and "secretbox").
  const secretKeys = [...text.matchAll(/^ *secret(?=: )/gm)].map((m) => m.index! + m[0].length - 'secret'.length);
  assert.deepEqual(findings.map((f) => [f.span.start, f.span.end]), secretKeys.map((start) => [start, start + 'secret'.length]));
  const expected = [
    'aesgcm key "key1" holds what looks like a real encryption key',
    'aesgcm key "key2" holds what looks like a real encryption key',
    'secretbox key "key1" holds what looks like a real encryption key',
    'aescbc key "key1" has a committed secret',
    'aescbc key "key2" has a committed secret',
    'aescbc key "key3" has a committed secret',
  ];
  findings.forEach((f, i) => assert.ok(f.message.includes(expected[i]!), f.message));
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error', 'error', 'warning', 'warning', 'warning']);
});

test(`${ID}: placeholders, empty secrets, kms and identity providers are not flagged`, () => {
  for (const placeholder of ['<BASE 64 ENCODED SECRET>', '${KEY}', '"${ENCRYPTION_KEY}"', '$(KEY)', '"{{ .Values.encryptionKey }}"', '""', "''", 'changeme', '<redacted>']) {
    const text = config(keys('aescbc', placeholder));
    assert.deepEqual(findingsOf(ID, text), [], placeholder);
  }
  const kms = config('- kms:\n    apiVersion: v2\n    name: vault\n    endpoint: unix:///var/run/kms.sock\n- identity: {}');
  assert.deepEqual(findingsOf(ID, kms), []);
  // A key without a secret, and a secret that is not a scalar: nothing to judge.
  assert.deepEqual(findingsOf(ID, config('- aescbc:\n    keys:\n      - name: key1\n      - name: key2\n        secret: {a: 1}')), []);
  // Other kinds and API groups are not EncryptionConfigurations.
  const other = `apiVersion: example.com/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n${keys('aescbc', KEY32).replace(/^/gm, '      ')}\n`;
  assert.deepEqual(findingsOf(ID, other), []);
});

test(`${ID}: judgeEncryptionKey`, () => {
  assert.equal(judgeEncryptionKey(KEY32), 'key');
  assert.equal(judgeEncryptionKey(` ${KEY16} `), 'key');
  assert.equal(judgeEncryptionKey(b64(randomBytes(225, 31))), 'committed');
  assert.equal(judgeEncryptionKey(b64('0123456789abcdef0123456789abcdef')), 'committed'); // 32 bytes of text
  assert.equal(judgeEncryptionKey('<BASE 64 ENCODED SECRET>'), 'none');
  assert.equal(judgeEncryptionKey('${KEY}'), 'none');
  assert.equal(judgeEncryptionKey(''), 'none');
});

test(`${ID}: an EncryptionConfiguration's messages never contain a key, nor 8 characters of one`, () => {
  const values = [KEY32, KEY24, KEY16, b64('secret is secure')];
  const text = config(keys('aescbc', ...values));
  const findings = findingsOf(ID, text);
  assert.equal(findings.length, values.length);
  const decoded = values.map((v) => Buffer.from(v, 'base64').toString('latin1'));
  for (const f of findings) {
    assert.equal(text.slice(f.span.start, f.span.end), 'secret', 'the span covers the key only');
    for (const v of [...values, ...decoded]) for (let i = 0; i + 8 <= v.length; i++) assert.ok(!f.message.includes(v.slice(i, i + 8)), f.message);
    assert.doesNotMatch(f.message, /\b(16|24|32)\b|byte/, 'no hint of the key length');
  }
});
