import { settingsWith, podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('dangerous-capabilities', {
  valid: [
    { name: 'no securityContext', podSpec: `containers:\n- name: web\n` },
    {
      name: 'every capability of the baseline set',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]
      `,
    },
    {
      name: 'dropping is never a problem',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              drop: [ALL, NET_RAW, SYS_ADMIN]
              add: ["NET_BIND_SERVICE"]
      `,
    },
  ],
  invalid: [
    {
      name: 'one finding per capability outside the set',
      podSpec: `
        containers:
        - name: web
          securityContext:
            capabilities:
              add:
              - NET_ADMIN
              - CHOWN
              - SYS_ADMIN  # for mount
              - NET_RAW
      `,
      errors: [
        { at: 'NET_ADMIN', message: ['Container "web" adds capability NET_ADMIN', 'outside the baseline set'] },
        { at: 'SYS_ADMIN', message: 'Container "web" adds capability SYS_ADMIN' },
        { at: 'NET_RAW', message: 'capability NET_RAW' },
      ],
    },
    {
      name: 'init and ephemeral containers, ALL and misspelt default capabilities',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {capabilities: {add: ["ALL"]}}
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
          securityContext:
            capabilities:
              add: [SYS_PTRACE, CAP_CHOWN]
      `,
      errors: [
        { at: '"ALL"', message: 'Init container "setup" adds ALL capabilities' },
        { at: 'SYS_PTRACE', message: 'Ephemeral container "debug" adds capability SYS_PTRACE' },
        { at: 'CAP_CHOWN', message: ['Ephemeral container "debug"', 'write it as CHOWN'] },
      ],
    },
  ],
});

podFixTests('dangerous-capabilities', [
  {
    name: 'remove the capability (suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities:\n      add:\n      - NET_BIND_SERVICE\n      - SYS_ADMIN\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    securityContext:\n      capabilities:\n        add:\n        - NET_BIND_SERVICE\n`,
  },
  { name: 'the only capability: add becomes []', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities:\n      add:\n        - NET_ADMIN\n`, contains: ['add: []'] },
  // Under restricted, CHOWN is reported by capabilities-not-dropped: the respelling is offered under baseline only.
  { name: 'respell cap_chown', title: 'Write the capability as CHOWN', kind: 'suggestion', settings: settingsWith({ profile: 'baseline' }), podSpec: `containers:\n- name: web\n  securityContext:\n    capabilities:\n      add: [cap_chown]\n`, contains: ['add: [CHOWN]'] },
]);
