import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('capabilities-not-dropped', {
  valid: [
    {
      name: 'drop ALL everywhere, NET_BIND_SERVICE added back',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {capabilities: {drop: [ALL]}}
        containers:
        - name: web
          securityContext:
            capabilities:
              drop:
              - ALL
              add:
              - NET_BIND_SERVICE
        ephemeralContainers:
        - name: debug
          securityContext:
            capabilities:
              drop: [NET_RAW, ALL]
      `,
    },
    {
      name: 'adds outside the baseline default set are left to dangerous-capabilities',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              drop: [ALL]
              add: [SYS_ADMIN, NET_RAW]
      `,
    },
    {
      name: 'Windows pods are exempt (policy 1.25+)',
      podSpec: `
        os:
          name: windows
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'no securityContext: the container name is underlined',
      podSpec: `
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 1, message: 'Container "web" does not drop ALL capabilities (securityContext.capabilities.drop must include ALL).' }],
    },
    {
      name: 'securityContext without capabilities',
      podSpec: `
        containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
      `,
      errors: [{ at: 'securityContext' }],
    },
    {
      name: 'capabilities without drop',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              add: [NET_BIND_SERVICE]
      `,
      errors: [{ at: 'capabilities' }],
    },
    {
      name: 'a drop list without ALL underlines the drop key',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              drop:
              - NET_RAW
      `,
      errors: [{ at: 'drop' }],
    },
    {
      name: 'lower-case all is not ALL (the reference compares exactly)',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities: {drop: [all]}
      `,
      errors: [{ at: 'drop' }],
    },
    {
      name: 'each add other than NET_BIND_SERVICE is reported on its item',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              drop: [ALL]
              add:
              - CHOWN
              - NET_BIND_SERVICE
              - SETUID
      `,
      errors: [
        { at: 'CHOWN', message: 'Container "web" adds capability CHOWN; the restricted profile allows adding only NET_BIND_SERVICE.' },
        { at: 'SETUID', message: 'adds capability SETUID' },
      ],
    },
    {
      name: 'init and ephemeral containers; a user namespace does not relax it',
      podSpec: `
        hostUsers: false
        initContainers:
        - name: setup
          securityContext:
            capabilities: {drop: [ALL], add: [KILL]}
        containers:
        - name: web
          securityContext:
            capabilities: {drop: [ALL]}
        ephemeralContainers:
        - name: debug
      `,
      errors: [
        { at: 'KILL', message: 'Init container "setup" adds capability KILL' },
        { at: 'name', occurrence: 3, message: 'Ephemeral container "debug" does not drop ALL' },
      ],
    },
  ],
});

podFixTests('capabilities-not-dropped', [
  {
    name: 'creates securityContext.capabilities.drop',
    title: 'Drop ALL',
    kind: 'fix',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n`,
  },
  { name: 'merged into a block drop list', title: 'Drop ALL', kind: 'fix', podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities:\n      drop:\n        - NET_RAW  # x\n`, matches: [/\n( *)- NET_RAW {2}# x\n\1- ALL\n/] },
  { name: 'merged into a flow drop list', title: 'Drop ALL', kind: 'fix', podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities: {drop: [NET_RAW], add: [NET_BIND_SERVICE]}\n`, contains: ['{drop: [NET_RAW, ALL], add: [NET_BIND_SERVICE]}'] },
  { name: 'empty drop key', title: 'Drop ALL', kind: 'fix', podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities:\n      drop:\n`, matches: [/\n( *)drop:\n\1- ALL\n/] },
  {
    name: 'an added baseline capability: remove it (suggestion)',
    title: 'Remove capability CHOWN',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities:\n      drop: [ALL]\n      add: [NET_BIND_SERVICE, CHOWN]\n`,
  },
]);
