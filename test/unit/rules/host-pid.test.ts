import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('host-pid', {
  valid: [
    { name: 'not set', podSpec: `containers:\n- name: web\n` },
    { name: 'hostPID: false', podSpec: `hostPID: false\ncontainers:\n- name: web\n` },
    { name: 'string "true" is not a boolean', podSpec: `hostPID: "true"\ncontainers:\n- name: web\n` },
    { name: 'shareProcessNamespace is not the host namespace', podSpec: `shareProcessNamespace: true\ncontainers:\n- name: web\n` },
  ],
  invalid: [
    {
      name: 'hostPID: true',
      podSpec: `hostPID: true\ncontainers:\n- name: web\n`,
      errors: [{ at: 'hostPID: true', message: ['Pod shares the host process namespace', '(hostPID: true)'] }],
    },
    {
      name: 'reported under the baseline profile too',
      podSpec: `containers:\n- name: web\nhostPID: true\n`,
      settings: settingsWith({ profile: 'baseline' }),
      errors: [{ at: 'hostPID: true' }],
    },
  ],
});

podFixTests('host-pid', [
  {
    name: 'removes the key and its comment',
    kind: 'suggestion',
    podSpec: `hostPID: true  # debugging\ncontainers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n`,
  },
  { name: 'last key of the pod spec', kind: 'suggestion', podSpec: `containers:\n- name: web\nhostPID: true\n` },
]);
