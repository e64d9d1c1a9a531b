import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';
import { assertFix } from '../../helpers/fix-tester';

const ID = 'kubeconfig-insecure-tls';
const config = (cluster: string): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: dev',
    '  cluster:',
    ...cluster.split('\n').map((l) => `    ${l}`),
    'contexts:',
    '- name: dev',
    '  context: {cluster: dev, user: dev}',
    'current-context: dev',
    'users:',
    '- name: dev',
    '  user:',
    '    tokenFile: /var/run/secrets/dev-token',
    '',
  ].join('\n');

test(`${ID}: verified TLS, an explicit false and a non-boolean are not reported`, () => {
  for (const cluster of [
    'server: https://dev.example.com:6443\ncertificate-authority-data: Q0FEQVRB',
    'server: https://dev.example.com:6443\ninsecure-skip-tls-verify: false',
    'server: https://dev.example.com:6443\ninsecure-skip-tls-verify: "true"',
    'server: https://dev.example.com:6443\ninsecure-skip-tls-verify: null',
  ]) {
    const text = config(cluster);
    assertFindings(text, findingsOf(ID, text), []);
  }
});

test(`${ID}: insecure-skip-tls-verify: true is reported on the pair, naming the cluster`, () => {
  const text = config('server: https://dev.example.com:6443\ninsecure-skip-tls-verify: true  # TODO');
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [{ at: 'insecure-skip-tls-verify: true', message: ['Cluster "dev"', 'not checked'] }]);
  assert.equal(findings[0]!.severity, 'error');
});

test(`${ID}: every cluster is checked, flow style included, in any document of the file`, () => {
  const text = dedent(`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: x}
    data:
      insecure-skip-tls-verify: "true"
    ---
    apiVersion: v1
    kind: Config
    clusters:
    - {name: a, cluster: {server: "https://a.example.com", insecure-skip-tls-verify: true}}
    - name: b
      cluster:
        insecure-skip-tls-verify: false
        server: https://b.example.com
    - cluster:
        insecure-skip-tls-verify: True
        server: https://c.example.com
  `);
  assertFindings(text, findingsOf(ID, text), [
    { at: 'insecure-skip-tls-verify: true', occurrence: 0, message: 'Cluster "a"' },
    { at: 'insecure-skip-tls-verify: True', message: 'Cluster #3' },
  ]);
});

test(`${ID}: a document that is not a kubeconfig is not read as one`, () => {
  const cluster = '  cluster:\n    insecure-skip-tls-verify: true\n    server: https://a.example.com\n';
  for (const text of [
    `apiVersion: example.com/v1\nkind: Config\nclusters:\n- name: a\n${cluster}`,
    `kind: Config\nclusters:\n- name: a\n${cluster}`,
    `apiVersion: v1\nkind: ClusterList\nclusters:\n- name: a\n${cluster}`,
    `apiVersion: v1\nkind: Config\npreferences: {}\nitems:\n- name: a\n${cluster}`,
  ]) {
    assertFindings(text, findingsOf(ID, text), []);
  }
});

test(`${ID}: suggestion removes the key (LF, CRLF, comments kept)`, () => {
  const text = config('server: https://dev.example.com:6443\ninsecure-skip-tls-verify: true # dev only\n# keep me\nproxy-url: http://proxy:3128');
  for (const t of [text, text.replace(/\n/g, '\r\n')]) {
    const eol = t.includes('\r\n') ? '\r\n' : '\n';
    const { output } = assertFix(t, ID, { kind: 'suggestion' });
    assert.ok(!output.includes('insecure-skip-tls-verify'));
    assert.ok(output.includes(`server: https://dev.example.com:6443${eol}    # keep me${eol}`), output);
  }
});

test(`${ID}: suggestion in the middle of the cluster map and as its only key but one`, () => {
  assertFix(config('insecure-skip-tls-verify: true\nserver: https://dev.example.com:6443'), ID, {
    expectedOutput: config('server: https://dev.example.com:6443'),
  });
});
