import { test } from 'node:test';
import { assertFindings, findingsOf, podRuleTests, settingsWith, workload } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('missing-cpu-limit', {
  valid: [
    {
      name: 'init and app containers set a CPU limit',
      podSpec: `
        initContainers:
        - name: setup
          resources: {limits: {cpu: 100m}}
        containers:
        - name: web
          resources:
            limits:
              cpu: 1
        ephemeralContainers:
        - name: debug
      `,
    },
    {
      name: 'a pod-level CPU limit covers every container',
      podSpec: `
        resources:
          limits:
            cpu: 1500m
        containers:
        - name: web
        - name: sidecar
      `,
    },
    {
      name: 'turned off in the settings',
      podSpec: `containers:\n- name: web\n`,
      settings: settingsWith({ rules: { 'missing-cpu-limit': 'off' } }),
    },
  ],
  invalid: [
    {
      name: 'no CPU limit in any container',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            limits:
              memory: 64Mi
        containers:
        - name: web
          resources:
            requests:
              cpu: 250m
      `,
      errors: [
        { at: 'limits', message: 'Init container "setup" has no CPU limit (resources.limits.cpu).' },
        { at: 'resources', occurrence: 1, message: 'Container "web" has no CPU limit' },
      ],
    },
    {
      name: 'a zero CPU limit means no CFS quota',
      podSpec: `
        containers:
        - name: web
          resources:
            limits:
              cpu: 0m
      `,
      errors: [{ at: 'cpu: 0m', message: 'treats as no CPU limit' }],
    },
  ],
});

test('missing-cpu-limit keeps its default severity and can be raised', () => {
  const text = workload('Deployment', `containers:\n- name: web\n`);
  assertFindings(text, findingsOf('missing-cpu-limit', text), [{ at: 'name', occurrence: 1 }]);
  const raised = findingsOf('missing-cpu-limit', text, settingsWith({ rules: { 'missing-cpu-limit': 'error' } }));
  if (raised[0]?.severity !== 'error') throw new Error(`severity ${raised[0]?.severity}`);
  if (findingsOf('missing-cpu-limit', text)[0]?.severity !== 'warning') throw new Error('default severity is warning');
});

podFixTests('missing-cpu-limit', [
  {
    name: 'inserts a resources block with the default limit (suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n      limits:\n        cpu: 500m\n`,
  },
  { name: 'completes an existing limits map', kind: 'suggestion', podSpec: `containers:\n- name: web\n  resources:\n    limits:\n      memory: 256Mi\n`, matches: [/\n( *)memory: 256Mi\n\1cpu: 500m\n/] },
  { name: 'never below the request', kind: 'suggestion', podSpec: `containers:\n- name: web\n  resources:\n    requests: {cpu: "2"}\n`, matches: [/limits:\n +cpu: "2"\n/] },
  { name: 'a zero limit gets the default', kind: 'suggestion', podSpec: `containers:\n- name: web\n  resources:\n    limits:\n      cpu: 0\n`, contains: ['cpu: 500m'] },
  {
    name: 'the configured default',
    kind: 'suggestion',
    settings: settingsWith({ fixes: { defaultResources: { cpuLimit: '750m' } } }),
    podSpec: `containers:\n- name: web\n`,
    contains: ['cpu: 750m'],
  },
]);
