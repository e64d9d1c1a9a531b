import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';

const RULE = 'namespace-missing-pod-security';

const ns = (labels: string): string =>
  dedent(`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
    ${labels}
  `);

test(`${RULE}: baseline and restricted are enforced levels`, () => {
  for (const level of ['baseline', 'restricted', '"restricted"']) {
    const text = ns(`  labels:\n        pod-security.kubernetes.io/enforce: ${level}\n        pod-security.kubernetes.io/enforce-version: latest`);
    assertFindings(text, findingsOf(RULE, text), []);
  }
});

test(`${RULE}: no labels at all is reported at the name`, () => {
  const text = ns('');
  assertFindings(text, findingsOf(RULE, text), [
    {
      at: 'shop',
      message:
        'Namespace "shop" has no pod-security.kubernetes.io/enforce label: Pod Security Admission applies the cluster default (privileged unless configured). Set it to restricted or baseline.',
    },
  ]);
});

test(`${RULE}: labels without enforce (warn and audit only) are reported at the labels key`, () => {
  const text = ns(`  labels:\n        pod-security.kubernetes.io/warn: restricted\n        pod-security.kubernetes.io/audit: restricted`);
  assertFindings(text, findingsOf(RULE, text), [{ at: 'labels', message: 'has no pod-security.kubernetes.io/enforce label' }]);
});

test(`${RULE}: enforcing privileged is reported on the label`, () => {
  const text = ns(`  labels:\n        pod-security.kubernetes.io/enforce: privileged`);
  assertFindings(text, findingsOf(RULE, text), [
    { at: 'pod-security.kubernetes.io/enforce: privileged', message: 'Namespace "shop" enforces the privileged Pod Security Standard, which allows everything.' },
  ]);
});

test(`${RULE}: a value that is not a level (wrong case, empty, not a string)`, () => {
  for (const [value, shown] of [['Restricted', '"Restricted"'], ['""', '""'], ['true', 'true'], ['', 'null']] as const) {
    const text = ns(`  labels:\n        pod-security.kubernetes.io/enforce: ${value}`);
    assertFindings(text, findingsOf(RULE, text), [
      { at: `pod-security.kubernetes.io/enforce: ${value}`.trimEnd(), message: `pod-security.kubernetes.io/enforce is ${shown}, not privileged, baseline or restricted` },
    ]);
  }
});

test(`${RULE}: other kinds and custom Namespace kinds are ignored`, () => {
  for (const text of [
    dedent(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: shop}
    `),
    dedent(`
      apiVersion: hnc.x-k8s.io/v1alpha2
      kind: Namespace
      metadata: {name: shop}
    `),
  ]) {
    assertFindings(text, findingsOf(RULE, text), []);
  }
});
