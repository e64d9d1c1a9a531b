import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';

const ID = 'kubeconfig-basic-auth';
/** A kubeconfig whose users are given as `name` -> lines of the `user` map. */
const config = (users: Record<string, string[]>): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'users:',
    ...Object.entries(users).flatMap(([name, lines]) => [`- name: ${name}`, '  user:', ...lines.map((l) => `    ${l}`)]),
    '',
  ].join('\n');

test(`${ID}: other auth methods and empty basic-auth fields are not reported`, () => {
  const text = config({
    certs: ['client-certificate: /etc/k8s/admin.crt', 'client-key: /etc/k8s/admin.key'],
    file: ['tokenFile: /var/run/secrets/token'],
    plugin: ['exec:', '  apiVersion: client.authentication.k8s.io/v1', '  command: aws', '  args: [eks, get-token, --cluster-name, prod]'],
    impersonating: ['as: jane', 'tokenFile: /var/run/secrets/token'],
    empty: ['username: ""', 'password: ""'],
    nulls: ['username:', 'password: null'],
  });
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: a password is reported at its key, never at the value`, () => {
  const text = config({ admin: ['username: admin', 'password: s3cr3t-Pa55'], ops: ['password: hunter22', 'username: ops'] });
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'password', occurrence: 0, message: ['User "admin"', 'username and password'] },
    { at: 'password', occurrence: 1, message: 'User "ops"' },
  ]);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error']);
  assert.ok(findings.every((f) => !f.message.includes('s3cr3t') && !f.message.includes('hunter22')));
});

test(`${ID}: a username without a password is reported at the username key`, () => {
  const text = config({ legacy: ['username: admin', 'token: ""'] });
  assertFindings(text, findingsOf(ID, text), [{ at: 'username', message: ['User "legacy"', 'basic auth'] }]);
});

test(`${ID}: a flow-style user and an unnamed user`, () => {
  const text = 'apiVersion: v1\nkind: Config\nusers:\n- {name: a, user: {username: a, password: b}}\n- user:\n    password: c\n';
  assertFindings(text, findingsOf(ID, text), [
    { at: 'password', occurrence: 0, message: 'User "a"' },
    { at: 'password', occurrence: 1, message: 'User #2' },
  ]);
});
