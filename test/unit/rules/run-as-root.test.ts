import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('run-as-root', {
  valid: [
    {
      name: 'pod-level runAsNonRoot: true covers init, app and ephemeral containers',
      podSpec: `
        securityContext:
          runAsNonRoot: true
        initContainers:
        - name: setup
        containers:
        - name: web
          securityContext:
            runAsUser: 10001
        ephemeralContainers:
        - name: debug
      `,
    },
    {
      name: 'every container sets runAsNonRoot: true, the pod does not',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {runAsNonRoot: true}
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
        ephemeralContainers:
        - name: debug
          securityContext:
            runAsNonRoot: true
      `,
    },
    {
      name: 'container-level runAsNonRoot: null falls back to the pod-level true',
      podSpec: `
        securityContext:
          runAsNonRoot: true
          runAsUser: 1000
        containers:
        - name: web
          securityContext:
            runAsNonRoot:
      `,
    },
    {
      name: 'hostUsers: false (user namespace) relaxes both checks (policy 1.35)',
      podSpec: `
        hostUsers: false
        securityContext:
          runAsUser: 0
        containers:
        - name: web
          securityContext:
            runAsNonRoot: false
      `,
    },
  ],
  invalid: [
    {
      name: 'nothing set: every container is reported at its name',
      podSpec: `
        initContainers:
        - name: setup
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
      `,
      errors: [
        { at: 'name', occurrence: 1, message: 'Init container "setup" may run as root' },
        { at: 'name', occurrence: 2, message: 'Container "web" may run as root: securityContext.runAsNonRoot: true is set neither on the container nor on the pod.' },
        { at: 'name', occurrence: 3, message: 'Ephemeral container "debug"' },
      ],
    },
    {
      name: 'a container-level false overrides a pod-level true',
      podSpec: `
        securityContext:
          runAsNonRoot: true
        containers:
        - name: web
          securityContext:
            runAsNonRoot: false
        - name: sidecar
      `,
      errors: [{ at: 'runAsNonRoot: false', message: 'Container "web" may run as root (securityContext.runAsNonRoot: false).' }],
    },
    {
      name: 'a pod-level false is reported once, even when containers set true',
      podSpec: `
        securityContext:
          runAsNonRoot: false
        initContainers:
        - name: setup
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
      `,
      errors: [{ at: 'runAsNonRoot: false', message: 'The pod sets securityContext.runAsNonRoot: false' }],
    },
    {
      name: 'pod unset: the container that does not opt in is reported at its securityContext',
      podSpec: `
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
        - name: sidecar
          securityContext:
            readOnlyRootFilesystem: true
      `,
      errors: [{ at: 'securityContext', occurrence: 1, message: 'Container "sidecar"' }],
    },
    {
      name: 'runAsUser: 0 at pod level is reported even when containers override it (as the reference does)',
      podSpec: `
        securityContext:
          runAsNonRoot: true
          runAsUser: 0
        containers:
        - name: web
          securityContext:
            runAsUser: 1000
      `,
      errors: [{ at: 'runAsUser: 0', message: 'The pod runs its containers as root (securityContext.runAsUser: 0).' }],
    },
    {
      name: 'runAsUser: 0 at container level overrides a non-zero pod value; init and ephemeral too',
      podSpec: `
        securityContext:
          runAsNonRoot: true
          runAsUser: 1000
        initContainers:
        - name: setup
          securityContext: {runAsUser: 0}
        containers:
        - name: web
          securityContext:
            runAsUser: 0
        ephemeralContainers:
        - name: debug
          securityContext:
            runAsUser: 0
      `,
      errors: [
        { at: 'runAsUser: 0', message: 'Init container "setup" runs as root (securityContext.runAsUser: 0).' },
        { at: 'runAsUser: 0', occurrence: 1, message: 'Container "web"' },
        { at: 'runAsUser: 0', occurrence: 2, message: 'Ephemeral container "debug"' },
      ],
    },
    {
      name: 'runAsNonRoot: true does not excuse an explicit runAsUser: 0 in the same container',
      podSpec: `
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
            runAsUser: 0
      `,
      errors: [{ at: 'runAsUser: 0', message: 'Container "web" runs as root' }],
    },
    // Issue 20: one finding per container (and one for the pod), with the strongest reason.
    {
      name: 'runAsUser: 0 and runAsNonRoot unset in one container: one finding, runAsUser: 0',
      podSpec: `
        containers:
        - name: web
          securityContext:
            runAsUser: 0
      `,
      errors: [{ at: 'runAsUser: 0', message: 'Container "web" runs as root (securityContext.runAsUser: 0).' }],
    },
    {
      name: 'runAsUser: 0 beats runAsNonRoot: false in the same container',
      podSpec: `
        containers:
        - name: web
          securityContext:
            runAsNonRoot: false
            runAsUser: 0
      `,
      errors: [{ at: 'runAsUser: 0', message: 'Container "web" runs as root' }],
    },
    {
      name: 'a pod-level runAsUser: 0 and runAsNonRoot unset: one pod finding, no container finding',
      podSpec: `
        securityContext:
          runAsUser: 0
        initContainers:
        - name: setup
        containers:
        - name: web
      `,
      errors: [{ at: 'runAsUser: 0', message: 'The pod runs its containers as root' }],
    },
    {
      name: 'a pod-level runAsUser: 0 beats a pod-level runAsNonRoot: false',
      podSpec: `
        securityContext:
          runAsNonRoot: false
          runAsUser: 0
        containers:
        - name: web
      `,
      errors: [{ at: 'runAsUser: 0', message: 'The pod runs its containers as root' }],
    },
    {
      name: 'pod-level and container-level values are reported where each is written, once per place',
      podSpec: `
        securityContext:
          runAsNonRoot: false
        containers:
        - name: web
          securityContext:
            runAsUser: 0
        - name: sidecar
          securityContext:
            runAsNonRoot: false
      `,
      errors: [
        { at: 'runAsNonRoot: false', message: 'The pod sets securityContext.runAsNonRoot: false' },
        { at: 'runAsUser: 0', message: 'Container "web" runs as root' },
        { at: 'runAsNonRoot: false', occurrence: 1, message: 'Container "sidecar" may run as root (securityContext.runAsNonRoot: false).' },
      ],
    },
    {
      name: 'an inherited runAsUser: 0 is the pod\'s finding; a container that overrides the user still needs runAsNonRoot',
      podSpec: `
        securityContext:
          runAsUser: 0
        containers:
        - name: web
        - name: sidecar
          securityContext:
            runAsUser: 1000
      `,
      errors: [
        { at: 'runAsUser: 0', message: 'The pod runs its containers as root' },
        { at: 'securityContext', occurrence: 1, message: 'Container "sidecar" may run as root: securityContext.runAsNonRoot: true is set neither' },
      ],
    },
    {
      name: 'Windows pods and hostUsers: true are not exempt',
      podSpec: `
        os: {name: windows}
        hostUsers: true
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 2 }],
    },
  ],
});

