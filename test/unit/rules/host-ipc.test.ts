import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('host-ipc', {
  valid: [
    { name: 'not set', podSpec: `containers:\n- name: web\n` },
    { name: 'hostIPC: false', podSpec: `hostIPC: false\ncontainers:\n- name: web\n` },
    { name: 'string "true" is not a boolean', podSpec: `hostIPC: "true"\ncontainers:\n- name: web\n` },
  ],
  invalid: [
    {
      name: 'hostIPC: true',
      podSpec: `hostIPC: true\ncontainers:\n- name: web\n`,
      errors: [{ at: 'hostIPC: true', message: ['Pod shares the host IPC namespace', '(hostIPC: true)'] }],
    },
    {
      name: 'reported under the baseline profile too',
      podSpec: `containers:\n- name: web\nhostIPC: true\n`,
      settings: settingsWith({ profile: 'baseline' }),
      errors: [{ at: 'hostIPC: true' }],
    },
  ],
});

podFixTests('host-ipc', [
  {
    name: 'removes the key and its comment',
    kind: 'suggestion',
    podSpec: `hostIPC: true  # debugging\ncontainers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n`,
  },
  { name: 'last key of the pod spec', kind: 'suggestion', podSpec: `containers:\n- name: web\nhostIPC: true\n` },
]);
