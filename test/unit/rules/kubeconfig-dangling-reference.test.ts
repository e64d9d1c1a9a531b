import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const ID = 'kubeconfig-dangling-reference';
const CLUSTERS = 'clusters:\n- name: prod\n  cluster:\n    server: https://prod.example.com\n';
const USERS = 'users:\n- name: admin\n  user:\n    tokenFile: /run/token\n';
const head = 'apiVersion: v1\nkind: Config\n';

test(`${ID}: references that resolve, and empty ones, are not reported`, () => {
  const text =
    head +
    CLUSTERS +
    USERS +
    dedent(`
      contexts:
      - name: prod
        context:
          cluster: prod
          user: admin
          namespace: shop
      - name: anonymous
        context: {cluster: prod, user: ""}
      - name: nothing
        context:
      current-context: prod
    `);
  assertFindings(text, findingsOf(ID, text), []);
  const none = head + CLUSTERS + USERS + 'contexts: []\ncurrent-context: ""\n';
  assertFindings(none, findingsOf(ID, none), []);
});

test(`${ID}: a context naming a missing cluster or user is an error on the name`, () => {
  const text =
    head +
    CLUSTERS +
    USERS +
    dedent(`
      contexts:
      - name: staging
        context:
          cluster: staging
          user: admin
      - name: prod
        context: {cluster: prod, user: "prod-admin"}
      current-context: prod
    `);
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'staging', occurrence: 1, message: ['Context "staging" names cluster "staging"', 'invalid configuration'] },
    { at: '"prod-admin"', message: 'Context "prod" names user "prod-admin"' },
  ]);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error']);
});

test(`${ID}: a current-context naming no context is an error on its value`, () => {
  const text = head + CLUSTERS + USERS + 'contexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: production # typo\n';
  assertFindings(text, findingsOf(ID, text), [{ at: 'production', message: 'current-context names context "production"' }]);
});

test(`${ID}: a list the file does not define is left to the other files of a KUBECONFIG list`, () => {
  // What `kubectl config use-context` leaves in the first file of KUBECONFIG=a:b when b defines everything.
  const first = 'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: prod\nkind: Config\npreferences: {}\nusers: null\n';
  assertFindings(first, findingsOf(ID, first), []);
  // Contexts and clusters here, users elsewhere: the clusters are checked, the users are not.
  const split = head + CLUSTERS + 'contexts:\n- name: dev\n  context: {cluster: dev, user: dev}\ncurrent-context: dev\n';
  assertFindings(split, findingsOf(ID, split), [{ at: 'dev', occurrence: 1, message: 'names cluster "dev"' }]);
});

test(`${ID}: the first of duplicate entries satisfies a reference; a nameless entry satisfies none`, () => {
  const text = head + CLUSTERS + CLUSTERS.replace('clusters:\n', '') + '- cluster:\n    server: https://x.example.com\n' + USERS + 'contexts:\n- name: a\n  context: {cluster: prod, user: admin}\n- name: b\n  context: {cluster: "", user: admin}\n';
  assertFindings(text, findingsOf(ID, text), []);
});
