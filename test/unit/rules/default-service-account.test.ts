import { test } from 'node:test';
import { assertFindings, findingsOf, podRuleTests, workload } from '../../helpers/rule-tester';
import { WORKLOAD_KINDS } from '../../../server/src/engine/views/workloads';

podRuleTests('default-service-account', {
  valid: [
    { name: 'a dedicated service account', podSpec: `serviceAccountName: orders-api\ncontainers:\n- name: web\n` },
    { name: 'the deprecated serviceAccount alias', podSpec: `serviceAccount: orders-api\ncontainers:\n- name: web\n` },
    {
      name: 'an empty serviceAccountName falls back to the deprecated alias',
      podSpec: `serviceAccountName: ""\nserviceAccount: orders-api\ncontainers:\n- name: web\n`,
    },
    {
      name: 'serviceAccountName wins over the alias',
      podSpec: `serviceAccountName: orders-api\nserviceAccount: default\ncontainers:\n- name: web\n`,
    },
  ],
  invalid: [
    {
      name: 'serviceAccountName: default',
      podSpec: `serviceAccountName: default\nautomountServiceAccountToken: false\ncontainers:\n- name: web\n`,
      errors: [{ at: 'serviceAccountName: default', message: 'The pod runs as the namespace\'s "default" ServiceAccount (serviceAccountName: default).' }],
    },
    {
      name: 'serviceAccount: default (deprecated alias)',
      podSpec: `serviceAccount: default\ncontainers:\n- name: web\n`,
      errors: [{ at: 'serviceAccount: default', message: '(serviceAccount: default)' }],
    },
    {
      name: 'an empty name is underlined where it is written',
      podSpec: `serviceAccountName: ""\ncontainers:\n- name: web\n`,
      errors: [{ at: 'serviceAccountName: ""', message: 'The pod sets no serviceAccountName' }],
    },
  ],
});

test('default-service-account: no service account at all is reported at the pod spec key, in every workload kind', () => {
  for (const kind of WORKLOAD_KINDS) {
    const text = workload(kind, `automountServiceAccountToken: false\ncontainers:\n- name: web\n`);
    assertFindings(text, findingsOf('default-service-account', text), [
      { at: 'spec', occurrence: text.split('spec').length - 2, message: 'The pod sets no serviceAccountName: it runs as the namespace\'s "default" ServiceAccount.' },
    ]);
  }
});
