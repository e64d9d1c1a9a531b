import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('seccomp-profile-missing', {
  valid: [
    {
      name: 'pod-level RuntimeDefault covers init, app and ephemeral containers',
      podSpec: `
        securityContext:
          seccompProfile:
            type: RuntimeDefault
        initContainers:
        - name: setup
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
      `,
    },
    {
      name: 'every container sets its own profile (Localhost or RuntimeDefault)',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: web
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/web.json
        ephemeralContainers:
        - name: debug
          securityContext:
            seccompProfile: {type: RuntimeDefault}
      `,
    },
    {
      name: 'any other explicit type is left to seccomp-unconfined, and a set pod-level value covers its containers',
      podSpec: `
        securityContext:
          seccompProfile:
            type: Default
        containers:
        - name: web
        - name: tools
          securityContext:
            seccompProfile:
              type: runtime/default
      `,
    },
    {
      name: 'Unconfined is left to the baseline rule seccomp-unconfined',
      podSpec: `
        securityContext:
          seccompProfile: {type: Unconfined}
        containers:
        - name: web
        - name: tools
          securityContext:
            seccompProfile: {type: Unconfined}
      `,
    },
    {
      name: 'Windows pods are exempt (policy 1.25+)',
      podSpec: `
        os: {name: windows}
        containers:
        - name: web
      `,
    },
    {
      name: 'a container-level null falls back to the pod-level profile',
      podSpec: `
        securityContext:
          seccompProfile: {type: RuntimeDefault}
        containers:
        - name: web
          securityContext:
            seccompProfile:
      `,
    },
  ],
  invalid: [
    {
      name: 'nothing set: every container is reported at its nearest key',
      podSpec: `
        initContainers:
        - name: setup
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
        ephemeralContainers:
        - name: debug
      `,
      errors: [
        { at: 'name', occurrence: 1, message: 'Init container "setup" has no seccomp profile' },
        {
          at: 'securityContext',
          message: 'Container "web" has no seccomp profile: set securityContext.seccompProfile.type to RuntimeDefault or Localhost on the pod or the container.',
        },
        { at: 'name', occurrence: 3, message: 'Ephemeral container "debug"' },
      ],
    },
    {
      name: 'a pod securityContext without a profile does not cover the containers',
      podSpec: `
        securityContext:
          runAsNonRoot: true
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 1 }],
    },
    {
      name: 'only the containers without their own valid profile are reported',
      podSpec: `
        containers:
        - name: web
          securityContext:
            seccompProfile: {type: RuntimeDefault}
        - name: sidecar
          securityContext: {}
      `,
      errors: [{ at: 'securityContext', occurrence: 1, message: 'Container "sidecar"' }],
    },
    {
      name: 'a profile without a usable type, at pod and at container level',
      podSpec: `
        securityContext:
          seccompProfile: {}
        containers:
        - name: web
          securityContext:
            seccompProfile:
              localhostProfile: x.json
        - name: sidecar
          securityContext:
            seccompProfile: RuntimeDefault
      `,
      errors: [
        { at: 'seccompProfile', message: "The pod's securityContext.seccompProfile has no valid type" },
        { at: 'seccompProfile', occurrence: 1, message: 'Container "web" has a securityContext.seccompProfile without a valid type' },
        { at: 'seccompProfile', occurrence: 2, message: 'Container "sidecar"' },
      ],
    },
    {
      name: 'a non-string type is underlined where it is written',
      podSpec: `
        containers:
        - name: web
          securityContext:
            seccompProfile:
              type: 1
      `,
      errors: [{ at: 'type: 1', message: 'without a valid type' }],
    },
    {
      name: 'user-namespaced pods are not exempt',
      podSpec: `
        hostUsers: false
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 1 }],
    },
  ],
});

podFixTests('seccomp-profile-missing', [
  {
    name: 'pod-level RuntimeDefault',
    kind: 'fix',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n`,
  },
  { name: 'into an existing pod securityContext', kind: 'fix', podSpec: `securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: web\n- name: side\n` },
  { name: 'profile without a type', kind: 'fix', podSpec: `containers:\n- name: web\n  securityContext:\n    seccompProfile: {}\n`, contains: ['seccompProfile: {type: RuntimeDefault}'] },
]);