podFixTests('run-as-root', [
  {
    name: 'runAsNonRoot: true (suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n`,
  },
  { name: 'runAsNonRoot: false -> true', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext:\n    runAsNonRoot: false\n`, contains: ['runAsNonRoot: true'] },
  { name: 'runAsUser 0 moves to 10001 with runAsNonRoot', title: 'runAsNonRoot: true and runAsUser', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext:\n    runAsUser: 0\n`, contains: ['runAsUser: 10001', 'runAsNonRoot: true'] },
  { name: 'runAsUser: 0 alone', title: 'Set runAsUser: 10001', kind: 'suggestion', index: 0, podSpec: `containers:\n- name: web\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 0\n` },
  { name: 'pod runAsNonRoot: false', title: 'on the pod', kind: 'suggestion', podSpec: `securityContext:\n  runAsNonRoot: false\ncontainers:\n- name: web\n` },
  {
    name: 'container runAsUser: 0 and runAsNonRoot unset: the one finding sets both',
    title: 'Set runAsNonRoot: true and runAsUser: 10001',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  securityContext:\n    runAsUser: 0\n`,
    contains: ['runAsUser: 10001', 'runAsNonRoot: true'],
  },
  {
    name: 'pod runAsUser: 0: the pod finding sets both on the pod (its containers are covered)',
    title: 'Set runAsNonRoot: true and runAsUser: 10001 on the pod',
    kind: 'suggestion',
    podSpec: `securityContext:\n  runAsNonRoot: false\n  runAsUser: 0\ncontainers:\n- name: web\n`,
    contains: ['runAsNonRoot: true', 'runAsUser: 10001'],
  },
  { name: 'pod runAsUser: 0 under a pod-level runAsNonRoot: true', title: 'Set runAsUser: 10001 on the pod', kind: 'suggestion', podSpec: `securityContext:\n  runAsNonRoot: true\n  runAsUser: 0\ncontainers:\n- name: web\n` },
]);
