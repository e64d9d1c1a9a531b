import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('host-network', {
  valid: [
    { name: 'not set', podSpec: `containers:\n- name: web\n  image: nginx:1.27\n` },
    { name: 'hostNetwork: false', podSpec: `hostNetwork: false\ncontainers:\n- name: web\n` },
    { name: 'string "true" is not a boolean', podSpec: `hostNetwork: "true"\ncontainers:\n- name: web\n` },
    { name: 'other host namespaces are other rules', podSpec: `hostPID: true\nhostIPC: true\ncontainers:\n- name: web\n` },
  ],
  invalid: [
    {
      name: 'hostNetwork: true',
      podSpec: `hostNetwork: true  # for the CNI\ncontainers:\n- name: web\n`,
      errors: [{ at: 'hostNetwork: true', message: ['Pod uses the host network', '(hostNetwork: true)'] }],
    },
    {
      name: 'reported under the baseline profile too',
      podSpec: `containers:\n- name: web\nhostNetwork: true\n`,
      settings: settingsWith({ profile: 'baseline' }),
      errors: [{ at: 'hostNetwork: true' }],
    },
  ],
});

podFixTests('host-network', [
  {
    name: 'removes the key and its comment',
    kind: 'suggestion',
    podSpec: `hostNetwork: true  # debugging\ncontainers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n`,
  },
  { name: 'last key of the pod spec', kind: 'suggestion', podSpec: `containers:\n- name: web\nhostNetwork: true\n` },
]);
