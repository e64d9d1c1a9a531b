import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'service-account-token-secret';
const check = (text: string, expected: Parameters<typeof assertFindings>[2]) => assertFindings(text, findingsOf(ID, text), expected);

/** The reproduction of issue 16: a legacy token Secret (with a token in it) passed without this finding. */
const TOKEN = dedent(`
  apiVersion: v1
  kind: Secret
  metadata:
    name: ci-deployer-token
    annotations:
      kubernetes.io/service-account.name: ci-deployer
  type: kubernetes.io/service-account-token
  data:
    token: ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNklrMTZNMlUxIn0K
`);

test(`${ID} invalid: on the type pair, naming the account, never the data`, () => {
  check(TOKEN, [{ at: 'type: kubernetes.io/service-account-token', message: ['Secret "ci-deployer-token"', 'ServiceAccount "ci-deployer"', 'never expires'] }]);
  const [finding] = findingsOf(ID, TOKEN);
  assert.ok(!finding!.message.includes('ZXlK'), finding!.message);
});

test(`${ID} invalid: quoted type, no annotation`, () => {
  const text = TOKEN.replace('type: kubernetes.io/service-account-token', 'type: "kubernetes.io/service-account-token"').replace(/  annotations:\n.*\n/, '');
  check(text, [{ at: 'type: "kubernetes.io/service-account-token"', message: 'holds a long-lived token (type' }]);
});

test(`${ID} valid: other Secret types, other kinds and groups`, () => {
  check(TOKEN.replace('kubernetes.io/service-account-token', 'Opaque'), []);
  check(TOKEN.replace('kubernetes.io/service-account-token', 'kubernetes.io/dockerconfigjson'), []);
  check(TOKEN.replace('kind: Secret', 'kind: ConfigMap'), []);
  check(TOKEN.replace('apiVersion: v1', 'apiVersion: bitnami.com/v1alpha1'), []);
});
