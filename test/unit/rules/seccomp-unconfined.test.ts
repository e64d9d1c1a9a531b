import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('seccomp-unconfined', {
  valid: [
    { name: 'no seccompProfile (the restricted rule asks for one)', podSpec: `containers:\n- name: web\n` },
    {
      name: 'RuntimeDefault and Localhost at both levels',
      podSpec: `
        securityContext:
          seccompProfile:
            type: RuntimeDefault
        containers:
        - name: web
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/web.json
      `,
    },
    {
      name: 'a container may restore a profile the pod does not set',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'pod level, reported once even when a container overrides it',
      podSpec: `
        securityContext:
          seccompProfile:
            type: Unconfined
        containers:
        - name: web
          securityContext:
            seccompProfile:
              type: RuntimeDefault
      `,
      errors: [{ at: 'type: Unconfined', message: ['Pod runs without a seccomp profile', '(securityContext.seccompProfile.type: Unconfined)'] }],
    },
    {
      name: 'containers of every kind, and an invalid type',
      podSpec: `
        initContainers:
        - name: setup
          securityContext:
            seccompProfile: {type: Unconfined}
        containers:
        - name: web
          securityContext:
            seccompProfile:
              type: unconfined
        ephemeralContainers:
        - name: debug
          securityContext:
            seccompProfile:
              type: Unconfined  # debugging
      `,
      errors: [
        { at: 'type: Unconfined', message: 'Init container "setup" runs without a seccomp profile' },
        { at: 'type: unconfined', message: ['Container "web" sets securityContext.seccompProfile.type to "unconfined"', 'RuntimeDefault and Localhost'] },
        { at: 'type: Unconfined', occurrence: 1, message: 'Ephemeral container "debug" runs without a seccomp profile' },
      ],
    },
  ],
});

podFixTests('seccomp-unconfined', [
  {
    name: 'container type Unconfined -> RuntimeDefault',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault\n`,
  },
  { name: 'pod level, flow style', kind: 'suggestion', podSpec: `securityContext:\n  seccompProfile: {type: Unconfined}\ncontainers:\n- name: web\n`, contains: ['seccompProfile: {type: RuntimeDefault}'] },
]);
