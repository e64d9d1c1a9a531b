import { podRuleTests } from '../../helpers/rule-tester';
import { noFixTests, podFixTests } from '../../helpers/fix-tester';

podRuleTests('privilege-escalation-allowed', {
  valid: [
    {
      name: 'false on every container: init, app and ephemeral',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {allowPrivilegeEscalation: false}
        containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
        ephemeralContainers:
        - name: debug
          securityContext:
            allowPrivilegeEscalation: false
      `,
    },
    {
      name: 'Windows pods are exempt (policy 1.25+)',
      podSpec: `
        os:
          name: windows
        containers:
        - name: web
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      `,
    },
  ],
  invalid: [
    {
      name: 'no securityContext: the container name is underlined',
      podSpec: `
        containers:
        - name: web
          image: nginx:1.27
      `,
      errors: [{ at: 'name', occurrence: 1, message: 'Container "web" does not set securityContext.allowPrivilegeEscalation: false.' }],
    },
    {
      name: 'securityContext without the field: the securityContext key is underlined',
      podSpec: `
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
      `,
      errors: [{ at: 'securityContext', message: 'Container "web" does not set' }],
    },
    {
      name: 'explicit true',
      podSpec: `
        containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: true
      `,
      errors: [{ at: 'allowPrivilegeEscalation: true', message: ['Container "web" allows privilege escalation', 'allowPrivilegeEscalation: true'] }],
    },
    {
      name: 'null value counts as missing and underlines the key',
      podSpec: `
        containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation:
      `,
      errors: [{ at: 'allowPrivilegeEscalation', message: 'does not set' }],
    },
    {
      name: 'the string "false" is not false',
      podSpec: `
        containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: "false"
      `,
      errors: [{ at: 'allowPrivilegeEscalation: "false"', message: 'allows privilege escalation' }],
    },
    {
      name: 'init and ephemeral containers are checked, the good app container is not reported',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {allowPrivilegeEscalation: true}
        containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
        ephemeralContainers:
        - name: debug
          image: busybox
      `,
      errors: [
        { at: 'allowPrivilegeEscalation: true', message: 'Init container "setup"' },
        { at: 'name', occurrence: 3, message: 'Ephemeral container "debug"' },
      ],
    },
    {
      name: 'a pod-level securityContext does not cover the containers (the field exists only per container)',
      podSpec: `
        securityContext:
          runAsNonRoot: true
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 1 }],
    },
    {
      name: 'Linux pods and user-namespaced pods are not exempt',
      podSpec: `
        os: {name: linux}
        hostUsers: false
        containers:
        - name: web
          securityContext: {}
      `,
      errors: [{ at: 'securityContext' }],
    },
  ],
});

podFixTests('privilege-escalation-allowed', [
  {
    name: 'creates securityContext',
    kind: 'fix',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n`,
  },
  { name: 'true -> false (the author wrote it: a suggestion)', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext:\n    allowPrivilegeEscalation: true\n`, contains: ['allowPrivilegeEscalation: false'] },
  { name: 'indented sequences, 4 spaces', kind: 'fix', podSpec: `containers:\n    -   name: web\n        securityContext:\n            runAsNonRoot: true\n`, matches: [/\n( *)runAsNonRoot: true\n\1allowPrivilegeEscalation: false\n/] },
  { name: 'init container, empty securityContext', kind: 'fix', podSpec: `initContainers:\n- name: setup\n  securityContext: {}\ncontainers:\n- name: web\n  securityContext:\n    allowPrivilegeEscalation: false\n`, contains: ['securityContext: {allowPrivilegeEscalation: false}'] },
]);

noFixTests('privilege-escalation-allowed', [
  // The API server rejects allowPrivilegeEscalation: false next to privileged: true or CAP_SYS_ADMIN.
  { name: 'privileged container', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: true\n` },
  { name: 'SYS_ADMIN added', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    securityContext:\n      capabilities:\n        add: [SYS_ADMIN]\n` },
]);
