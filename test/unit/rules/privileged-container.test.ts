import { podRuleTests } from '../../helpers/rule-tester';
import { noFixTests, podFixTests } from '../../helpers/fix-tester';

podRuleTests('privileged-container', {
  valid: [
    { name: 'no securityContext', podSpec: `containers:\n- name: web\n  image: nginx:1.27\n` },
    { name: 'privileged: false', podSpec: `containers:\n- name: web\n  image: nginx:1.27\n  securityContext:\n    privileged: false\n` },
    { name: 'string "true" is not privileged (the API rejects it)', podSpec: `containers:\n- name: web\n  securityContext:\n    privileged: "true"\n` },
  ],
  invalid: [
    {
      name: 'app container',
      podSpec: `containers:\n- name: web\n  image: nginx:1.27\n  securityContext:\n    privileged: true\n`,
      errors: [{ at: 'privileged: true', message: ['Container "web"', 'privileged: true'] }],
    },
    {
      name: 'init and ephemeral containers',
      podSpec: `initContainers:\n- name: setup\n  securityContext: {privileged: true}\ncontainers:\n- name: web\nephemeralContainers:\n- name: debug\n  securityContext:\n    privileged: true  # debugging\n`,
      errors: [
        { at: 'privileged: true', message: 'Init container "setup"' },
        { at: 'privileged: true', occurrence: 1, message: 'Ephemeral container "debug"' },
      ],
    },
  ],
});

podFixTests('privileged-container', [
  {
    name: 'privileged: true -> false, comment kept',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n  securityContext:\n    privileged: true  # why\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: false # why\n`,
  },
  { name: 'flow securityContext', kind: 'suggestion', podSpec: `initContainers:\n- name: setup\n  securityContext: {privileged: true, runAsUser: 1000}\ncontainers:\n- name: web\n`, contains: ['{privileged: false, runAsUser: 1000}'] },
]);

noFixTests('privileged-container', [
  { name: 'value through an alias', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  annotations:\n    x: &t true\nspec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: *t\n` },
]);
