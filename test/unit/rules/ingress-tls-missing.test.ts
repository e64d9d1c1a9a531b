import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';
import { tlsCovers } from '../../../server/src/engine/rules/network/ingress-tls-missing';

const ID = 'ingress-tls-missing';
const check = (text: string, expected: Parameters<typeof assertFindings>[2]) => assertFindings(text, findingsOf(ID, text), expected);

const ingress = (spec: string, apiVersion = 'networking.k8s.io/v1'): string =>
  `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n${dedent(spec).replace(/^/gm, '  ').trimEnd()}\n`;

const RULES = `
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: shop, port: {number: 80}}
  - host: api.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: api, port: {number: 80}}
`;

/** The reproduction of issue 16: an Ingress without TLS passed without a finding. */
test(`${ID} invalid: no spec.tls, underlined on spec`, () => {
  check(ingress(RULES), [{ at: 'spec', message: ['Ingress "shop"', 'no spec.tls', '2 hosts are served over plain HTTP'] }]);
  check(ingress(RULES, 'extensions/v1beta1'), [{ at: 'spec' }]);
  check(ingress('defaultBackend:\n  service: {name: shop, port: {number: 80}}'), [{ at: 'spec', message: 'its traffic is served' }]);
});

test(`${ID} invalid: an empty tls list, underlined on tls`, () => {
  check(ingress(`tls: []\n${dedent(RULES)}`), [{ at: 'tls', message: 'empty spec.tls' }]);
});

test(`${ID} invalid: a host that no tls entry lists, on that host`, () => {
  const text = ingress(`tls:\n- hosts: [shop.example.com]\n  secretName: shop-tls\n${dedent(RULES)}`);
  check(text, [{ at: 'api.example.com', occurrence: 0, message: 'serves host "api.example.com" over plain HTTP' }]);
});

test(`${ID} valid: every host covered, exactly, by a wildcard or case-insensitively`, () => {
  check(ingress(`tls:\n- hosts: [shop.example.com]\n  secretName: a\n- hosts: [api.example.com]\n  secretName: b\n${dedent(RULES)}`), []);
  check(ingress(`tls:\n- hosts: ['*.example.com']\n  secretName: wildcard\n${dedent(RULES)}`), []);
  check(ingress(`tls:\n- hosts: [SHOP.example.com, Api.Example.com]\n  secretName: a\n${dedent(RULES)}`), []);
});

test(`${ID} valid: a tls entry without hosts (the controller's default certificate) covers every host`, () => {
  check(ingress(`tls:\n- secretName: default-cert\n${dedent(RULES)}`), []);
});

test(`${ID} valid: rules without a host once tls is set; other kinds and groups`, () => {
  check(ingress('tls:\n- hosts: [a.example.com]\n  secretName: a\nrules:\n- http:\n    paths: []'), []);
  check(ingress(RULES).replace('kind: Ingress', 'kind: IngressClass'), []);
  check(ingress(RULES, 'traefik.io/v1alpha1'), []);
});

test(`${ID} tlsCovers: wildcards cover exactly one label`, () => {
  assert.equal(tlsCovers('*.example.com', 'a.example.com'), true);
  assert.equal(tlsCovers('*.example.com', 'a.b.example.com'), false);
  assert.equal(tlsCovers('*.example.com', 'example.com'), false);
  assert.equal(tlsCovers('*.example.com', '*.example.com'), true);
  assert.equal(tlsCovers('a.example.com', '*.example.com'), false);
});
