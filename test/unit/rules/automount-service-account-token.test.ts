import { test } from 'node:test';
import { assertFindings, dedent, findingsOf, podRuleTests, workload } from '../../helpers/rule-tester';
import { WORKLOAD_KINDS } from '../../../server/src/engine/views/workloads';
import { assertFix, podFixTests } from '../../helpers/fix-tester';

podRuleTests('automount-service-account-token', {
  valid: [
    {
      name: 'the pod opts out',
      podSpec: `
        serviceAccountName: web
        automountServiceAccountToken: false
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'explicitly true',
      podSpec: `
        automountServiceAccountToken: true
        containers:
        - name: web
      `,
      errors: [{ at: 'automountServiceAccountToken: true', message: 'The pod sets automountServiceAccountToken: true: every container gets a Kubernetes API token.' }],
    },
    {
      name: 'a string "false" is not false',
      podSpec: `
        automountServiceAccountToken: "false"
        containers:
        - name: web
      `,
      errors: [{ at: 'automountServiceAccountToken: "false"', message: 'automountServiceAccountToken: false' }],
    },
  ],
});

test('automount-service-account-token: a pod spec without the field is reported at its spec key, in every workload kind', () => {
  for (const kind of WORKLOAD_KINDS) {
    const text = workload(kind, `serviceAccountName: web\ncontainers:\n- name: web\n`);
    // The pod spec's `spec:` is the last one of each expanded workload.
    const occurrence = text.split('spec').length - 2;
    assertFindings(text, findingsOf('automount-service-account-token', text), [
      { at: 'spec', occurrence, message: 'The pod does not set automountServiceAccountToken: false: its containers get a Kubernetes API token (unless its ServiceAccount disables it).' },
    ]);
  }
});

test('automount-service-account-token: ServiceAccounts', () => {
  const sa = (extra: string) => dedent(`
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: builder
      namespace: ci
    ${extra}
  `);
  const missing = sa('');
  assertFindings(missing, findingsOf('automount-service-account-token', missing), [
    { at: 'builder', message: 'ServiceAccount "builder" does not set automountServiceAccountToken: false: pods that use it get its token unless they opt out.' },
  ]);
  const explicit = sa('automountServiceAccountToken: true');
  assertFindings(explicit, findingsOf('automount-service-account-token', explicit), [
    { at: 'automountServiceAccountToken: true', message: 'ServiceAccount "builder" sets automountServiceAccountToken: true' },
  ]);
  const off = sa('automountServiceAccountToken: false');
  assertFindings(off, findingsOf('automount-service-account-token', off), []);
});

test('automount-service-account-token: other objects and custom ServiceAccount kinds are ignored', () => {
  for (const text of [
    dedent(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {a: b}
    `),
    dedent(`
      apiVersion: iam.example.com/v1
      kind: ServiceAccount
      metadata: {name: cloud}
    `),
  ]) {
    assertFindings(text, findingsOf('automount-service-account-token', text), []);
  }
});

podFixTests('automount-service-account-token', [
  {
    name: 'automountServiceAccountToken: false in the pod spec (suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n  automountServiceAccountToken: false\n`,
  },
  { name: 'true -> false', kind: 'suggestion', podSpec: `automountServiceAccountToken: true\ncontainers:\n- name: web\n`, contains: ['automountServiceAccountToken: false\n'] },
]);

test('automount-service-account-token: ServiceAccount suggestion', () => {
  assertFix('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n', 'automount-service-account-token', {
    kind: 'suggestion',
    expectedOutput: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\nautomountServiceAccountToken: false\n',
  });
});
