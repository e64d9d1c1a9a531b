import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';

const ID = 'kubeconfig-plaintext-token';
const config = (users: Record<string, string[]>): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'users:',
    ...Object.entries(users).flatMap(([name, lines]) => [`- name: ${name}`, '  user:', ...lines.map((l) => `    ${l}`)]),
    '',
  ].join('\n');

test(`${ID}: tokenFile, exec plugins, client certificates and token-free auth providers are not reported`, () => {
  const text = config({
    file: ['tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token'],
    certs: ['client-certificate-data: Q0VSVA==', 'client-key-data: S0VZ'],
    plugin: [
      'exec:',
      '  apiVersion: client.authentication.k8s.io/v1',
      '  command: kubectl',
      '  args: [oidc-login, get-token, --oidc-issuer-url=https://issuer.example.com]',
      '  env:',
      '  - name: TOKEN_CACHE_DIR',
      '    value: /home/jane/.kube/cache/oidc-login',
    ],
    gcp: ['auth-provider:', '  name: gcp', '  config:', '    cmd-path: /usr/bin/gcloud', '    access-token: ""'],
    emptyToken: ['token: ""', 'tokenFile: /run/token'],
  });
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: a literal token is a warning at its key`, () => {
  const text = config({ deployer: ['token: abc.def.ghi'], 'ci-bot': ['tokenFile: /run/token', 'token: "12345"'] });
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'token', occurrence: 0, message: ['User "deployer"', 'bearer token'] },
    { at: 'token', occurrence: 3, message: 'User "ci-bot"' },
  ]);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
  assert.ok(findings.every((f) => !f.message.includes('abc.def') && !f.message.includes('12345')));
});

test(`${ID}: tokens an auth-provider caches in its config are reported one by one`, () => {
  const text = config({
    jane: [
      'auth-provider:',
      '  name: oidc',
      '  config:',
      '    client-id: kubernetes',
      '    client-secret: not-a-token-here',
      '    id-token: eyJhbGciOi.payload.sig',
      '    idp-issuer-url: https://issuer.example.com',
      '    refresh-token: ChlvcGVuaWQ',
    ],
    azure: ['auth-provider:', '  name: azure', '  config:', '    access-token: tok', '    tenant-id: t'],
  });
  assertFindings(text, findingsOf(ID, text), [
    { at: 'id-token', message: ['User "jane"', 'id-token of auth-provider "oidc"'] },
    { at: 'refresh-token', message: 'refresh-token of auth-provider "oidc"' },
    { at: 'access-token', message: ['User "azure"', 'access-token of auth-provider "azure"'] },
  ]);
});
